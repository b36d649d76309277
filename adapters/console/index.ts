/**
 * A local channel in the terminal (`console:<name>`): type `/paper search lora` or just `search lora`,
 * a button's number to press it, `/quit` (or end of input) to leave. Needs no tokens at all.
 * In a terminal, node:readline edits the line (arrows, Home/End, Ctrl-A/E/W/U) and keeps a history
 * (Up/Down). An empty line does nothing; `/paper` or `help` shows the commands.
 */
import { createInterface } from 'node:readline';
import { formatChannelAddress, parseChannelAddress, type ChannelAddress } from '../../src/channel-address.ts';
import { runCommand } from '../../src/commands/dispatch.ts';
import type { Actor, CommandContext } from '../../src/commands/types.ts';
import { PaperclubError } from '../../src/errors.ts';
import { errorMessage, infoMessage, sharedMessage } from '../../src/messages/cards.ts';
import type { Button, Message } from '../../src/messages/message.ts';
import type { AdapterDeps, RunningAdapter } from '../types.ts';
import { createConsoleChat, formatPost } from './chat.ts';
import { renderMessage, sanitize } from './render.ts';

export const PROMPT = 'paper> ';

export interface ConsoleAdapterOptions extends AdapterDeps {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** The channel is `console:<channelName>`; default `local`. */
  channelName?: string;
  /** Print a greeting and a prompt after each answer (a terminal). Default false (piped input). */
  interactive?: boolean;
  /** Whether the person at the terminal may change channel settings. Default true: it is their own channel. */
  admin?: boolean;
  /** Who is at the terminal, as the club records them (votes, claims, questions). Default `console` ("you"). */
  user?: { id: string; name: string };
  /**
   * Line editing and history (node:readline's terminal mode). Default: when the input is a terminal
   * (`isTTY`). Piped input is read line by line as is.
   */
  terminal?: boolean;
}

/** Lines kept for Up/Down in one session. */
export const HISTORY_SIZE = 500;

const QUIT = /^\/?(?:quit|exit)$/i;

function consoleChannel(name: string): ChannelAddress {
  const parsed = parseChannelAddress(`console:${name}`);
  if (!parsed.ok) throw new PaperclubError('config_invalid', parsed.error, { channelName: name });
  return parsed.value;
}

export async function startConsoleAdapter(options: ConsoleAdapterOptions): Promise<RunningAdapter & { done: Promise<void> }> {
  const channel = consoleChannel(options.channelName ?? 'local');
  const address = formatChannelAddress(channel);
  const interactive = options.interactive ?? false;
  const actor: Actor = { id: options.user?.id ?? 'console', name: options.user?.name ?? 'you', isAdmin: options.admin ?? true };
  const log = options.log.child({ adapter: 'console', channel: address });
  const output = options.output as NodeJS.WritableStream & { writableEnded?: boolean; destroyed?: boolean };
  const write = (text: string) => {
    if (!output.writableEnded && !output.destroyed) output.write(text);
  };
  // Set while a typed line is being answered; a post arriving meanwhile simply follows the answer.
  let busy = false;
  /** Set in an interactive terminal: redraws the prompt and the half-typed line. */
  let redrawPrompt: (() => void) | null = null;
  /** A post from a job (an alert, a digest) while someone types: printed above the prompt and their line. */
  const writePost = (text: string) => {
    if (busy || !redrawPrompt) return write(text);
    write(`\r\u001b[K${text.replace(/^\n/, '')}`);
    redrawPrompt();
  };
  const chat = createConsoleChat(writePost);
  const ctx: CommandContext = { actor, channel, log, services: options.services };

  let buttons: Button[] = [];
  const showReply = (message: Message) => {
    const rendered = renderMessage(message);
    buttons = rendered.buttons;
    write(`${rendered.text}\n`);
  };

  /** A button marked `share` posts its result into the channel for everyone. */
  const share = async (command: string) => {
    const message = await runCommand(options.commands, ctx, { kind: 'text', text: command });
    if (message.error) {
      // A failure stays private: nothing is posted for everyone.
      showReply(message);
      return;
    }
    const post = formatPost(address, sharedMessage(message), true);
    buttons = post.buttons;
    write(post.text);
    write(`${renderMessage(infoMessage(`Shared in ${address}.`)).text}\n`);
  };

  const handle = async (line: string) => {
    // Arrow keys and pasted colour codes arrive as escape sequences in piped/cooked input: drop them.
    const text = sanitize(line).trim();
    if (/^\d+$/.test(text)) {
      const button = buttons[Number(text) - 1];
      if (!button) {
        // Only a hint: the buttons on screen stay pressable.
        write(`${renderMessage(infoMessage(buttons.length === 0 ? 'There are no buttons to press here.' : `Choose a button from 1 to ${buttons.length}.`)).text}\n`);
        return;
      }
      if (button.share) return share(button.command);
      showReply(await runCommand(options.commands, ctx, { kind: 'text', text: button.command }));
      return;
    }
    showReply(await runCommand(options.commands, ctx, { kind: 'text', text }));
  };

  const terminal = options.terminal ?? (options.input as { isTTY?: boolean }).isTTY === true;
  const rl = terminal
    ? createInterface({
        input: options.input,
        output: options.output,
        terminal: true,
        prompt: PROMPT,
        historySize: HISTORY_SIZE,
        removeHistoryDuplicates: true,
      })
    : createInterface({ input: options.input, terminal: false, crlfDelay: Infinity });
  let queue: Promise<void> = Promise.resolve();
  let closing = false;
  const prompt = () => {
    busy = false;
    if (!interactive || closing) return;
    if (terminal) rl.prompt();
    else write(PROMPT);
  };
  if (terminal && interactive) {
    redrawPrompt = () => {
      if (!closing) rl.prompt(true);
    };
  }
  // In a terminal, Ctrl-C reaches readline as a key, not as a signal: leave the session as /quit does.
  if (terminal) rl.on('SIGINT', () => rl.close());
  // Nobody left to read the answers (`npm start | head` closed its end: EPIPE): the session ends as at
  // EOF, instead of the process dying of an unhandled stream error.
  // Lines already queued are dropped: their answers would have nowhere to go.
  let readerGone = false;
  output.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') log.error({ err: error }, 'console output failed');
    readerGone = true;
    rl.close();
  });

  const done = new Promise<void>((resolve) => {
    rl.on('close', () => {
      closing = true;
      void queue.then(resolve);
    });
  });

  rl.on('line', (line) => {
    if (closing) return;
    if (QUIT.test(line.trim())) {
      rl.close();
      return;
    }
    // An empty line (Enter pressed twice, a blank line in a script) asks nothing: no answer, just the prompt.
    if (sanitize(line).trim() === '') {
      queue = queue.then(prompt);
      return;
    }
    // One line at a time, in order, so answers never interleave.
    busy = true;
    queue = queue
      .then(() => (readerGone ? undefined : handle(line)))
      .catch((error: unknown) => {
        log.error({ err: error }, 'console line failed');
        showReply(errorMessage(error));
      })
      .then(prompt);
  });

  if (interactive) {
    write(`paperclub console: you are in ${address}${actor.isAdmin ? ' as its admin' : ''}. Type \`help\`, a command like \`search lora\`, a button's number, or /quit.\n`);
    prompt();
  }
  log.info('console adapter started');

  return {
    name: 'console',
    chat,
    routes: {},
    done,
    started: Promise.resolve(),
    health: () => ({ state: 'on' }),
    async stop() {
      rl.close();
      await done;
    },
  };
}
