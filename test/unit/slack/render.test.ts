import { describe, expect, it } from 'vitest';
import {
  SLACK_LIMITS,
  escapeMrkdwn,
  fenceCode,
  neutralizeFormatting,
  renderMessage,
  safeUrl,
  truncateEscaped,
} from '../../../adapters/slack/render.ts';
import type { Block, Button, Message } from '../../../src/messages/message.ts';
import { blockKitViolations as violations } from './block-kit-checks.ts';

// A small seeded PRNG so failures reproduce.
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTILE = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<@U0123ABC>',
  '<#C0123|general>',
  '<!subteam^S123>',
  '@everyone',
  '@here',
  '&amp;',
  '&lt;!channel&gt;',
  '*bold*',
  '_it_',
  '~s~',
  '`code`',
  '```',
  '````fence````',
  '<https://evil.example|click>',
  '|',
  '>',
  '<',
  '&',
  '\n',
  '😀',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  'é',
  '\u0000',
  ' ',
  ':smile:',
];

function randomText(rand: () => number, maxLength: number): string {
  const target = Math.floor(rand() ** 3 * maxLength);
  let out = '';
  while (out.length < target) {
    const r = rand();
    if (r < 0.35) out += HOSTILE[Math.floor(rand() * HOSTILE.length)]!;
    else if (r < 0.5) out += String.fromCodePoint(0x20 + Math.floor(rand() * 0x2ff0));
    else out += 'lorem ipsum dolor '.slice(0, 1 + Math.floor(rand() * 17));
  }
  return out;
}

function randomButton(rand: () => number): Button {
  const button: Button = { label: randomText(rand, 200), command: randomText(rand, 2500) };
  if (rand() < 0.3) button.share = true;
  if (rand() < 0.2) button.style = rand() < 0.5 ? 'primary' : 'danger';
  return button;
}

function randomBlock(rand: () => number, huge: boolean): Block {
  const len = huge ? 12_000 : 400;
  const many = (n: number) => Array.from({ length: Math.floor(rand() * n) }, (_, i) => i);
  switch (Math.floor(rand() * 10)) {
    case 0:
      return { type: 'header', text: randomText(rand, len) };
    case 1:
      return {
        type: 'card',
        card: {
          title: randomText(rand, len),
          ...(rand() < 0.7 ? { url: rand() < 0.8 ? `https://arxiv.org/abs/${randomText(rand, 50)}` : randomText(rand, 4000) } : {}),
          ...(rand() < 0.7 ? { subtitle: randomText(rand, len) } : {}),
          ...(rand() < 0.7 ? { text: randomText(rand, len) } : {}),
          ...(rand() < 0.5 ? { fields: many(huge ? 80 : 14).map(() => ({ label: randomText(rand, 300), value: randomText(rand, huge ? 2500 : 400) })) } : {}),
          ...(rand() < 0.5 ? { links: many(huge ? 60 : 8).map(() => ({ label: randomText(rand, 300), url: `https://example.org/${randomText(rand, 300)}` })) } : {}),
          ...(rand() < 0.5 ? { footer: randomText(rand, len) } : {}),
        },
      };
    case 2:
      return { type: 'text', text: randomText(rand, len) };
    case 3:
      return { type: 'fields', fields: many(huge ? 80 : 14).map(() => ({ label: randomText(rand, 100), value: randomText(rand, huge ? 2500 : 400) })) };
    case 4:
      return { type: 'links', links: many(huge ? 80 : 8).map(() => ({ label: randomText(rand, 100), url: rand() < 0.8 ? `https://doi.org/10.1/${randomText(rand, 100)}` : randomText(rand, 100) })) };
    case 5:
      return { type: 'code', text: randomText(rand, len) };
    case 6:
      return { type: 'list', items: many(huge ? 400 : 12).map(() => randomText(rand, 200)), ordered: rand() < 0.5 };
    case 7:
      return { type: 'actions', buttons: many(huge ? 60 : 8).map(() => randomButton(rand)) };
    case 8:
      return { type: 'context', text: randomText(rand, len) };
    default:
      return { type: 'divider' };
  }
}

