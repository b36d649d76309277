import { describe, expect, it } from 'vitest';
import { ButtonCommandStore } from '../../../adapters/discord/custom-id.ts';
import { codeBlock, escapeText, neutraliseMentions, renderMessage, safeUrl } from '../../../adapters/discord/render.ts';
import type { Block, Button, Card, Message } from '../../../src/messages/message.ts';
import { allText, assertWithinLimits } from './limits.ts';

const render = (blocks: Block[], visibility: Message['visibility'] = 'ephemeral') =>
  renderMessage({ visibility, summary: 'summary', blocks }, new ButtonCommandStore());

describe('escaping', () => {
  it('breaks every mention form', () => {
    const out = neutraliseMentions('@everyone @HERE <@123> <@!5> <@&7> <#9> </paper:1>');
    expect(out).not.toMatch(/@(everyone|here)/i);
    expect(out).not.toMatch(/<[@#/]/);
  });

  it('escapes inline markdown and line-start constructs', () => {
    expect(escapeText('**bold** _it_ ~~s~~ ||spoiler|| `code` [x](http://e.com)')).toBe(
      '\\*\\*bold\\*\\* \\_it\\_ \\~\\~s\\~\\~ \\|\\|spoiler\\|\\| \\`code\\` \\[x\\](http://e.com)',
    );
    expect(escapeText('# h\n> q\n- l\n-# sub\n12. n\n  * x')).toBe('\\# h\n\\> q\n\\- l\n\\-# sub\n12\\. n\n  \\* x');
    expect(escapeText('back\\slash')).toBe('back\\\\slash');
  });

  it('keeps code blocks closed whatever the code contains', () => {
    const block = codeBlock('a ```\n@everyone\n`', 'bib;tex');
    expect(block.startsWith('```\n')).toBe(true);
    expect(block.endsWith('\n```')).toBe(true);
    expect(block.slice(3, -3)).not.toContain('```');
    expect(block).not.toContain('@everyone');
    expect(codeBlock('x', 'bibtex').startsWith('```bibtex\n')).toBe(true);
  });

  it('accepts only http(s) URLs and makes them safe inside a markdown link', () => {
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('not a url')).toBeUndefined();
    expect(safeUrl('https://e.com/a_(b)')).toBe('https://e.com/a_%28b%29');
  });
});

describe('layout', () => {
  it('puts leading text in content, cards in embeds, buttons in rows, and never allows mentions', () => {
    const payload = render([
      { type: 'header', text: 'Search: lora' },
      { type: 'card', card: { title: 'LoRA', url: 'https://arxiv.org/abs/2106.09685', subtitle: '2021', fields: [{ label: 'Tags', value: 'PEFT' }], footer: 'f' } },
      { type: 'actions', buttons: [{ label: 'Show', command: 'show 2106.09685' }, { label: 'Share', command: 'show 2106.09685', share: true, style: 'primary' }] },
    ]);
    expect(payload.content).toBe('**Search: lora**');
    expect(payload.embeds).toEqual([
      { title: 'LoRA', url: 'https://arxiv.org/abs/2106.09685', footer: { text: 'f' }, description: '*2021*', fields: [{ name: 'Tags', value: 'PEFT' }] },
    ]);
    expect(payload.components).toEqual([
      {
        type: 1,
        components: [
          { type: 2, style: 2, label: 'Show', custom_id: 'c:show 2106.09685' },
          { type: 2, style: 1, label: 'Share', custom_id: 's:show 2106.09685' },
        ],
      },
    ]);
    expect(payload.flags).toBe(64);
    expect(payload.allowed_mentions).toEqual({ parse: [] });
    expect(render([{ type: 'text', text: 'hi' }], 'in_channel').flags).toBeUndefined();
  });

  it('gives duplicate buttons distinct custom_ids and packs many groups into at most 5 rows', () => {
    const groups: Block[] = Array.from({ length: 7 }, (_, i) => ({ type: 'actions', buttons: [{ label: `B${i}`, command: 'help' }] }));
    const payload = render([{ type: 'text', text: 'x' }, ...groups]);
    const buttons = payload.components.flatMap((r) => r.components);
    expect(buttons.map((b) => b.label)).toEqual(['B0', 'B1', 'B2', 'B3', 'B4', 'B5', 'B6']);
    expect(new Set(buttons.map((b) => b.custom_id)).size).toBe(7);
    expect(payload.components).toHaveLength(2);
  });

  it('moves too-long leading text into an embed and notes cards that did not fit', () => {
    const payload = render([{ type: 'text', text: 'y'.repeat(3000) }, ...Array.from({ length: 12 }, (_, i): Block => ({ type: 'card', card: { title: `Card ${i}` } }))]);
    assertWithinLimits(payload);
    expect(payload.embeds[0]!.description!.length).toBe(3000);
    expect(payload.embeds).toHaveLength(10);
    expect(payload.content).toContain('3 more not shown');
  });

  it('falls back to the summary when nothing renders', () => {
    expect(renderMessage({ visibility: 'ephemeral', summary: '@everyone hi', blocks: [] }, new ButtonCommandStore()).content).toBe('@\u200beveryone hi');
  });
});

/** Deterministic pseudo-random generator (mulberry32), so a failure can be replayed from its seed. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NASTY = ['@everyone', '@here', '<@123>', '<@&9>', '<#7>', '```', '`', '**', '__', '~~', '||', '\\', '> ', '# ', '- ', '1. ', '[x](https://e.com)', '😀', '\u200b', '\n', ' ', 'é', '\u0000', '-# ', ')', '<', 'a', 'word '];

function hostileMessage(seed: number): Message {
  const r = rng(seed);
  const int = (n: number) => Math.floor(r() * n);
  const text = (max: number) => {
    const target = int(4) === 0 ? int(12_000) : int(max);
    let s = '';
    while (s.length < target) s += int(3) === 0 ? NASTY[int(NASTY.length)]! : String.fromCharCode(32 + int(90)).repeat(1 + int(40));
    return s;
  };
  const card = (): Card => ({
    title: text(400),
    url: int(2) ? `https://arxiv.org/abs/${text(30)}` : text(50),
    subtitle: text(300),
    text: text(5000),
    fields: Array.from({ length: int(40) }, () => ({ label: text(400), value: text(2000), inline: int(2) === 0 })),
    links: Array.from({ length: int(10) }, () => ({ label: text(200), url: `https://e.com/${text(50)}` })),
    footer: text(3000),
  });
  const button = (): Button => ({ label: text(120), command: text(300), share: int(2) === 0, style: int(2) ? 'primary' : 'danger' });
  const blocks: Block[] = Array.from({ length: 1 + int(30) }, (): Block => {
    switch (int(10)) {
      case 0:
        return { type: 'header', text: text(500) };
      case 1:
      case 2:
        return { type: 'card', card: card() };
      case 3:
        return { type: 'fields', fields: Array.from({ length: int(30) }, () => ({ label: text(300), value: text(1500) })) };
      case 4:
        return { type: 'links', links: Array.from({ length: int(20) }, () => ({ label: text(100), url: text(80) })) };
      case 5:
        return { type: 'code', text: text(6000), language: text(10) };
      case 6:
        return { type: 'list', items: Array.from({ length: int(50) }, () => text(300)), ordered: int(2) === 0 };
      case 7:
        return { type: 'actions', buttons: Array.from({ length: int(12) }, button) };
      case 8:
        return { type: 'context', text: text(600) };
      default:
        return int(2) ? { type: 'divider' } : { type: 'text', text: text(8000) };
    }
  });
  return { visibility: int(2) ? 'ephemeral' : 'in_channel', summary: text(300), blocks };
}

describe('hostile and huge messages (property test over 300 seeded messages)', () => {
  it('never exceed a Discord limit, never ping, never leave a code fence open', () => {
    const store = new ButtonCommandStore(100);
    for (let seed = 1; seed <= 300; seed++) {
      const message = hostileMessage(seed);
      const payload = renderMessage(message, store);
      try {
        assertWithinLimits(payload);
        const text = allText(payload);
        expect(text).not.toMatch(/@(everyone|here)/i);
        expect(text).not.toMatch(/<[@#]/);
        for (const part of [payload.content ?? '', ...payload.embeds.map((e) => e.description ?? '')]) {
          const fences = part.match(/```/g)?.length ?? 0;
          expect(fences % 2).toBe(0);
        }
        for (const row of payload.components) for (const b of row.components) expect(store.decode(b.custom_id).kind).toBe('action');
      } catch (error) {
        throw new Error(`seed ${seed}: ${(error as Error).message}`);
      }
    }
  });
});
