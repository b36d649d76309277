/** Just enough BibTeX to read the fields the library keeps; the entry text itself is kept verbatim. */

export interface BibtexFields {
  type: string;
  key: string;
  fields: Record<string, string>;
}

/** Reads `@type{key, name={value}, name="value", name=123}` with balanced braces. Null when malformed. */
export function parseBibtexFields(entry: string): BibtexFields | null {
  const head = /^@(\w+)\s*\{\s*([^,\s]*)\s*,/.exec(entry.trim());
  if (!head) return null;
  const fields: Record<string, string> = {};
  const body = entry.trim().slice(head[0].length);
  let i = 0;
  while (i < body.length) {
    const nameMatch = /^[\s,]*([A-Za-z][\w-]*)\s*=\s*/.exec(body.slice(i));
    if (!nameMatch) break;
    i += nameMatch[0].length;
    const name = nameMatch[1]!.toLowerCase();
    const open = body[i];
    let value = '';
    if (open === '{' || open === '"') {
      const close = open === '{' ? '}' : '"';
      let depth = 0;
      let j = i;
      for (; j < body.length; j += 1) {
        const ch = body[j];
        if (ch === '{') depth += 1;
        else if (ch === '}') depth -= 1;
        if (open === '{' ? depth === 0 && ch === close : depth === 0 && ch === close && j > i) break;
      }
      value = body.slice(i + 1, j);
      i = j + 1;
    } else {
      const m = /^[^,}\s]+/.exec(body.slice(i));
      value = m ? m[0] : '';
      i += value.length;
    }
    fields[name] = value.replace(/\s+/g, ' ').trim();
  }
  return { type: head[1]!.toLowerCase(), key: head[2]!, fields };
}

/** `{Title}` braces that protect capitalisation are not part of the text. */
export const stripBraces = (text: string): string => text.replace(/[{}]/g, '');
