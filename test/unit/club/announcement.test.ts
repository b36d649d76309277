import { describe, expect, it } from 'vitest';
import { planAnnouncement } from '../../../src/club/announcement.ts';
import { firstSessionRecord, viewSession } from '../../../src/club/session.ts';
import { archived, claim, member, snapshot } from './fixtures.ts';

const now = new Date('2025-03-24T16:00:00Z');
const sessionAt = new Date('2025-03-25T16:00:00Z');
const seen = '2025-03-20T00:00:00Z';
const members = [member('ana', '2025-01-01T00:00:00Z', seen), member('bo', '2025-01-02T00:00:00Z', seen), member('cy', '2025-01-03T00:00:00Z', seen)];
const archive = [archived(1, 'old', 'ana', '2025-03-18T16:00:00Z')];

describe('planAnnouncement', () => {
  it('names the volunteer as presenter and suggests nobody', () => {
    const view = viewSession(snapshot({ queue: ['p'], claims: [claim('p', 'cy', 1)] }));
    expect(planAnnouncement({ view, sessionAt, claims: [claim('p', 'cy', 1)], members, archive, now })).toEqual({
      sessionNumber: 1,
      sessionAt,
      paperId: 'p',
      presenter: { id: 'cy' },
      suggestedPresenter: null,
      carriedOver: false,
      openQuestions: 0,
    });
  });

  it('suggests who presented least when nobody volunteered, skipping members with a later claim', () => {
    const claims = [claim('later', 'bo', 1)];
    const view = viewSession(snapshot({ queue: ['p'], claims }));
    // ana presented, bo promised a later paper: cy is asked.
    expect(planAnnouncement({ view, sessionAt, claims, members, archive, now }).suggestedPresenter?.id).toBe('cy');
  });

  it('says when the paper is carried over from an earlier date', () => {
    const current = {
      ...firstSessionRecord(),
      announcements: [{ sessionAt: '2025-03-18T16:00:00.000Z', postedAt: '2025-03-17T16:00:00.000Z', messageId: 'm', threadId: 't' }],
    };
    const view = viewSession(snapshot({ queue: ['p'], current }));
    expect(planAnnouncement({ view, sessionAt, claims: [], members, archive, now }).carriedOver).toBe(true);
  });

  it('suggests no presenter when there is no paper', () => {
    const view = viewSession(snapshot());
    expect(planAnnouncement({ view, sessionAt, claims: [], members, archive, now })).toMatchObject({ paperId: null, suggestedPresenter: null });
  });
});
