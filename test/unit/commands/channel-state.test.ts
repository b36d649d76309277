import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ordinal } from '../../../src/messages/cards.ts';
import { buttonsOf, harness, NEXT_DIGEST, visibleText, type Harness } from './fixtures.ts';

describe('topics (real Redis)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
  });
  afterEach(async () => {
    await h.teardown();
  });

  it('an admin adds topics, lists them and removes one', async () => {
    expect(visibleText(await h.run('topics list'))).toContain('This channel tracks no topics yet.');
    expect(visibleText(await h.run('topics add moe OR "sparse experts"'))).toContain('Now tracking moe OR "sparse experts".');
    await h.run('topics add au:"Tri Dao"');
    expect(visibleText(await h.run('topics add MOE or "sparse experts"'))).toContain('This channel already tracks');
    expect(await h.store.listTopics(h.channel)).toEqual(['moe OR "sparse experts"', 'au:"Tri Dao"']);
    const list = await h.run('topics list', { admin: false });
    expect(list.blocks).toContainEqual({ type: 'list', items: ['moe OR "sparse experts"', 'au:"Tri Dao"'] });
    expect(visibleText(await h.run('topics remove au:"tri dao"'))).toContain('Stopped tracking au:"tri dao".');
    expect(await h.store.listTopics(h.channel)).toEqual(['moe OR "sparse experts"']);
  });

  it('rejects invalid topic syntax and stores nothing', async () => {
    const reply = await h.run('topics add "mixture of experts');
    expect(reply.error).toBe(true);
    expect(visibleText(reply)).toMatch(/^That topic can't be tracked: /);
    expect(await h.store.listTopics(h.channel)).toEqual([]);
  });

  it('refuses members and stores nothing', async () => {
    const reply = await h.run('topics add rope', { admin: false });
    expect(reply.error).toBe(true);
    expect(visibleText(reply)).toContain('Only the admins listed in SLACK_ADMIN_USERS can run `topics add`');
    expect(await h.store.listTopics(h.channel)).toEqual([]);
    await h.run('topics add rope');
    expect((await h.run('topics remove rope', { admin: false })).error).toBe(true);
    expect(await h.store.listTopics(h.channel)).toEqual(['rope']);
  });

  it('says which topics exist when removing one that is not tracked', async () => {
    await h.run('topics add rope');
    expect(visibleText(await h.run('topics remove alibi'))).toContain("This channel doesn't track alibi. It tracks: rope.");
  });

  it('removes a topic added with typographic quotes when it is typed with straight ones', async () => {
    expect(visibleText(await h.run('topics add “speculative decoding”'))).toContain('Now tracking “speculative decoding”.');
    expect(visibleText(await h.run('topics remove "speculative decoding"'))).toContain('Stopped tracking "speculative decoding".');
    expect(await h.store.listTopics(h.channel)).toEqual([]);
  });

  it('reads AND as an operator, and refuses it dangling', async () => {
    expect(visibleText(await h.run('topics add rope AND "long context"'))).toContain('Now tracking rope AND "long context".');
    expect(visibleText(await h.run('topics add rope "long context"'))).toContain('This channel already tracks');
    const dangling = await h.run('topics add rope AND');
    expect(dangling.error).toBe(true);
    expect(visibleText(dangling)).toMatch(/`AND` needs a term on both sides/);
  });

  it('keeps channels apart', async () => {
    await h.run('topics add rope');
    const other = { ...h.channel, channel: `${h.channel.channel}-other` };
    expect(visibleText(await h.run('topics list', { channel: other }))).toContain('no topics yet');
  });
});

