/**
 * Invisible characters that change how the text around them is shown: bidi controls (an RLO in a feed
 * title can display "gpj.exe" as "exe.jpg", or reorder a paper title), and zero-width characters that
 * hide text or make two titles look alike while differing. Every message passes through
 * `stripInvisibleMessage` in each renderer (Slack, Discord, console) before it is escaped, so feed and
 * user text reaches no channel with them. Renderers add zero-width spaces of their own AFTER this, to
 * break mentions and code fences; those are ours and stay.
 *
 * Kept on purpose: a zero-width joiner between two pictographs (👩‍🔬 is one emoji built from three
 * code points), and ordinary whitespace. Removed: LRM/RLM/ALM, the embeddings, overrides and isolates
 * (U+202A–202E, U+2066–2069), ZWSP, ZWNJ, other ZWJs, word joiner and invisible operators
 * (U+2060–2064), the BOM / zero-width no-break space, the Mongolian vowel separator, the soft hyphen.
 */
import type { Block, Card, Field, Message, MessageLink } from './message.ts';

const BIDI_AND_ZERO_WIDTH = /[\u061C\u200B\u200C\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u180E\u00AD]/g;
/** A ZWJ not sitting between two pictographs (an emoji modifier or variation selector may precede it). */
const STRAY_ZWJ = /(?<![\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F])\u200D|\u200D(?!\p{Extended_Pictographic})/gu;
const ANY = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u180E\u00AD]/;

/** True for one of the characters `stripInvisible` may remove (a ZWJ included, whatever surrounds it). */
export function isInvisible(char: string): boolean {
  return char.length <= 2 && ANY.test(char);
}

export function stripInvisible(text: string): string {
  if (!ANY.test(text)) return text;
  return text.replace(BIDI_AND_ZERO_WIDTH, '').replace(STRAY_ZWJ, '');
}

const field = (f: Field): Field => ({ ...f, label: stripInvisible(f.label), value: stripInvisible(f.value) });
const link = (l: MessageLink): MessageLink => ({ ...l, label: stripInvisible(l.label), url: stripInvisible(l.url) });

function card(c: Card): Card {
  return {
    ...c,
    title: stripInvisible(c.title),
    ...(c.url !== undefined ? { url: stripInvisible(c.url) } : {}),
    ...(c.subtitle !== undefined ? { subtitle: stripInvisible(c.subtitle) } : {}),
    ...(c.text !== undefined ? { text: stripInvisible(c.text) } : {}),
    ...(c.fields ? { fields: c.fields.map(field) } : {}),
    ...(c.links ? { links: c.links.map(link) } : {}),
    ...(c.footer !== undefined ? { footer: stripInvisible(c.footer) } : {}),
  };
}

function block(b: Block): Block {
  switch (b.type) {
    case 'header':
    case 'text':
    case 'context':
      return { ...b, text: stripInvisible(b.text) };
    case 'code':
      return { ...b, text: stripInvisible(b.text) };
    case 'card':
      return { ...b, card: card(b.card) };
    case 'fields':
      return { ...b, fields: b.fields.map(field) };
    case 'links':
      return { ...b, links: b.links.map(link) };
    case 'list':
      return { ...b, items: b.items.map(stripInvisible) };
    case 'actions':
      // Labels are shown; command lines are run, and a stripped one would run something else: keep them.
      return { ...b, buttons: b.buttons.map((button) => ({ ...button, label: stripInvisible(button.label) })) };
    case 'divider':
      return b;
  }
}

/** The same message with every displayed string stripped of bidi controls and zero-width characters. */
export function stripInvisibleMessage(message: Message): Message {
  return { ...message, summary: stripInvisible(message.summary), blocks: message.blocks.map(block) };
}
