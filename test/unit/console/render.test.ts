import { describe, expect, it } from 'vitest';
import { renderMessage, sanitize } from '../../../adapters/console/render.ts';
import type { Message } from '../../../src/messages/message.ts';

const message: Message = {
  visibility: 'ephemeral',
  summary: 'Search: lora',
  blocks: [
    { type: 'header', text: 'Search: lora' },
    { type: 'card', card: { title: 'LoRA', url: 'https://arxiv.org/abs/2106.09685', subtitle: '2021', text: 'One rank', fields: [{ label: 'Tags', value: 'PEFT' }], links: [{ label: 'PDF', url: 'https://arxiv.org/pdf/2106.09685' }], footer: 'id' } },
    { type: 'actions', buttons: [{ label: 'Show LoRA', command: 'show 2106.09685' }] },
    { type: 'code', text: '@misc{x}', language: 'bibtex' },
    { type: 'list', items: ['a', 'b'], ordered: true },
    { type: 'fields', fields: [{ label: 'Feeds', value: 'cs.CL: ok\ncs.LG: ok' }] },
    { type: 'context', text: 'note' },
    { type: 'divider' },
    { type: 'actions', buttons: [{ label: 'More results', command: 'search lora --page 2' }, { label: 'Share in channel', command: 'search lora', share: true }] },
  ],
};

describe('console renderer', () => {
  it('renders every block as plain text with numbered buttons', () => {
    const { text, buttons } = renderMessage(message);
    expect(text).toBe(
      [
        '== Search: lora ==',
        '» LoRA',
        '  https://arxiv.org/abs/2106.09685',
        '  2021',
        '  One rank',
        '  Tags: PEFT',
        '  PDF: https://arxiv.org/pdf/2106.09685',
        '  (id)',
        '  [1] Show LoRA',
        '```bibtex',
        '@misc{x}',
        '```',
        '1. a',
        '2. b',
        'Feeds:',
        '  cs.CL: ok',
        '  cs.LG: ok',
        '  note',
        '---',
        '  [2] More results',
        '  [3] Share in channel',
      ].join('\n'),
    );
    expect(buttons.map((b) => b.command)).toEqual(['show 2106.09685', 'search lora --page 2', 'search lora']);
  });

  it('shows commands instead of numbers for posts', () => {
    const { text, buttons } = renderMessage(message, { numbered: false });
    expect(text).toContain('  > Show LoRA: show 2106.09685');
    expect(buttons).toEqual([]);
  });

  it('strips terminal control sequences from untrusted text', () => {
    expect(sanitize('safe\u001b[2J\u001b[31mred\u001b[0m\u0007\r\n\tend\u001b]0;title\u0007')).toBe('safered\n\tend');
    const { text } = renderMessage({ visibility: 'ephemeral', summary: 's', blocks: [{ type: 'text', text: 'x\u001b[1Ay' }] });
    expect(text).toBe('xy');
  });

  it('falls back to the summary for a message without blocks', () => {
    expect(renderMessage({ visibility: 'in_channel', summary: 'Weekly digest', blocks: [] }).text).toBe('Weekly digest');
  });
});
