/**
 * The announcement and its thread's first message, from a plan: what they say in each case (presenter,
 * "needs a presenter" with the suggestion, carried over, no paper, no threads here), and that they stay
 * within Slack's and Discord's limits with hostile text, without any mention.
 */
import { describe, expect, it } from 'vitest';
import { ButtonCommandStore } from '../../../adapters/discord/custom-id.ts';
import { renderMessage as renderDiscord } from '../../../adapters/discord/render.ts';
import { renderMessage as renderSlack } from '../../../adapters/slack/render.ts';
import type { AnnouncementPlan } from '../../../src/club/announcement.ts';
import { announcementMessage, threadOpenerMessage, threadTitle } from '../../../src/club/announcement-message.ts';
import type { Message } from '../../../src/messages/message.ts';
import { assertWithinLimits } from '../discord/limits.ts';
import { blockKitViolations } from '../slack/block-kit-checks.ts';
import { cot, sneaky, testLibrary } from './library.ts';

const library = testLibrary();
const plan: AnnouncementPlan = {
  sessionNumber: 3,
  sessionAt: new Date('2025-03-25T16:00:00Z'),
  paperId: cot.id,
  presenter: null,
  suggestedPresenter: { id: 'U9', name: 'cy <!here>', firstSeen: '2025-01-01T00:00:00Z', lastSeen: '2025-03-20T00:00:00Z' },
  carriedOver: false,
  openQuestions: 2,
};

const texts = (m: Message) => m.blocks.flatMap((b) => (b.type === 'text' || b.type === 'header' || b.type === 'context' ? [b.text] : []));

describe('the announcement', () => {
  it('asks for a presenter with the rotation\'s suggestion, prompts the pre-read and points to the thread', () => {
    const message = announcementMessage(plan, library, 'Europe/Berlin', 'replies');
    expect(message.visibility).toBe('in_channel');
    expect(texts(message)[0]).toBe('Paper club: session 3, Tue 25 Mar 2025, 17:00 Europe/Berlin');
    expect(message.blocks.some((b) => b.type === 'card' && b.card.title === cot.title)).toBe(true);
    expect(texts(message)).toContain('Needs a presenter. Next in the rotation: cy <!here>, who presented least and longest ago. Volunteer with `/paper club present`.');
    expect(texts(message).some((t) => t.startsWith(`Before the session: read ${cot.title} and bring one question. Ask it in this announcement's thread or with`))).toBe(true);
    expect(texts(message)).toContain('2 questions collected so far.');
    const buttons = message.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons.map((x) => x.command) : []));
    expect(buttons).toEqual(['club present', 'club questions', 'club votes', 'club calendar']);
  });

  it('names the presenter, says a paper carried over, and asks for votes when there is no paper', () => {
    const presented = announcementMessage({ ...plan, presenter: { id: 'U1', name: 'bo' }, suggestedPresenter: null, carriedOver: true }, library, 'UTC', 'none');
    expect(texts(presented)[0]).toBe('Paper club, still on: session 3, Tue 25 Mar 2025, 16:00 UTC');
    expect(texts(presented)).toContain('Presenter: bo');
    expect(texts(presented).some((t) => t.includes('Ask it with `/paper club ask <question>`'))).toBe(true);
    const empty = announcementMessage({ ...plan, paperId: null, suggestedPresenter: null }, library, 'UTC', 'replies');
    expect(texts(empty).some((t) => t.startsWith('No paper is chosen yet.'))).toBe(true);
    expect(empty.summary).toBe('Paper club, Tue 25 Mar 2025, 16:00 UTC: no paper chosen yet');
  });

  it('tells each platform how its thread collects questions', () => {
    expect(texts(threadOpenerMessage(plan, library, 'replies'))[0]).toContain('A reply here that asks something (with a question mark) is collected');
    expect(texts(threadOpenerMessage(plan, library, 'mentions'))[0]).toContain('Mention the bot in a reply that asks something');
    expect(threadTitle(plan, library)).toBe('Session 3: CoT');
  });

  it('stays within both platforms\' limits and pings nobody, whatever the title and names', () => {
    for (const message of [announcementMessage({ ...plan, paperId: sneaky.id }, library, 'Europe/Berlin', 'replies'), threadOpenerMessage({ ...plan, paperId: sneaky.id }, library, 'mentions')]) {
      const slack = renderSlack(message);
      expect(blockKitViolations(slack)).toEqual([]);
      expect(JSON.stringify(slack)).not.toMatch(/<!(here|channel|everyone)>/);
      const discord = renderDiscord(message, new ButtonCommandStore());
      assertWithinLimits(discord);
      expect(discord.allowed_mentions).toEqual({ parse: [] });
    }
  });
});
