import { describe, expect, it } from 'vitest';
import { assignCitationKeys, citationKey } from '../../../src/citations/keys.ts';
import { makeEntry } from '../../helpers/entries.ts';
import { chainOfThought, dynamicRope, jsonformer, maldacena, stMoe, yi } from './entries.ts';

describe('citationKey', () => {
  it('is family name + year + first significant title word', () => {
    expect(citationKey(chainOfThought)).toBe('wei2022chainofthought');
    expect(citationKey(stMoe)).toBe('zoph2022stmoe');
  });

  it('uses the first word of an organisation or pseudonym', () => {
    expect(citationKey(yi)).toBe('01ai2024yi');
    expect(citationKey(dynamicRope)).toBe('emozilla2023dynamically');
  });

  it('skips leading stop words and folds accents', () => {
    const e = makeEntry({ id: 'x', title: 'On the Élan of Über-Models', authors: [{ given: 'Zoë', family: 'Ångström' }], year: 2020 });
    expect(citationKey(e)).toBe('angstrom2020elan');
    expect(citationKey(maldacena)).toBe('maldacena1997large');
  });

  it('marks missing authors and years instead of failing', () => {
    expect(citationKey(jsonformer)).toBe('anonndjsonformer');
  });
});

describe('assignCitationKeys', () => {
  it('keeps distinct keys as they are', () => {
    const keys = assignCitationKeys([chainOfThought, yi, dynamicRope]);
    expect([...keys.values()]).toEqual(['wei2022chainofthought', '01ai2024yi', 'emozilla2023dynamically']);
  });

  it('disambiguates collisions by id, whatever the library order', () => {
    const a = makeEntry({ id: '2201.00001', title: 'Chain of things', authors: [{ given: 'J', family: 'Wei' }], year: 2022 });
    const b = makeEntry({ id: '2201.00002', title: 'Chain reactions', authors: [{ given: 'K', family: 'Wei' }], year: 2022 });
    const forward = assignCitationKeys([a, b]);
    const backward = assignCitationKeys([b, a]);
    expect(forward.get('2201.00001')).toBe('wei2022chain');
    expect(forward.get('2201.00002')).toBe('wei2022chainb');
    expect(backward).toEqual(forward);
  });
});
