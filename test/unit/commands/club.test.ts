/**
 * The club commands against a real Redis store: votes, presenters, questions, marking a session done,
 * history, the schedule (with a recording announcement planner), the queue edits and the calendar link.
 * Several members act in one channel; the current paper starts as the reading list's first (1706.03762).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buttonsOf, harness, visibleText, type Harness } from './fixtures.ts';

const alice = { id: 'UALICE', name: 'alice' };
const bob = { id: 'UBOB', name: 'bob' };
const carol = { id: 'UCAROL', name: 'carol' };

const QLORA = '2305.14314';
const DPO = '2305.18290';
const LORA = '2106.09685';
const ATTENTION = '1706.03762';

describe('club commands (real Redis)', () => {
  let h: Harness;
  const as = (member: { id: string; name: string }) => ({ admin: false, as: member });
  beforeEach(async () => {
    h = await harness();
  });
  afterEach(async () => {
    await h.teardown();
  });

  it('members vote once per paper, withdraw, and see the standings in order', async () => {
    expect(visibleText(await h.run(`club vote ${QLORA}`, as(alice)))).toContain('Voted for QLoRA: Efficient Finetuning of Quantized LLMs (2305.14314): 1 vote, in the lead this round.');
    expect(visibleText(await h.run('club vote dpo', as(bob)))).toContain('number 2 this round');
    expect(visibleText(await h.run('club vote qlora', as(bob)))).toContain('2 votes, in the lead');
    expect(visibleText(await h.run('club vote qlora', as(bob)))).toContain('You already voted for QLoRA');
    expect(visibleText(await h.run(`club vote ${ATTENTION}`, as(carol)))).toContain("is already the club's current paper");
    const standings = await h.run('club votes', as(carol));
    expect(standings.blocks).toContainEqual({
      type: 'list',
      ordered: true,
      items: [`QLoRA: Efficient Finetuning of Quantized LLMs (${QLORA}): 2 votes`, `Direct Preference Optimization: Your Language Model is Secretly a Reward Model (${DPO}): 1 vote`],
    });
    expect(buttonsOf(standings).map((b) => b.command)).toContain(`club vote ${QLORA}`);
    expect(visibleText(await h.run('club unvote qlora', as(bob)))).toContain('Withdrew your vote');
    expect(visibleText(await h.run('club unvote qlora', as(bob)))).toContain('You had not voted');
    expect((await h.store.votes(h.channel)).map((v) => [v.paperId, v.memberId]).sort()).toEqual([[DPO, bob.id], [QLORA, alice.id]].sort());
  });

  it('a member volunteers for the current paper; claims are one per paper and capped', async () => {
    expect(visibleText(await h.run('club present', as(bob)))).toContain("you present Attention Is All You Need (1706.03762) at the club's next session");
    expect(visibleText(await h.run('club present', as(carol)))).toContain('bob already presents Attention Is All You Need');
    expect(visibleText(await h.run('club next', as(carol)))).toContain('Presenter: bob');
    expect(visibleText(await h.run('club present lora', as(carol)))).toContain('You claimed LoRA');
    await h.run('club present qlora', as(carol));
    await h.run('club present dpo', as(carol));
    expect(visibleText(await h.run(`club present ${ATTENTION}`, as(carol)))).toContain('bob already presents');
    const fourth = await h.run('club present bert', as(carol));
    expect(visibleText(fourth)).toContain('You already hold 3 claims');
    const ambiguous = await h.run('club unclaim', as(carol));
    expect(visibleText(ambiguous)).toContain('say which one');
    expect(buttonsOf(ambiguous)).toHaveLength(3);
    expect(visibleText(await h.run('club unclaim dpo', as(carol)))).toContain('You no longer present Direct Preference Optimization');
    expect(visibleText(await h.run('club unclaim qlora', as(bob)))).toContain('carol presents QLoRA');
    // An admin may take anyone's claim back.
    expect(visibleText(await h.run('club unclaim qlora'))).toContain('carol no longer presents QLoRA');
    const presenters = visibleText(await h.run('club presenters', as(alice)));
    expect(presenters).toContain('Session 1: bob presents Attention Is All You Need');
    expect(presenters).toContain(`carol: LoRA: Low-Rank Adaptation of Large Language Models (${LORA})`);
  });

  it('collects questions as written, and lists them oldest first', async () => {
    expect(visibleText(await h.run('club ask Why does the low rank suffice?', as(alice)))).toContain('Added your question for Attention Is All You Need (1706.03762) (1 so far).');
    await h.run('club ask <!channel> @everyone what about *bold*?', as(bob));
    const empty = await h.run('club ask "   "', as(bob));
    expect(empty.error).toBe(true);
    const listed = await h.run('club questions', as(carol));
    expect(listed.blocks).toContainEqual({ type: 'list', ordered: true, items: ['alice: Why does the low rank suffice?', 'bob: <!channel> @everyone what about *bold*?'] });
  });

  it('marks a session done: archived with votes, questions and links; a claim goes first, then the top vote', async () => {
    await h.run('club present', as(bob));
    await h.run('club vote qlora', as(alice));
    await h.run('club vote qlora', as(carol));
    await h.run('club vote dpo', as(alice));
    await h.run('club ask What is a head?', as(carol));
    expect((await h.run('club done', as(alice))).error).toBe(true);
    const bad = await h.run('club done notes javascript:alert(1)');
    expect(bad.error).toBe(true);
    expect(visibleText(bad)).toContain('Links must start with https://');

    const done = visibleText(await h.run('club done notes https://example.org/notes recording https://example.org/video'));
    expect(done).toContain('Session 1 (Attention Is All You Need (1706.03762), presented by bob) is archived with 1 question, the notes link and the recording link.');
    expect(done).toContain(`Next up: QLoRA: Efficient Finetuning of Quantized LLMs (${QLORA}), chosen by vote (2 votes). It needs a presenter.`);
    const [archived] = await h.store.archivedSessions(h.channel);
    expect(archived).toMatchObject({ number: 1, paperId: ATTENTION, presenter: bob, notesUrl: 'https://example.org/notes', recordingUrl: 'https://example.org/video', chosenBy: 'queue' });
    expect(archived!.votes.map((t) => [t.paperId, t.votes])).toEqual([[QLORA, 2], [DPO, 1]]);
    expect(archived!.questions.map((q) => q.text)).toEqual(['What is a head?']);
    // The spent round: votes and questions are cleared, QLoRA is current.
    expect(await h.store.votes(h.channel)).toEqual([]);
    expect(visibleText(await h.run('club next', as(alice)))).toContain('QLoRA');

    // The Mark done button of session 1, clicked late, does not finish session 2.
    expect(visibleText(await h.run('club done --session 1'))).toContain('That session was already marked done; the club is on session 2 now.');
    await h.run('club present dpo', as(carol));
    expect(visibleText(await h.run('club done https://example.org/notes-2'))).toContain(`Next up: Direct Preference Optimization: Your Language Model is Secretly a Reward Model (${DPO}), which carol claimed to present.`);
    expect((await h.store.archivedSessions(h.channel))[0]).toMatchObject({ number: 2, paperId: QLORA, notesUrl: 'https://example.org/notes-2' });
  });

  it('history lists past sessions and finds them by paper or presenter', async () => {
    expect(visibleText(await h.run('club history', as(alice)))).toContain('no past sessions yet');
    await h.run('club present', as(bob));
    await h.run('club done notes https://example.org/n1');
    await h.run('club done');
    const all = await h.run('club history', as(alice));
    const items = all.blocks.find((b) => b.type === 'list');
    expect(items?.type === 'list' && items.items).toEqual([
      '#2 · Wed 5 Mar 2025 · Improving Language Understanding by Generative Pre-Training (improving-language-understanding-by-generative-pre) · no presenter',
      '#1 · Wed 5 Mar 2025 · Attention Is All You Need (1706.03762) · presented by bob · notes https://example.org/n1',
    ]);
    expect(visibleText(await h.run('club history bob', as(alice)))).toContain('#1 ·');
    expect(visibleText(await h.run('club history bob', as(alice)))).not.toContain('#2 ·');
    expect(visibleText(await h.run('club history attention need', as(alice)))).toContain('#1 ·');
    expect(visibleText(await h.run('club history mamba', as(alice)))).toContain('No past session matches "mamba"');
  });

  it('schedules the club (digest parsers: EST refused with zones), plans announcements, skips and unschedules', async () => {
    const est = await h.run('club schedule tue 17:00 EST');
    expect(est.error).toBe(true);
    expect(visibleText(est)).toContain('America/New_York');
    expect((await h.run('club schedule tue 17:00 Europe/Berlin every 2 weeks', { admin: false })).error).toBe(true);
    expect(visibleText(await h.run('club schedule tue 17:00 Europe/Berlin every fortnight'))).toContain('"every fortnight" is not a repeat');
    expect(await h.store.getClubSchedule(h.channel)).toBeNull();
    expect(h.announcements.calls).toEqual([]);

    const reply = visibleText(await h.run('club schedule tue 17:00 Europe/Berlin every 2 weeks announce 48h before'));
    expect(reply).toContain('The club meets every 2 weeks on Tuesday at 17:00 (Europe/Berlin); each session is announced here 48 hours before');
    expect(await h.store.getClubSchedule(h.channel)).toMatchObject({ weekday: 2, hour: 17, minute: 0, timeZone: 'Europe/Berlin', everyWeeks: 2, announceLeadHours: 48, anchorDate: '2025-03-11' });
    expect(h.announcements.calls).toEqual([{ op: 'follow', channel: h.channel }]);

    // A planner that refuses leaves the earlier schedule in place.
    h.announcements.failNext = new Error('queue unreachable');
    expect((await h.run('club schedule fri 09:00 UTC')).error).toBe(true);
    expect(await h.store.getClubSchedule(h.channel)).toMatchObject({ weekday: 2, everyWeeks: 2 });

    expect(visibleText(await h.run('club skip 2025-03-12'))).toContain('The club does not meet on 2025-03-12');
    expect(visibleText(await h.run('club skip 2025-03-25'))).toContain('No session on 2025-03-25.\nThe next session is Tue 11 Mar 2025, 17:00 Europe/Berlin');
    expect(await h.store.skippedSessions(h.channel)).toEqual(['2025-03-25']);
    expect(visibleText(await h.run('club unschedule'))).toContain('no more sessions are announced');
    expect(await h.store.getClubSchedule(h.channel)).toBeNull();
    expect(h.announcements.calls.at(-1)).toEqual({ op: 'cancel', channel: h.channel });
    expect(visibleText(await h.run('club skip 2025-03-25'))).toContain('The club has no schedule');
  });

  it('refuses to schedule without a job runner, and writes nothing', async () => {
    delete h.services.announcements;
    const reply = await h.run('club schedule tue 17:00 Europe/Berlin');
    expect(reply.error).toBe(true);
    expect(visibleText(reply)).toContain('announced by the job runner');
    expect(await h.store.getClubSchedule(h.channel)).toBeNull();
  });

  it('admins move and remove queued papers (a trailing number is the position)', async () => {
    expect((await h.run('club move bert 1', as(alice))).error).toBe(true);
    expect(visibleText(await h.run('club move bert 1'))).toContain("Moved BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding (1810.04805) from number 3: it is the club's current paper now.");
    expect((await h.store.queue(h.channel, h.services.library.readingOrder()))[0]!.paperId).toBe('1810.04805');
    expect(visibleText(await h.run(`club move "${LORA}" 2`))).toContain('Moved LoRA');
    expect(visibleText(await h.run('club move mamba 2'))).toMatch(/not in the reading queue|No paper/);
    await h.run('club vote qlora', as(alice));
    expect(visibleText(await h.run('club remove qlora'))).toContain('Removed QLoRA');
    expect(await h.store.votes(h.channel)).toEqual([]);
    expect(visibleText(await h.run('club remove qlora'))).toContain('is not in the reading queue');
  });

  it('gives the calendar link privately; only admins rotate it, and the old link stops working', async () => {
    const plain = visibleText(await h.run('club calendar', as(alice)));
    expect(plain).toMatch(/The bot serves it at \/club\/calendar\/[A-Za-z0-9_-]{32}\.ics\. Ask the operator/);
    h.services.publicBaseUrl = 'https://club.example.org';
    const link = visibleText(await h.run('club calendar', as(alice)));
    const token = /https:\/\/club\.example\.org\/club\/calendar\/([A-Za-z0-9_-]{32})\.ics/.exec(link)?.[1];
    expect(token).toBeDefined();
    expect(plain).toContain(token!);
    expect((await h.run('club calendar rotate', as(alice))).error).toBe(true);
    const rotated = visibleText(await h.run('club calendar rotate'));
    expect(rotated).toContain('The calendar has a new link; the old one no longer works.');
    expect(rotated).not.toContain(token!);
    expect(await h.store.channelForCalendarToken(token!)).toBeNull();
  });
});
