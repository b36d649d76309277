/**
 * What command tests share: the real library from seeds/ (loaded once), its search index, a real
 * Redis store under a random prefix (all from test/helpers/services.ts), a fixed clock, and a
 * recording digest scheduler that answers a fixed next run.
 */
import { randomUUID } from 'node:crypto';
import type { ChannelAddress } from '../../../src/channel-address.ts';
import { runCommand } from '../../../src/commands/dispatch.ts';
import { commands } from '../../../src/commands/index.ts';
import type { CommandContext, CommandDef, CommandServices } from '../../../src/commands/types.ts';
import { silentLogger } from '../../../src/log.ts';
import type { Message } from '../../../src/messages/message.ts';
import type { ClubAnnouncements, DigestSchedule, DigestScheduler } from '../../../src/ports.ts';
import type { Store } from '../../../src/store/types.ts';
import { createTestServices } from '../../helpers/services.ts';

/** Records what the commands asked the job runner to do; nextRun answers a fixed date when scheduled. */
export class RecordingScheduler implements DigestScheduler {
  readonly calls: Array<{ op: 'schedule' | 'cancel'; channel: ChannelAddress; schedule?: DigestSchedule }> = [];
  failNext: Error | null = null;
  private readonly scheduled = new Map<string, DigestSchedule>();
  constructor(private readonly next: Date) {}
  async schedule(channel: ChannelAddress, schedule: DigestSchedule): Promise<void> {
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = null;
      throw error;
    }
    this.calls.push({ op: 'schedule', channel, schedule });
    this.scheduled.set(JSON.stringify(channel), schedule);
  }
  async cancel(channel: ChannelAddress): Promise<void> {
    this.calls.push({ op: 'cancel', channel });
    this.scheduled.delete(JSON.stringify(channel));
  }
  async nextRun(channel: ChannelAddress): Promise<Date | null> {
    return this.scheduled.has(JSON.stringify(channel)) ? this.next : null;
  }
}

/** Records what the club commands asked the job runner to plan; `follow` answers from the stored schedule. */
export class RecordingAnnouncements implements ClubAnnouncements {
  readonly calls: Array<{ op: 'follow' | 'cancel'; channel: ChannelAddress }> = [];
  failNext: Error | null = null;
  constructor(private readonly answer: { next: Date | null; dueNow: boolean } = { next: null, dueNow: false }) {}
  async follow(channel: ChannelAddress) {
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = null;
      throw error;
    }
    this.calls.push({ op: 'follow', channel });
    return this.answer;
  }
  async cancel(channel: ChannelAddress) {
    this.calls.push({ op: 'cancel', channel });
  }
}

export const NOW = new Date('2025-03-05T12:00:00.000Z');
export const NEXT_DIGEST = new Date('2025-03-10T08:30:00.000Z');

export interface Harness {
  services: CommandServices;
  store: Store;
  digests: RecordingScheduler;
  announcements: RecordingAnnouncements;
  channel: ChannelAddress;
  /**
   * Runs a text command line as an admin (default) or a member, against chat's commands unless told
   * otherwise; `as` names the member (default UADMIN / UMEMBER).
   */
  run(text: string, options?: { admin?: boolean; as?: { id: string; name?: string }; channel?: ChannelAddress; commands?: readonly CommandDef[] }): Promise<Message>;
  teardown(): Promise<void>;
}

/** A harness with a real Redis store (random prefix), or with the given store (e.g. unavailableStore). */
export async function harness(options: { store?: Store; now?: () => Date } = {}): Promise<Harness> {
  const digests = new RecordingScheduler(NEXT_DIGEST);
  const announcements = new RecordingAnnouncements();
  const { services, cleanup } = await createTestServices({ scope: 'commands', store: options.store, digests, clock: { now: options.now ?? (() => NOW) } });
  services.announcements = announcements;
  const channel: ChannelAddress = { platform: 'slack', workspace: 'T1', channel: `C${randomUUID().slice(0, 8)}` };
  const ctx = (admin: boolean, where: ChannelAddress, as?: { id: string; name?: string }): CommandContext => ({
    actor: { id: as?.id ?? (admin ? 'UADMIN' : 'UMEMBER'), ...(as?.name ? { name: as.name } : {}), isAdmin: admin },
    channel: where,
    log: silentLogger(),
    services,
  });
  return {
    services,
    store: services.store,
    digests,
    announcements,
    channel,
    run: (text, o = {}) => runCommand(o.commands ?? commands, ctx(o.admin ?? true, o.channel ?? channel, o.as), { kind: 'text', text }),
    teardown: cleanup,
  };
}

/** Every string a person would see in a message, flattened (for assertions). */
export function visibleText(message: Message): string {
  return message.blocks
    .flatMap((block): string[] => {
      switch (block.type) {
        case 'card': {
          const c = block.card;
          return [c.title, c.url ?? '', c.subtitle ?? '', c.text ?? '', ...(c.fields ?? []).flatMap((f) => [f.label, f.value]), ...(c.links ?? []).flatMap((l) => [l.label, l.url]), c.footer ?? ''];
        }
        case 'fields':
          return block.fields.flatMap((f) => [f.label, f.value]);
        case 'links':
          return block.links.flatMap((l) => [l.label, l.url]);
        case 'list':
          return block.items;
        case 'actions':
          return block.buttons.map((b) => b.label);
        case 'divider':
          return [];
        default:
          return [block.text];
      }
    })
    .join('\n');
}

export function buttonsOf(message: Message) {
  return message.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));
}

export { commands };