describe('club (real Redis)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
  });
  afterEach(async () => {
    await h.teardown();
  });

  it('starts from the numbered reading list', async () => {
    const order = h.services.library.readingOrder();
    expect(order.length).toBeGreaterThan(2);
    const next = await h.run('club next', { admin: false });
    const card = next.blocks.find((b) => b.type === 'card');
    expect(card?.type === 'card' && card.card.title).toBe(h.services.library.get(order[0]!)!.title);
    expect(visibleText(next)).toContain(`Up next in the queue: ${h.services.library.get(order[1]!)!.title}`);
    expect(visibleText(next)).toContain('Needs a presenter');
    const list = await h.run('club list');
    const items = list.blocks.find((b) => b.type === 'list');
    expect(items?.type === 'list' && items.items[0]).toBe(`${h.services.library.get(order[0]!)!.title} (${order[0]})`);
  });

  it('adds a paper to the end once, and shows its queue position on its card', async () => {
    const order = h.services.library.readingOrder();
    const extra = h.services.library.entries.find((e) => !order.includes(e.id))!;
    const added = await h.run(`club add ${extra.id}`);
    expect(visibleText(added)).toContain(`Added ${extra.title} to the reading queue: it is number ${order.length + 1} of ${order.length + 1}.`);
    expect(visibleText(await h.run(`club add ${extra.id}`))).toContain('is already in the reading queue');
    const queue = await h.store.queue(h.channel, order);
    expect(queue.at(-1)).toMatchObject({ paperId: extra.id, addedBy: 'UADMIN' });
    const show = await h.run(`show ${extra.id}`);
    const card = show.blocks.find((b) => b.type === 'card');
    const fields = card?.type === 'card' ? card.card.fields ?? [] : [];
    expect(fields.find((f) => f.label === 'Reading order')?.value).toContain(`${ordinal(order.length + 1)} in this channel's queue`);
  });

  it('finishes the current paper and moves on', async () => {
    const order = h.services.library.readingOrder();
    const first = h.services.library.get(order[0]!)!;
    const second = h.services.library.get(order[1]!)!;
    const done = await h.run('club done');
    expect(visibleText(done)).toContain(`Session 1 (${first.title} (${first.id})) is archived with 0 questions.\nNext up: ${second.title} (${second.id}), from the reading queue.`);
    expect(await h.store.finished(h.channel)).toEqual([{ paperId: first.id, finishedAt: '2025-03-05T12:00:00.000Z' }]);
    const list = visibleText(await h.run('club list'));
    expect(list).toContain('Finished recently');
    expect(list).toContain(`${first.title} (${first.id}), 2025-03-05`);
  });

  it('refuses members changing the queue, but lets them read it', async () => {
    expect((await h.run('club done', { admin: false })).error).toBe(true);
    expect((await h.run('club add lora', { admin: false })).error).toBe(true);
    expect((await h.run('club list', { admin: false })).error).toBeUndefined();
    expect((await h.store.queue(h.channel, h.services.library.readingOrder())).map((q) => q.paperId)).toEqual(h.services.library.readingOrder());
  });

  it('does not touch the queue when the paper is unknown', async () => {
    const reply = await h.run('club add 2999.99999');
    expect(reply.error).toBe(true);
    expect((await h.store.queue(h.channel, h.services.library.readingOrder())).map((q) => q.paperId)).toEqual(h.services.library.readingOrder());
  });
});

