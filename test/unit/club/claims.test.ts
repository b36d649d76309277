import { describe, expect, it } from 'vitest';
import { pendingClaims, presenterOf, unclaimTarget } from '../../../src/club/claims.ts';
import { claim } from './fixtures.ts';

describe('presenterOf', () => {
  it('is the member who claimed the current paper', () => {
    const claims = [claim('later', 'u1', 1), claim('now', 'u2', 2, 'Ana')];
    expect(presenterOf(claims, 'now')).toEqual({ id: 'u2', name: 'Ana' });
    expect(presenterOf(claims, 'other')).toBeNull();
    expect(presenterOf(claims, null)).toBeNull();
  });
});

describe('pendingClaims', () => {
  it('lists claims on later papers, earliest first', () => {
    const claims = [claim('c', 'u3', 9), claim('now', 'u2', 1), claim('b', 'u1', 4)];
    expect(pendingClaims(claims, 'now').map((c) => c.paperId)).toEqual(['b', 'c']);
  });
});

describe('unclaimTarget', () => {
  const claims = [claim('now', 'u1', 1), claim('later', 'u1', 2), claim('other', 'u2', 3)];

  it('drops the only claim a member holds', () => {
    expect(unclaimTarget(claims, 'u2')).toEqual({ ok: true, paperId: 'other' });
  });

  it('asks which one when a member holds several', () => {
    const target = unclaimTarget(claims, 'u1');
    expect(target).toMatchObject({ ok: false, reason: 'ambiguous' });
    if (!target.ok && target.reason === 'ambiguous') expect(target.claims.map((c) => c.paperId)).toEqual(['now', 'later']);
    expect(unclaimTarget(claims, 'u1', 'later')).toEqual({ ok: true, paperId: 'later' });
  });

  it("refuses someone else's claim and says whose it is", () => {
    expect(unclaimTarget(claims, 'u1', 'other')).toEqual({ ok: false, reason: 'not_yours', claim: claims[2] });
    expect(unclaimTarget(claims, 'u1', 'unclaimed')).toEqual({ ok: false, reason: 'not_yours', claim: null });
    expect(unclaimTarget(claims, 'u9')).toEqual({ ok: false, reason: 'none' });
  });
});
