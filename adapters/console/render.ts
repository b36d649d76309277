/**
 * Messages as plain terminal text. Buttons are numbered (`[1] Cite APA`) so typing the number runs
 * the button's command; messages posted by jobs show the command to type instead, since their
 * numbers would collide with the reply on screen.
 */
import type { Block, Button, Card, Message } from '../../src/messages/message.ts';
import { stripInvisibleMessage } from '../../src/messages/invisible.ts';

export interface RenderedText {
  text: string;
  /** The numbered buttons, in order: typing `n` runs `buttons[n - 1]`. */
  buttons: Button[];
}

export interface RenderOptions {
  /** Number the buttons (replies) or show their commands (posts). Default true. */
  numbered?: boolean;
}

/**
 * Feed titles and user input are untrusted: drop terminal control sequences (ANSI escapes,
 * carriage returns, bells) that could rewrite the screen, keeping newlines and tabs.
 */
export function sanitize(text: string): string {
  /* eslint-disable no-control-regex -- matching control characters is the point here */
  return text
    .replace(/\u001b\[[0-?]*[ -/]*[@-~]/g, '')
    .replace(/\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?/g, '')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
  /* eslint-enable no-control-regex */
}

function indent(text: string, prefix = '  '): string {
  return text
    .split('\n')
    .map((line) => `${prefix}${line}`)
    .join('\n');
}

function renderCard(card: Card): string[] {
  const lines = [`» ${card.title}`];
  if (card.url) lines.push(`  ${card.url}`);
  if (card.subtitle) lines.push(`  ${card.subtitle}`);
  if (card.text) lines.push(indent(card.text));
  for (const field of card.fields ?? []) lines.push(indent(`${field.label}: ${field.value}`));
  for (const link of card.links ?? []) lines.push(`  ${link.label}: ${link.url}`);
  if (card.footer) lines.push(`  (${card.footer})`);
  return lines;
}

function renderBlock(block: Block, buttonLine: (button: Button) => string): string[] {
  switch (block.type) {
    case 'header':
      return [`== ${block.text} ==`];
    case 'card':
      return renderCard(block.card);
    case 'text':
      return [block.text];
    case 'fields':
      return block.fields.map((f) => (f.value.includes('\n') ? `${f.label}:\n${indent(f.value)}` : `${f.label}: ${f.value}`));
    case 'links':
      return block.links.map((l) => `${l.label}: ${l.url}`);
    case 'code':
      return [`\`\`\`${block.language ?? ''}`, block.text, '```'];
    case 'list':
      return block.items.map((item, i) => `${block.ordered ? `${i + 1}.` : '•'} ${item}`);
    case 'actions':
      return block.buttons.map(buttonLine);
    case 'context':
      return [`  ${block.text}`];
    case 'divider':
      return ['---'];
  }
}

export function renderMessage(original: Message, options: RenderOptions = {}): RenderedText {
  const message = stripInvisibleMessage(original);
  const numbered = options.numbered ?? true;
  const buttons: Button[] = [];
  const buttonLine = (button: Button): string => {
    if (!numbered) return `  > ${button.label}: ${button.command}`;
    buttons.push(button);
    return `  [${buttons.length}] ${button.label}`;
  };
  const lines = message.blocks.flatMap((block) => renderBlock(block, buttonLine));
  if (lines.length === 0) lines.push(message.summary);
  return { text: sanitize(lines.join('\n')), buttons };
}
