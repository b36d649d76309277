/**
 * Discord's text limits count UTF-16 code units; this cuts within them without splitting a code point.
 * Apart from registration.ts so the chat port can use it without loading discord.js.
 */
/** Cuts to `max` characters on a code-point boundary, ending with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  if (trimmed.length <= max) return trimmed;
  let out = '';
  for (const point of trimmed) {
    if (out.length + point.length > max - 1) break;
    out += point;
  }
  return `${out.trimEnd()}…`;
}
