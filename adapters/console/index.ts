/**
 * A local channel in the terminal (`console:<name>`): type `/paper search lora` or just `search lora`,
 * a button's number to press it, `/quit` (or end of input) to leave. Needs no tokens at all.
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
}

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
  const actor: Actor = { id: 'console', name: 'you', isAdmin: options.admin ?? true };
  const log = options.log.child({ adapter: 'console', channel: address });
  const write = (text: string) => {
    if (!('writableEnded' in options.output) || !options.output.writableEnded) options.output.write(text);
  };
  const chat = createConsoleChat(write);
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

  const rl = createInterface({ input: options.input, terminal: false, crlfDelay: Infinity });
  let queue: Promise<void> = Promise.resolve();
  let closing = false;
  const prompt = () => {
    if (interactive && !closing) write(PROMPT);
  };

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
    // One line at a time, in order, so answers never interleave.
    queue = queue
      .then(() => handle(line))
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
