/**
 * How an answer is printed at the shell: a document (a citation, an export) exactly as is; else the
 * message as terminal text, rendered like the console's (adapters/console/render.ts: both are the same
 * terminal), with each button shown as the shell command that does the same; or, with --json, the
 * answer's data as one line of JSON.
 */
import { formatChannelAddress, type ChannelAddress } from '../../src/channel-address.ts';
import { tokenize } from '../../src/commands/command-line.ts';
import type { SubcommandDef } from '../../src/commands/types.ts';
import { isInvisible } from '../../src/messages/invisible.ts';
import type { Block, Button, Message } from '../../src/messages/message.ts';
import { renderMessage } from '../console/render.ts';
import { PROGRAM } from './help.ts';

/** A control character, or one that is invisible or reorders the text around it. */
const unprintable = (char: string) => {
  const code = char.codePointAt(0)!;
  return code < 0x20 || code === 0x7f || isInvisible(char);
};

/**
 * A word as the shell reads it back: bare when safe, else in single quotes. A word with invisible or
 * control characters (a bidi override typed into a search) is written in ANSI-C quotes with those
 * characters as `\uXXXX` escapes: the command stays exact, and what it does is what it shows.
 */
export function shellQuote(word: string): string {
  if (/^[\w@%+=:,./-]+$/.test(word)) return word;
  if (![...word].some(unprintable)) return `'${word.replace(/'/g, `'\\''`)}'`;
  const escaped = [...word].map((char) => {
    if (char === '\\' || char === "'") return `\\${char}`;
    return unprintable(char) ? `\\u${char.codePointAt(0)!.toString(16).padStart(4, '0')}` : char;
  });
  return `$'${escaped.join('')}'`;
}

export interface Where {
  channel: ChannelAddress | null;
  /** The member the run acted as (`--as`): a button acts as the same member. */
  as?: string | null;
  /** The definition a button's command line runs, or null when it names none. */
  commandOf(commandLine: string): SubcommandDef | null;
}

/**
 * `cite 2106.09685 apa` → `paperclub cite 2106.09685 apa --channel slack:T1/C1`: the shell command
 * that does what the button does, as the same member (`--as`), with `--as-admin` when the command needs it.
 */
export function shellCommand(button: Button, where: Where): string {
  const words = [PROGRAM, ...tokenize(button.command).map((t) => t.value)];
  if (where.channel) words.push('--channel', formatChannelAddress(where.channel));
  if (where.as) words.push('--as', where.as);
  if (where.commandOf(button.command)?.admin) words.push('--as-admin');
  if (button.share) words.push('--share');
  return words.map(shellQuote).join(' ');
}

function withShellButtons(message: Message, where: Where): Message {
  // Without --channel, a button that posts into the channel or acts on it could not run: leave it out.
  const keep = (button: Button) => where.channel !== null || (!button.share && where.commandOf(button.command)?.scope !== 'channel');
  return {
    ...message,
    blocks: message.blocks.flatMap((block): Block[] => {
      if (block.type !== 'actions') return [block];
      const buttons = block.buttons.filter(keep).map((button) => ({ ...button, command: shellCommand(button, where) }));
      return buttons.length > 0 ? [{ ...block, buttons }] : [];
    }),
  };
}

/**
 * The answer as terminal text. A document (a citation, an export) is printed as is, so it can be piped
 * or saved; at a terminal its buttons follow it (the other citation formats).
 */
export function textOutput(message: Message, where: Where, terminal: boolean): string {
  const shown = withShellButtons(message, where);
  if (message.document === undefined) return `${renderMessage(shown, { numbered: false }).text}\n`;
  if (!terminal) return message.document;
  const actions = shown.blocks.filter((block) => block.type === 'actions');
  return actions.length > 0 ? `${message.document}${renderMessage({ ...shown, blocks: actions }, { numbered: false }).text}\n` : message.document;
}

/** The answer as data: the command's documented shape, or the platform-neutral message itself. */
export function answerData(message: Message): unknown {
  if (message.data !== undefined) return message.data;
  return { summary: message.summary, blocks: message.blocks, ...(message.error ? { error: true } : {}) };
}

export function jsonOutput(message: Message): string {
  return `${JSON.stringify(answerData(message))}\n`;
}
