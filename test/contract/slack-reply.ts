/** What a Slack user sees of an answer: flattened from the Block Kit the adapter sent (contract drivers). */
import type { SlackBlock } from '../../adapters/slack/render.ts';
import type { RecordedCall } from '../integration/slack/fake-slack-api.ts';
import type { RenderedReply } from './adapter-contract.ts';

export interface SlackReplyRaw {
  call: RecordedCall;
  blocks: SlackBlock[];
  /** The button elements in the order of `buttons`. */
  buttons: Array<{ action_id: string; value: string }>;
  userId: string;
}

/** What a person sees in mrkdwn/plain text: entities decoded, `<url|label>` as "label url". */
export function visible(text: string): string {
  return text
    .replace(/<(https?:\/\/[^|>]+)\|([^>]*)>/g, (_m, url: string, label: string) => `${label} ${url}`)
    .replace(/<(https?:\/\/[^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export function flatten(call: RecordedCall, userId: string): RenderedReply {
  const body = call.body as { text?: string; blocks?: SlackBlock[]; response_type?: string };
  const blocks = body.blocks ?? [];
  const lines: string[] = [];
  const buttons: SlackReplyRaw['buttons'] = [];
  const labels: string[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case 'header':
        lines.push(visible(block.text.text));
        break;
      case 'section':
        if (block.text) lines.push(visible(block.text.text));
        for (const f of block.fields ?? []) lines.push(visible(f.text));
        break;
      case 'context':
        for (const e of block.elements) if ('text' in e && typeof e.text === 'string') lines.push(visible(e.text));
        break;
      case 'actions':
        for (const e of block.elements) {
          if (e.type !== 'button') continue;
          buttons.push({ action_id: e.action_id ?? '', value: e.value ?? '' });
          labels.push(visible(e.text.text));
          lines.push(visible(e.text.text));
        }
        break;
      default:
        break;
    }
  }
  if (lines.length === 0 && body.text) lines.push(visible(body.text));
  const ephemeral = call.method === 'response_url' ? body.response_type !== 'in_channel' : false;
  const raw: SlackReplyRaw = { call, blocks, buttons, userId };
  return { text: lines.join('\n'), buttons: labels, ephemeral, raw };
}

