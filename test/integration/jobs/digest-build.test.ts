/** buildDigest against the real Redis store: queue head card, up next, alerts by topic with caps, finished, quiet weeks. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelAddress } from '../../../src/channel-address.ts';
import { buildDigest, DIGEST_LIMITS } from '../../../src/digests/build.ts';
import { Library } from '../../../src/library/library.ts';
import type { ImportReport, PaperEntry } from '../../../src/library/types.ts';
import type { Block, Message } from '../../../src/messages/message.ts';
import { redisFixture, type RedisFixture } from '../store/redis-fixture.ts';
import { emptyImportReport } from '../../../src/library/report.ts';

const channel: ChannelAddress = { platform: 'slack', workspace: 'T1', channel: 'C1' };
const now = new Date('2025-03-10T09:00:00Z');
const since = new Date('2025-03-03T09:00:00Z');

function entry(id: string, title: string, extra: Partial<PaperEntry> = {}): PaperEntry {
  return {
    id, kind: 'arxiv', title, authors: [{ given: 'Ada', family: 'Lovelace' }], year: 2024, date: null, arxivId: id, doi: null,
    links: [], aka: [], affiliation: null, tags: [], summary: [], takeaway: null, bibtex: null, readingOrder: null,
    abstract: null, categories: [], primaryCategory: null, sources: [], provenance: { source: 'reading-list' }, ...extra,
  };
}

const report: ImportReport = emptyImportReport();
const library = new Library(
  [
    entry('2106.09685', 'LoRA: Low-Rank Adaptation of Large Language Models', { takeaway: 'Freeze the model, train two small matrices.', readingOrder: 1 }),
    entry('2305.18290', 'Direct Preference Optimization', { readingOrder: 2 }),
    entry('2312.00752', 'Mamba', { readingOrder: 3 }),
    entry('2205.14135', 'FlashAttention', { readingOrder: 4 }),
    entry('2001.08361', 'Scaling Laws for Neural Language Models', { readingOrder: 5 }),
  ],
  report,
);
const initialQueue = library.readingOrder();

const texts = (message: Message): string[] =>
  message.blocks.flatMap((b: Block) => (b.type === 'text' || b.type === 'context' || b.type === 'header' ? [b.text] : b.type === 'list' ? b.items : []));

describe('buildDigest', () => {
  let fx: RedisFixture;
  beforeEach(async () => {
    fx = await redisFixture();
  });
  afterEach(async () => {
    await fx.teardown();
  });

  it('shows this week\'s paper with its card and takeaway, and what is next', async () => {
    const message = await buildDigest({ channel, library, store: fx.store, now, since, initialQueue });
    expect(message.visibility).toBe('in_channel');
    const card = message.blocks.find((b) => b.type === 'card');
    expect(card?.type === 'card' && card.card.title).toBe('LoRA: Low-Rank Adaptation of Large Language Models');
    expect(card?.type === 'card' && card.card.text).toContain('Freeze the model, train two small matrices.');
    const lines = texts(message);
    expect(lines).toContain('Up next');
    expect(lines).toContain('Direct Preference Optimization (arXiv:2305.18290)');
    expect(lines).toContain('FlashAttention (arXiv:2205.14135)');
    expect(lines).not.toContain('Scaling Laws for Neural Language Models (arXiv:2001.08361)');
    expect(lines).toContain('and 1 more in the queue');
    expect(message.summary).toBe('Paper club digest: this week, LoRA: Low-Rank Adaptation of Large Language Models');
  });

  it('says so in a quiet week', async () => {
    const message = await buildDigest({ channel, library, store: fx.store, now, since, initialQueue });
    expect(texts(message).some((t) => t.startsWith('A quiet week: no new papers'))).toBe(true);
  });

  it('groups alerts since the last digest by topic, capped per topic and in total', async () => {
    // One alert before `since` must not appear.
    await fx.store.recordDelivered(channel, { arxivId: '2502.00001', title: 'Old news', topic: 'moe', deliveredAt: '2025-03-01T00:00:00Z' });
    for (let i = 0; i < 7; i++) {
      await fx.store.recordDelivered(channel, { arxivId: `2503.0010${i}`, title: `MoE paper ${i}`, topic: 'moe', deliveredAt: `2025-03-04T0${i}:00:00Z` });
    }
    for (let i = 0; i < 30; i++) {
      const topic = `topic-${Math.floor(i / 5)}`;
      await fx.store.recordDelivered(channel, { arxivId: `2503.1${String(i).padStart(4, '0')}`, title: `Paper ${i}`, topic, deliveredAt: `2025-03-05T${String(i % 24).padStart(2, '0')}:${String(i).padStart(2, '0')}:00Z` });
    }
    const message = await buildDigest({ channel, library, store: fx.store, now, since, initialQueue });
    const lines = texts(message);
    expect(lines).not.toContain('Old news (arXiv:2502.00001)');
    expect(lines).toContain('New papers on your topics since Mon 3 Mar (37)');
    expect(lines).toContain('Topic: moe');
    expect(lines.filter((l) => l.startsWith('MoE paper'))).toHaveLength(DIGEST_LIMITS.perTopic);
    expect(lines).toContain('and 2 more');
    const shown = lines.filter((l) => /^(MoE paper|Paper) \d+ \(arXiv:/.test(l));
    expect(shown).toHaveLength(DIGEST_LIMITS.totalAlerts);
    expect(lines.some((l) => /^and \d+ more on other topics$/.test(l))).toBe(true);
    expect(lines.some((l) => l.startsWith('A quiet week'))).toBe(false);
  });

  it('lists what the club finished since the last digest and moves the queue on', async () => {
    await fx.store.finishHead(channel, initialQueue, new Date('2025-03-05T12:00:00Z'));
    const message = await buildDigest({ channel, library, store: fx.store, now, since, initialQueue });
    const lines = texts(message);
    expect(lines).toContain('Finished since Mon 3 Mar');
    expect(lines).toContain('LoRA: Low-Rank Adaptation of Large Language Models (arXiv:2106.09685)');
    const card = message.blocks.find((b) => b.type === 'card');
    expect(card?.type === 'card' && card.card.title).toBe('Direct Preference Optimization');
  });

  it('covers the last week when there was no digest before, in the schedule\'s time zone', async () => {
    await fx.store.setSchedule(channel, { weekday: 1, hour: 9, minute: 0, timeZone: 'Asia/Tokyo' });
    await fx.store.recordDelivered(channel, { arxivId: '2503.00200', title: 'Fresh', topic: 'moe', deliveredAt: '2025-03-09T00:00:00Z' });
    const message = await buildDigest({ channel, library, store: fx.store, now, since: null, initialQueue });
    const lines = texts(message);
    expect(lines).toContain('Fresh (arXiv:2503.00200)');
    expect(lines).toContain('Week of 10 Mar 2025 · since Mon 3 Mar');
  });

  it('handles an empty queue', async () => {
    const empty = new Library([], report);
    const message = await buildDigest({ channel, library: empty, store: fx.store, now, since, initialQueue: [] });
    expect(texts(message).some((t) => t.includes('the reading queue is empty'))).toBe(true);
    expect(message.blocks.some((b) => b.type === 'card')).toBe(false);
  });
});
