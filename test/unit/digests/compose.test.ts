/** composeDigest is pure: the digest message from gathered data, no store and no Redis. */
import { describe, expect, it } from 'vitest';
import { composeDigest, DIGEST_LIMITS, type DigestData } from '../../../src/digests/build.ts';
import type { Block, Message } from '../../../src/messages/message.ts';
import { makeEntry } from '../../helpers/entries.ts';

const lora = makeEntry({ id: '2106.09685', arxivId: '2106.09685', title: 'LoRA', takeaway: 'Two small matrices.' });
const dpo = makeEntry({ id: '2305.18290', arxivId: '2305.18290', title: 'Direct Preference Optimization' });
const library = { get: (id: string) => [lora, dpo].find((e) => e.id === id) };

const base: DigestData = {
  now: new Date('2025-03-10T09:00:00Z'),
  since: new Date('2025-03-03T09:00:00Z'),
  timeZone: 'Europe/Berlin',
  queue: [],
  alerts: [],
  finished: [],
};

const texts = (message: Message): string[] =>
  message.blocks.flatMap((b: Block) => (b.type === 'text' || b.type === 'context' || b.type === 'header' ? [b.text] : b.type === 'list' ? b.items : []));

describe('composeDigest', () => {
  it('says so in a quiet week with an empty queue', () => {
    const message = composeDigest(base, library);
    expect(message.visibility).toBe('in_channel');
    expect(texts(message)).toContain('Week of 10 Mar 2025 · since Mon 3 Mar');
    expect(texts(message).some((t) => t.startsWith('A quiet week'))).toBe(true);
    expect(texts(message).some((t) => t.includes('the reading queue is empty'))).toBe(true);
  });

  it("shows this week's paper, a paper gone from the library by its id, and the same data the same way", () => {
    const data: DigestData = { ...base, queue: [{ paperId: lora.id, addedAt: '2025-03-01T00:00:00Z' }, { paperId: 'gone-paper', addedAt: '2025-03-02T00:00:00Z' }] };
    const message = composeDigest(data, library);
    const card = message.blocks.find((b) => b.type === 'card');
    expect(card?.type === 'card' && card.card.title).toBe('LoRA');
    expect(texts(message)).toContain('gone-paper');
    expect(composeDigest(data, library)).toEqual(message);
  });

  it('groups alerts by topic and caps them', () => {
    const alerts = Array.from({ length: DIGEST_LIMITS.perTopic + 2 }, (_, i) => ({
      arxivId: `2503.0000${i}`,
      title: `Paper ${i}`,
      topic: 'rope',
      deliveredAt: `2025-03-0${4 + (i % 5)}T10:00:00Z`,
    }));
    const lines = texts(composeDigest({ ...base, alerts }, library));
    expect(lines).toContain(`New papers on your topics since Mon 3 Mar (${alerts.length})`);
    expect(lines).toContain('Topic: rope');
    expect(lines).toContain('and 2 more');
  });

  it('adds the next session, its presenter or the call for one, the leading votes with Vote buttons and the open questions', () => {
    const data: DigestData = {
      ...base,
      queue: [{ paperId: lora.id, addedAt: '2025-03-01T00:00:00Z' }],
      club: {
        timeZone: 'Europe/Berlin',
        summary: {
          sessionNumber: 4,
          nextSessionAt: new Date('2025-03-11T16:00:00Z'),
          paperId: lora.id,
          presenter: null,
          needsPresenter: true,
          topVotes: [{ paperId: dpo.id, votes: 3, voters: ['U1', 'U2', 'U3'], firstVoteAt: '2025-03-05T10:00:00Z' }],
          openQuestions: 2,
        },
      },
    };
    const message = composeDigest(data, library);
    expect(texts(message)).toContain('Next session: Tue 11 Mar 2025, 17:00 Europe/Berlin · needs a presenter: `/paper club present`');
    expect(texts(message)).toContain('Direct Preference Optimization (arXiv:2305.18290): 3 votes');
    expect(texts(message)).toContain('2 questions for the presenter so far (`/paper club questions`).');
    const buttons = message.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));
    expect(buttons).toContainEqual({ label: 'Vote: Direct Preference Optimization', command: 'club vote 2305.18290' });

    const presented = composeDigest({ ...data, club: { ...data.club!, summary: { ...data.club!.summary, presenter: { id: 'U9', name: '<!channel> ada' }, needsPresenter: false, topVotes: [], openQuestions: 0, nextSessionAt: null } } }, library);
    expect(texts(presented)).toContain('No session scheduled yet (an admin sets one with `/paper club schedule`) · presented by <!channel> ada');
    expect(texts(presented).some((t) => t.startsWith('No votes yet'))).toBe(true);
  });
});
