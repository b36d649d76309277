/**
 * Shortens text for quoting back or listing on one line: whitespace runs become one space, and past
 * `max` characters (code points, so an emoji or a surrogate pair is never split) it ends with "…".
 * A 10,000-character query is never echoed whole.
 */
export function clip(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const chars = [...flat];
  return chars.length <= max ? flat : `${chars.slice(0, Math.max(0, max - 1)).join('').trimEnd()}…`;
}
