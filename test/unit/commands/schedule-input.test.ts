import { describe, expect, it } from 'vitest';
import { parseTimeZone } from '../../../src/commands/digest/schedule-input.ts';

describe('parseTimeZone', () => {
  it.each([
    ['Europe/Berlin', 'Europe/Berlin'],
    ['europe/berlin', 'Europe/Berlin'],
    ['America/New_York', 'America/New_York'],
    ['US/Eastern', 'America/New_York'],
    ['UTC', 'UTC'],
    ['utc', 'UTC'],
    ['Etc/UTC', 'UTC'],
  ])('accepts %s as %s', (text, zone) => {
    expect(parseTimeZone(text)).toEqual({ ok: true, value: zone });
  });

  it.each([
    ['EST', 'America/New_York'],
    ['est', 'America/New_York'],
    ['PDT', 'America/Los_Angeles'],
    ['CET', 'Europe/Berlin'],
    ['CEST', 'Europe/Paris'],
    ['GMT', 'Europe/London'],
    ['IST', 'Asia/Kolkata'],
    ['AEST', 'Australia/Sydney'],
    ['EST5EDT', 'America/New_York'],
  ])('refuses the abbreviation %s, suggesting %s', (text, meant) => {
    const result = parseTimeZone(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toContain(`"${text}" is an abbreviation`);
      expect(result.error).toContain(meant);
    }
  });

  it('refuses names that are no zone at all', () => {
    for (const text of ['', 'Berlin', 'XYZ', 'Mars/Olympus']) {
      const result = parseTimeZone(text);
      expect(result.ok, text).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/is not an IANA time zone: use a name like Europe\/Berlin/);
    }
  });
});
