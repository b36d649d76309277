/** What a Discord user sees of an answer: flattened from the payload the adapter sent (contract drivers). */
import type { RenderedReply } from './adapter-contract.ts';

export interface Sent {
  content?: string;
  embeds?: Array<{ title?: string; url?: string; description?: string; footer?: { text: string }; fields?: Array<{ name: string; value: string }> }>;
  components?: Array<{ components: Array<{ label: string; custom_id: string }> }>;
  flags?: number;
}

/** What a Discord user sees: markdown escapes resolved, zero-width joiners invisible. */
export function visible(markdown: string): string {
  // Any escaped punctuation, `\_` included (underscore is a word character to \w).
  return markdown.replace(/\\([^\sA-Za-z0-9])/g, '$1').replace(/\u200b/g, '');
}

export function flatten(data: Sent, ephemeral: boolean): RenderedReply {
  const parts: string[] = [];
  if (data.content) parts.push(data.content);
  for (const embed of data.embeds ?? []) {
    for (const piece of [embed.title, embed.url, embed.description, ...(embed.fields ?? []).flatMap((f) => [f.name, f.value]), embed.footer?.text]) {
      if (piece) parts.push(piece);
    }
  }
  const buttons = (data.components ?? []).flatMap((row) => row.components.map((b) => b.label));
  parts.push(...buttons);
  return { text: visible(parts.join('\n')), buttons: buttons.map(visible), ephemeral, raw: data };
}