describe('digest (real Redis)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
  });
  afterEach(async () => {
    await h.teardown();
  });

  it('schedules with the store and the job runner together', async () => {
    const reply = await h.run('digest schedule Monday 9:30 europe/berlin');
    const schedule = { weekday: 1, hour: 9, minute: 30, timeZone: 'Europe/Berlin' };
    expect(await h.store.getSchedule(h.channel)).toEqual(schedule);
    expect(h.digests.calls).toEqual([{ op: 'schedule', channel: h.channel, schedule }]);
    expect(visibleText(reply)).toContain('every Monday at 09:30 (Europe/Berlin)');
    expect(visibleText(reply)).toContain(`The next one is due Mon 10 Mar 2025, 09:30 Europe/Berlin.`);
    expect(NEXT_DIGEST.toISOString()).toBe('2025-03-10T08:30:00.000Z');
  });

  it('rejects a bad weekday, time or zone and changes nothing', async () => {
    for (const [text, error] of [
      ['digest schedule someday 09:30 UTC', /"someday" is not a weekday/],
      ['digest schedule mon 25:00 UTC', /"25:00" is not a time/],
      ['digest schedule mon 9.30 UTC', /"9.30" is not a time/],
      ['digest schedule mon 09:30 Mars/Olympus', /"Mars\/Olympus" is not an IANA time zone/],
      // Valid to the IANA database, but a fixed UTC-5 (America/Panama): it used to be stored silently.
      ['digest schedule mon 09:30 EST', /"EST" is an abbreviation.*daylight saving.*America\/New_York/],
      ['digest schedule mon 09:30 CET', /"CET" is an abbreviation.*Europe\/Berlin/],
      ['digest schedule mon 09:30', /needs a timezone/],
    ] as const) {
      const reply = await h.run(text);
      expect(reply.error).toBe(true);
      expect(visibleText(reply)).toMatch(error);
    }
    expect(await h.store.getSchedule(h.channel)).toBeNull();
    expect(h.digests.calls).toEqual([]);
  });

  it('restores the previous schedule when the job runner refuses the new one', async () => {
    await h.run('digest schedule fri 16:00 UTC');
    h.digests.failNext = new Error('queue unreachable');
    const reply = await h.run('digest schedule mon 09:00 UTC');
    expect(reply.error).toBe(true);
    expect(await h.store.getSchedule(h.channel)).toEqual({ weekday: 5, hour: 16, minute: 0, timeZone: 'UTC' });
  });

  it('turns the digest off', async () => {
    await h.run('digest schedule sun 18:00 America/New_York');
    expect(visibleText(await h.run('digest off'))).toBe('The weekly digest is off for this channel.');
    expect(await h.store.getSchedule(h.channel)).toBeNull();
    expect(h.digests.calls.at(-1)).toEqual({ op: 'cancel', channel: h.channel });
    expect(visibleText(await h.run('digest off'))).toBe('This channel had no digest scheduled.');
  });

  it('refuses members scheduling', async () => {
    expect((await h.run('digest schedule mon 09:00 UTC', { admin: false })).error).toBe(true);
    expect((await h.run('digest off', { admin: false })).error).toBe(true);
    expect(h.digests.calls).toEqual([]);
  });

  it('previews the digest privately, with this week\'s paper', async () => {
    const reply = await h.run('digest preview', { admin: false });
    expect(reply.visibility).toBe('ephemeral');
    expect(reply.error).toBeUndefined();
    const first = h.services.library.get(h.services.library.readingOrder()[0]!)!;
    expect(visibleText(reply)).toContain(first.title);
  });

  it('status shows topics, the schedule, polls and health', async () => {
    await h.run('topics add rope');
    await h.run('digest schedule mon 09:30 Europe/Berlin');
    await h.store.recordPoll({ category: 'cs.CL', checkedAt: '2025-03-05T10:00:00.000Z', outcome: 'ok', items: 42 });
    await h.store.blockChannel(h.channel, 'channel_not_found', new Date('2025-03-04T00:00:00.000Z'));
    const text = visibleText(await h.run('status', { admin: false }));
    expect(text).toContain(`${h.services.library.size} papers`);
    expect(text).toContain('rope');
    expect(text).toContain('every Monday at 09:30 (Europe/Berlin); next Mon 10 Mar 2025, 09:30 Europe/Berlin');
    expect(text).toContain('cs.CL: ok, 42 items, 2 h ago');
    expect(text).toContain('stopped: channel_not_found (since 2025-03-04T00:00:00.000Z)');
    expect(text).toContain('paperclub resume --channel');
    expect(buttonsOf(await h.run('status')).length).toBe(0);
  });

  it('status flags a feed that needs attention (it used to be flagged only by the CLI)', async () => {
    // Wednesday morning: Tuesday evening's announcement should be in the feed, so an empty one is a problem.
    await h.store.recordPoll({ category: 'cs.CL', checkedAt: '2025-03-05T10:00:00.000Z', outcome: 'empty', items: 0 });
    await h.store.recordPoll({ category: 'cs.LG', checkedAt: '2025-03-05T10:00:00.000Z', outcome: 'ok', items: 7 });
    const text = visibleText(await h.run('status', { admin: false }));
    expect(text).toMatch(/cs\.CL: empty, 2 h ago \(needs attention\)/);
    expect(text).toMatch(/cs\.LG: ok, 7 items, 2 h ago$/m);
  });
});
