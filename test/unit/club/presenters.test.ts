import { describe, expect, it } from 'vitest';
import { presenterCounts, suggestPresenter } from '../../../src/club/presenters.ts';
import { archived, member } from './fixtures.ts';

const now = new Date('2025-06-01T00:00:00Z');
const archive = [
  archived(1, 'p1', 'ana', '2025-03-01T17:00:00Z'),
  archived(2, 'p2', 'bo', '2025-03-08T17:00:00Z'),
  archived(3, 'p3', 'ana', '2025-03-15T17:00:00Z'),
  archived(4, 'p4', null, '2025-03-22T17:00:00Z'),
  archived(5, 'p5', 'cy', '2025-03-29T17:00:00Z'),
];

describe('presenterCounts', () => {
  it('counts sessions per presenter, most first, then most recent', () => {
    expect(presenterCounts(archive).map((p) => [p.member.id, p.count, p.lastPresentedAt])).toEqual([
      ['ana', 2, '2025-03-15T17:00:00Z'],
      ['cy', 1, '2025-03-29T17:00:00Z'],
      ['bo', 1, '2025-03-08T17:00:00Z'],
    ]);
  });

  it('keeps the latest name a presenter gave', () => {
    const named = [archived(1, 'p1', null, '2025-03-01T17:00:00Z', { presenter: { id: 'ana', name: 'Ana' } }), archived(2, 'p2', 'ana', '2025-03-08T17:00:00Z')];
    expect(presenterCounts(named)[0]!.member).toEqual({ id: 'ana', name: 'Ana' });
  });
});

describe('suggestPresenter', () => {
  const seen = '2025-05-20T00:00:00Z';

  it('suggests a member who never presented before anyone who did', () => {
    const members = [member('ana', '2025-01-01T00:00:00Z', seen), member('dee', '2025-02-01T00:00:00Z', seen), member('bo', '2025-01-02T00:00:00Z', seen)];
    expect(suggestPresenter({ members, archive, now })?.id).toBe('dee');
  });

  it('among equal counts, suggests who presented longest ago', () => {
    const members = [member('cy', '2025-01-01T00:00:00Z', seen), member('bo', '2025-01-05T00:00:00Z', seen), member('ana', '2025-01-01T00:00:00Z', seen)];
    expect(suggestPresenter({ members, archive, now })?.id).toBe('bo');
  });

  it('among members who never presented, suggests who joined first, then by id', () => {
    const members = [member('zed', '2025-02-01T00:00:00Z', seen), member('yan', '2025-01-15T00:00:00Z', seen), member('xia', '2025-01-15T00:00:00Z', seen)];
    expect(suggestPresenter({ members, archive: [], now })?.id).toBe('xia');
  });

  it('leaves out members not seen lately and those excluded', () => {
    const members = [member('gone', '2024-01-01T00:00:00Z', '2025-01-01T00:00:00Z'), member('bo', '2025-01-01T00:00:00Z', seen), member('cy', '2025-01-01T00:00:00Z', seen)];
    expect(suggestPresenter({ members, archive, now })?.id).toBe('bo');
    expect(suggestPresenter({ members, archive, now, exclude: new Set(['bo']) })?.id).toBe('cy');
    expect(suggestPresenter({ members, archive, now, exclude: new Set(['bo', 'cy']) })).toBeNull();
    expect(suggestPresenter({ members, archive, now, activeDays: 1000 })?.id).toBe('gone');
  });
});
