/**
 * Drives the console adapter through its real streams: a line in, the printed answer out, parsed
 * back into text and numbered buttons. A reply ends where the adapter prints its prompt.
 */
import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { PROMPT, startConsoleAdapter } from '../../adapters/console/index.ts';
import { commands } from '../../src/commands/index.ts';
import { silentLogger } from '../../src/log.ts';
import type { ChannelAddress } from '../../src/channel-address.ts';
import type { DigestSchedule, DigestScheduler } from '../../src/ports.ts';
import { createTestServices } from '../helpers/services.ts';
import type { ContractDriver, RenderedReply } from './adapter-contract.ts';

/** Keeps schedules in memory, as the job runner would in Redis. */
class MemoryScheduler implements DigestScheduler {
  private readonly schedules = new Map<string, DigestSchedule>();
  async schedule(channel: ChannelAddress, schedule: DigestSchedule) {
    this.schedules.set(JSON.stringify(channel), schedule);
  }
  async cancel(channel: ChannelAddress) {
    this.schedules.delete(JSON.stringify(channel));
  }
  async nextRun() {
    return null;
  }
}

const POST = /── posted in (\S+) ──\n([\s\S]*?)\n── end of post ──\n/g;
const BUTTON = /^ {2}\[(\d+)\] (.*)$/gm;

function buttonsIn(text: string): string[] {
  return [...text.matchAll(BUTTON)].map((m) => m[2]!);
}

/** One person at one terminal. */
export class ConsoleSession {
  readonly input = new PassThrough();
  readonly output = new PassThrough();
  private buffer = '';
  private consumed = 0;
  private waiter: (() => void) | null = null;
  latest: RenderedReply | null = null;

  constructor(private readonly posts: RenderedReply[]) {
    this.output.setEncoding('utf8');
    this.output.on('data', (chunk: string) => {
      this.buffer += chunk;
      this.waiter?.();
    });
  }

  /** Waits for the next prompt and returns what was printed before it. */
  async nextSegment(): Promise<string> {
    for (;;) {
      const end = this.buffer.indexOf(PROMPT, this.consumed);
      if (end >= 0) {
        const segment = this.buffer.slice(this.consumed, end);
        this.consumed = end + PROMPT.length;
        return segment;
      }
      await new Promise<void>((resolve) => (this.waiter = resolve));
      this.waiter = null;
    }
  }

  /** Every post printed in this terminal so far (jobs post between answers too). */
  printedPosts(): RenderedReply[] {
    return [...this.buffer.matchAll(POST)].map((m) => ({ text: m[2]!, buttons: buttonsIn(m[2]!), ephemeral: false, raw: m[0] }));
  }

  async send(line: string): Promise<RenderedReply> {
    this.input.write(`${line}\n`);
    const segment = await this.nextSegment();
    let rest = segment;
    for (const m of segment.matchAll(POST)) {
      this.posts.push({ text: m[2]!, buttons: buttonsIn(m[2]!), ephemeral: false, raw: m[0] });
      rest = rest.replace(m[0], '');
    }
    const reply = { text: rest.trim(), buttons: buttonsIn(rest), ephemeral: true, raw: segment };
    this.latest = reply;
    return reply;
  }
}

export async function consoleDriver(): Promise<ContractDriver> {
  const { services, cleanup } = await createTestServices({ scope: 'contract:console', digests: new MemoryScheduler() });
  const posts: RenderedReply[] = [];
  const channelName = `contract-${randomUUID().slice(0, 8)}`;
  const sessions = new Map<boolean, { session: ConsoleSession; stop: () => Promise<void> }>();

  async function sessionFor(admin: boolean): Promise<ConsoleSession> {
    const existing = sessions.get(admin);
    if (existing) return existing.session;
    const session = new ConsoleSession(posts);
    const adapter = await startConsoleAdapter({
      commands,
      services,
      log: silentLogger(),
      input: session.input,
      output: session.output,
      channelName,
      interactive: true,
      admin,
    });
    sessions.set(admin, { session, stop: () => adapter.stop() });
    await session.nextSegment(); // the greeting
    return session;
  }

  return {
    async invoke(text, opts = {}) {
      return (await sessionFor(opts.admin ?? true)).send(text);
    },
    async click(reply, index) {
      const owner = [...sessions.values()].find((s) => s.session.latest === reply);
      if (!owner) throw new Error('the console can only press buttons on the latest reply of a session');
      if (index < 0 || index >= reply.buttons.length) throw new Error(`no button ${index}`);
      return owner.session.send(String(index + 1));
    },
    async posted() {
      return [...posts];
    },
    ignoresEmptyInput: true,
    async close() {
      for (const { session, stop } of sessions.values()) {
        session.input.end();
        await stop();
      }
      await cleanup();
    },
  };
}