function randomMessage(rand: () => number): Message {
  const huge = rand() < 0.25;
  const count = Math.floor(rand() * (huge ? 90 : 12));
  return {
    visibility: rand() < 0.5 ? 'ephemeral' : 'in_channel',
    summary: randomText(rand, huge ? 60_000 : 300),
    blocks: Array.from({ length: count }, () => randomBlock(rand, huge)),
  };
}

describe('escaping', () => {
  it('escapes exactly &, < and >', () => {
    expect(escapeMrkdwn(`<!channel> & <@U1> > "quotes" 'x'`)).toBe(`&lt;!channel&gt; &amp; &lt;@U1&gt; &gt; "quotes" 'x'`);
  });

  it('neutralizes formatting characters with look-alikes', () => {
    const out = neutralizeFormatting('*a* _b_ ~c~ `d`');
    expect(out).not.toMatch(/[*_~`]/);
    expect(out.length).toBe('*a* _b_ ~c~ `d`'.length);
  });

  it('breaks up backtick fences inside code but keeps LaTeX quotes', () => {
    const fenced = fenceCode("title = {``Quoted''}, note = {```}");
    expect(fenced).toContain("``Quoted''");
    expect(fenced).not.toContain('```');
  });

  it('never cuts an entity or a surrogate pair when truncating', () => {
    const escaped = escapeMrkdwn('a'.repeat(8) + '&&&&&&');
    for (let max = 2; max < escaped.length; max++) {
      const cut = truncateEscaped(escaped, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut.endsWith('…')).toBe(true);
      expect(cut.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
    }
    const emoji = '😀'.repeat(10);
    for (let max = 2; max < emoji.length; max++) {
      expect(truncateEscaped(emoji, max)).not.toMatch(/[\uD800-\uDBFF]…$/);
    }
  });

  it('accepts only http(s) URLs and makes them safe inside <…|…>', () => {
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('not a url')).toBeNull();
    expect(safeUrl('https://example.org/a?b=1&c=2')).toBe('https://example.org/a?b=1&amp;c=2');
    expect(safeUrl('https://example.org/x|y>z')).not.toMatch(/[|>]/);
  });
});

describe('renderMessage', () => {
  it('renders a card with a linked, escaped title and no pings', () => {
    const rendered = renderMessage({
      visibility: 'ephemeral',
      summary: 'LoRA <!channel>',
      blocks: [
        { type: 'header', text: 'Result for <!here>' },
        {
          type: 'card',
          card: {
            title: 'LoRA: *Low-Rank* Adaptation <!channel> <@U123>',
            url: 'https://arxiv.org/abs/2106.09685',
            subtitle: 'Hu et al. · 2021',
            text: 'Freeze & adapt <#C1>',
            fields: [{ label: 'Tags', value: 'peft, fine-tuning' }],
            links: [{ label: 'PDF', url: 'https://arxiv.org/pdf/2106.09685' }],
            footer: 'paperclub id: 2106.09685',
          },
        },
        { type: 'actions', buttons: [{ label: 'Share in channel', command: 'show 2106.09685', share: true }, { label: 'Cite', command: 'cite 2106.09685' }] },
      ],
    });
    expect(violations(rendered)).toEqual([]);
    const section = rendered.blocks[1];
    expect(section?.type).toBe('section');
    const text = section?.type === 'section' ? section.text?.text : '';
    expect(text).toContain('<https://arxiv.org/abs/2106.09685|LoRA: \u2217Low-Rank\u2217 Adaptation &lt;!channel&gt; &lt;@U123&gt;>');
    expect(text).toContain('Freeze &amp; adapt &lt;#C1&gt;');
    expect(rendered.text).toBe('LoRA &lt;!channel&gt;');
    const actions = rendered.blocks.find((b) => b.type === 'actions');
    expect(actions?.type === 'actions' && actions.elements.map((e) => (e.type === 'button' ? [e.action_id, e.value] : null))).toEqual([
      ['paperclub:share:0', 'show 2106.09685'],
      ['paperclub:run:1', 'cite 2106.09685'],
    ]);
  });

  it('drops share buttons from channel messages and every button when asked', () => {
    const message: Message = {
      visibility: 'in_channel',
      summary: 's',
      blocks: [{ type: 'actions', buttons: [{ label: 'Share', command: 'show x', share: true }, { label: 'Cite', command: 'cite x' }] }],
    };
    const channel = renderMessage(message);
    expect(channel.blocks).toHaveLength(1);
    expect(channel.blocks[0]?.type === 'actions' && channel.blocks[0].elements).toHaveLength(1);
    expect(renderMessage(message, { dropButtons: true }).blocks).toEqual([]);
  });

  it('drops a button whose command is longer than a button value may be, instead of cutting it', () => {
    const rendered = renderMessage({
      visibility: 'ephemeral',
      summary: 's',
      blocks: [{ type: 'actions', buttons: [{ label: 'Long', command: `search ${'x'.repeat(2100)}` }, { label: 'Ok', command: 'help' }] }],
    });
    const actions = rendered.blocks[0];
    expect(actions?.type === 'actions' && actions.elements.map((e) => (e.type === 'button' ? e.value : ''))).toEqual(['help']);
  });

  it('keeps within 50 blocks, keeps the buttons, and says how many more were not shown', () => {
    const blocks: Block[] = Array.from({ length: 80 }, (_, i) => ({ type: 'text', text: `paper ${i}` }) as Block);
    blocks.push({ type: 'actions', buttons: [{ label: 'Next page', command: 'search lora --page 2' }] });
    const rendered = renderMessage({ visibility: 'ephemeral', summary: 'many', blocks });
    expect(rendered.blocks).toHaveLength(50);
    expect(rendered.blocks.some((b) => b.type === 'actions')).toBe(true);
    const last = rendered.blocks.at(-1);
    expect(last?.type === 'context' && last.elements[0]).toMatchObject({ text: '32 more not shown' });
    expect(violations(rendered)).toEqual([]);
  });

  it('splits a long citation into several fenced sections', () => {
    const bibtex = Array.from({ length: 200 }, (_, i) => `  field${i} = {value ${i} with \`\`\` fence},`).join('\n');
    const rendered = renderMessage({ visibility: 'ephemeral', summary: 'cite', blocks: [{ type: 'code', text: bibtex }] });
    expect(rendered.blocks.length).toBeGreaterThan(1);
    for (const b of rendered.blocks) {
      const text = b.type === 'section' ? (b.text?.text ?? '') : '';
      expect(text.startsWith('```\n')).toBe(true);
      expect(text.endsWith('\n```')).toBe(true);
      expect(text.slice(3, -3)).not.toContain('```');
    }
    expect(violations(rendered)).toEqual([]);
  });

  it('handles 10,000-character text and an empty message', () => {
    const big = renderMessage({ visibility: 'ephemeral', summary: 'x'.repeat(50_000), blocks: [{ type: 'header', text: '<!channel>'.repeat(1000) }, { type: 'text', text: '<@U1>'.repeat(2000) }] });
    expect(violations(big)).toEqual([]);
    expect(big.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
    const empty = renderMessage({ visibility: 'ephemeral', summary: '', blocks: [] });
    expect(empty.blocks).toEqual([]);
    expect(empty.text.length).toBeGreaterThan(0);
  });

  it('property: random and hostile messages never exceed a limit nor contain <!, <@ or <#', () => {
    const rand = mulberry32(20250820);
    for (let i = 0; i < 300; i++) {
      const message = randomMessage(rand);
      const rendered = renderMessage(message);
      const problems = violations(rendered);
      if (problems.length > 0) {
        throw new Error(`message #${i} rendered with problems: ${problems.slice(0, 5).join('; ')}`);
      }
      // Button values carry the command lines unchanged.
      const commands = new Set(message.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons.map((x) => x.command) : [])));
      for (const b of rendered.blocks) {
        if (b.type !== 'actions') continue;
        for (const e of b.elements) if (e.type === 'button') expect(commands.has(e.value ?? '')).toBe(true);
      }
    }
  });
});
