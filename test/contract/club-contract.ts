/**
 * The club's week, the same on every adapter: several members vote (also with the Vote button on a
 * card), one volunteers to present, an admin schedules the club, the job runner posts the announcement
 * and opens its discussion thread (on the fake Slack and Discord APIs), questions come from the thread
 * and from `club ask`, the admin marks the session done and the archive remembers it. One started bot
 * (adapter, job runtime, Redis) per file; the steps run in order and build on each other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonIndex, type RenderedReply } from './adapter-contract.ts';

/** A member of the channel's club, as the tests name them; each driver gives them platform identities. */
export type ClubMemberKey = 'admin' | 'alice' | 'bob' | 'carol';

export const CLUB_MEMBERS: Record<ClubMemberKey, { name: string; admin: boolean }> = {
  admin: { name: 'ada', admin: true },
  alice: { name: 'alice', admin: false },
  bob: { name: 'bob', admin: false },
  carol: { name: 'carol', admin: false },
};

export interface ClubDriver {
  /** Runs `/paper <text>` in the driver's channel as this member. */
  invoke(text: string, as: ClubMemberKey): Promise<RenderedReply>;
  /** Presses a button of a reply, as this member. */
  click(reply: RenderedReply, buttonIndex: number, as: ClubMemberKey): Promise<RenderedReply>;
  /** Waits for the session's announcement the job runner posts; `thread` is its discussion thread's messages (null: no threads here). */
  announcement(): Promise<{ post: RenderedReply; thread: RenderedReply[] | null }>;
  /** A member writes in the discussion thread; resolves once the bot has taken it in. Absent where there are no threads. */
  replyInThread?(as: ClubMemberKey, question: string): Promise<void>;
  /** Mentions in a reply's platform payload that would notify someone (none may); absent where text cannot ping (a terminal). */
  activeMentions?(reply: RenderedReply): string[];
  close(): Promise<void>;
}

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** A session about a day from now, announced up to a week before: due as soon as it is scheduled. */
export function dueScheduleCommand(now = new Date()): string {
  const at = new Date(now.getTime() + 26 * 3600_000);
  return `club schedule ${WEEKDAYS[at.getUTCDay()]} ${String(at.getUTCHours()).padStart(2, '0')}:00 UTC announce 168h before`;
}

export function clubContract(name: string, makeDriver: () => Promise<ClubDriver>): void {
  describe(`club contract: ${name}`, () => {
    let driver: ClubDriver;
    beforeAll(async () => {
      driver = await makeDriver();
    });
    afterAll(async () => {
      await driver?.close();
    });

    it('members vote, once per paper, also with the Vote button on a card', async () => {
      const voted = await driver.invoke('club vote qlora', 'alice');
      expect(voted.ephemeral).toBe(true);
      expect(voted.text).toContain('Voted for QLoRA: Efficient Finetuning of Quantized LLMs');
      await driver.invoke('club vote 2305.14314', 'bob');
      expect((await driver.invoke('club vote qlora', 'alice')).text).toContain('You already voted for QLoRA');
      const card = await driver.invoke('show dpo', 'carol');
      const clicked = await driver.click(card, buttonIndex(card, /^Vote$/), 'carol');
      expect(clicked.text).toContain('Voted for Direct Preference Optimization');
      const standings = await driver.invoke('club votes', 'bob');
      expect(standings.text).toMatch(/QLoRA: Efficient Finetuning of Quantized LLMs \(2305\.14314\): 2 votes/);
      expect(standings.text).toMatch(/Direct Preference Optimization: Your Language Model is Secretly a Reward Model \(2305\.18290\): 1 vote/);
    });

    it('a member volunteers to present; only an admin schedules the club', async () => {
      expect((await driver.invoke('club present', 'bob')).text).toContain('you present Attention Is All You Need');
      expect((await driver.invoke('club present', 'carol')).text).toContain('bob already presents Attention Is All You Need');
      const refused = await driver.invoke(dueScheduleCommand(), 'carol');
      expect(refused.text).toMatch(/Only .* can run `?club schedule/);
      const scheduled = await driver.invoke(dueScheduleCommand(), 'admin');
      expect(scheduled.ephemeral).toBe(true);
      expect(scheduled.text).toContain('The club meets every');
      expect(scheduled.text).toContain('its announcement goes out now');
    });

    it('the announcement is posted for everyone, with the presenter and a discussion thread', async () => {
      const { post, thread } = await driver.announcement();
      expect(post.ephemeral).toBe(false);
      expect(post.text).toContain('Paper club: session 1');
      expect(post.text).toContain('Attention Is All You Need');
      expect(post.text).toContain('Presenter: bob');
      expect(post.text).toContain('Before the session: read Attention Is All You Need');
      if (thread !== null) {
        expect(thread).toHaveLength(1);
        expect(thread[0]!.text).toContain('Discussion of Attention Is All You Need');
      }
    });

    it('questions come from the thread and from `club ask`, kept as written, pinging nobody', async () => {
      if (driver.replyInThread) await driver.replyInThread('alice', 'What does the 1/sqrt(d) scaling do?');
      const asked = await driver.invoke('club ask @everyone why **not** _x_ & y?', 'carol');
      expect(asked.ephemeral).toBe(true);
      expect(asked.text).toContain('Added your question for Attention Is All You Need');
      const questions = await driver.invoke('club questions', 'bob');
      expect(questions.ephemeral).toBe(true);
      if (driver.replyInThread) expect(questions.text).toContain('alice: What does the 1/sqrt(d) scaling do?');
      expect(questions.text).toContain('carol: @everyone why **not** _x_ & y?');
      expect(driver.activeMentions?.(questions) ?? []).toEqual([]);
    });

    it('an admin marks the session done; the top vote is next and the archive remembers it', async () => {
      expect((await driver.invoke('club done', 'alice')).text).toMatch(/Only .* can run `?club done/);
      const done = await driver.invoke('club done notes https://example.org/notes', 'admin');
      expect(done.text).toContain('Session 1 (Attention Is All You Need (1706.03762), presented by bob) is archived with');
      expect(done.text).toContain('Next up: QLoRA: Efficient Finetuning of Quantized LLMs (2305.14314), chosen by vote (2 votes).');
      const history = await driver.invoke('club history', 'carol');
      expect(history.text).toContain('#1');
      expect(history.text).toContain('Attention Is All You Need (1706.03762) · presented by bob');
      expect(history.text).toContain('notes https://example.org/notes');
      expect((await driver.invoke('club history bob', 'alice')).text).toContain('#1');
      expect((await driver.invoke('club history mamba', 'alice')).text).toContain('No past session matches "mamba"');
      expect((await driver.invoke('club next', 'alice')).text).toContain('QLoRA: Efficient Finetuning of Quantized LLMs');
      expect((await driver.invoke('club votes', 'alice')).text).toContain('No votes yet this round');
    });
  });
}
