import { describe, expect, it } from 'vitest';
import { renderMessage as renderConsole } from '../../../adapters/console/render.ts';
import { ButtonCommandStore } from '../../../adapters/discord/custom-id.ts';
import { renderMessage as renderDiscord } from '../../../adapters/discord/render.ts';
import { renderMessage as renderSlack } from '../../../adapters/slack/render.ts';
import { stripInvisible, stripInvisibleMessage } from '../../../src/messages/invisible.ts';
import type { Message } from '../../../src/messages/message.ts';

const RLO = '\u202E';
const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u180E\u00AD]/;

describe('stripInvisible', () => {
  it('removes bidi overrides, embeddings, isolates and marks', () => {
    expect(stripInvisible(`Attention ${RLO}deen uoy lla si\u202C`)).toBe('Attention deen uoy lla si');
    expect(stripInvisible('a\u2066b\u2067c\u2068d\u2069e\u200Ef\u200Fg\u061Ch\u202Ai\u202Bj\u202Dk')).toBe('abcdefghijk');
  });

  it('removes zero-width characters that hide or disguise text', () => {
    expect(stripInvisible('D\u200BP\u200CO\u2060 \uFEFFLo\u00ADRA\u180E\u2062')).toBe('DPO LoRA');
    expect(stripInvisible('ev\u200Derything')).toBe('everything');
  });

  it('keeps a zero-width joiner inside an emoji sequence, and ordinary text untouched', () => {
    const scientist = '👩\u200D🔬';
    const family = '👨🏽\u200D👩\u200D👧';
    expect(stripInvisible(`${scientist} ${family} café — ΨPO`)).toBe(`${scientist} ${family} café — ΨPO`);
    const plain = 'Mixture-of-Experts: a survey';
    expect(stripInvisible(plain)).toBe(plain);
  });

  it('strips every displayed string of a message, and leaves button command lines as they are', () => {
    const message: Message = {
      visibility: 'in_channel',
      summary: `new ${RLO}paper`,
      blocks: [
        { type: 'header', text: `h${RLO}` },
        { type: 'card', card: { title: `t\u200B`, url: 'https://arxiv.org/abs/2106.09685', subtitle: `s\u2066`, text: `x\u200F`, fields: [{ label: `l\u200E`, value: `v\u2069` }], links: [{ label: `k\uFEFF`, url: 'https://a.b' }], footer: `f\u202A` } },
        { type: 'list', items: [`i\u200C`] },
        { type: 'actions', buttons: [{ label: `b${RLO}`, command: 'show 2106.09685' }] },
        { type: 'divider' },
      ],
    };
    const clean = JSON.stringify(stripInvisibleMessage(message));
    expect(clean).not.toMatch(INVISIBLE);
    expect(clean).toContain('"command":"show 2106.09685"');
  });
});

describe('every renderer strips them before escaping', () => {
  const spoofed: Message = {
    visibility: 'in_channel',
    summary: `New paper: ${RLO}fdp.exe`,
    blocks: [{ type: 'card', card: { title: `Safe title ${RLO}elif\u200B @everyone`, url: 'https://arxiv.org/abs/2504.00001', text: `abstract \u2066hidden\u2069 text` } }],
  };

  it('Slack', () => {
    const out = JSON.stringify(renderSlack(spoofed));
    expect(out).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200E\u200F]/);
    expect(out).toContain('Safe title elif @everyone');
  });

  it('Discord (its own mention-breaking ZWSP survives)', () => {
    const out = renderDiscord(spoofed, new ButtonCommandStore());
    const text = JSON.stringify(out);
    expect(text).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200E\u200F]/);
    expect(out.embeds?.[0]?.title).toBe('Safe title elif @\u200Beveryone');
  });

  it('console', () => {
    const out = renderConsole(spoofed).text;
    expect(out).not.toMatch(INVISIBLE);
    expect(out).toContain('Safe title elif @everyone');
  });
});
