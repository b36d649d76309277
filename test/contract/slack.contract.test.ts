/**
 * The adapter contract run against the real Slack adapter: signed slash-command and block_actions
 * requests (built from the recorded fixtures) over HTTP on 127.0.0.1, answers read back from the
 * fake Slack API's response_url and chat.postMessage records.
 */
import type { SlackBlock } from '../../adapters/slack/render.ts';
import type { RecordedCall } from '../integration/slack/fake-slack-api.ts';
import { startSlackHarness } from '../integration/slack/harness.ts';
import { adapterContract, type ContractDriver, type RenderedReply } from './adapter-contract.ts';

const ADMIN = 'UADMIN';
const MEMBER = 'W111';

interface SlackReplyRaw {
  call: RecordedCall;
  blocks: SlackBlock[];
  /** The button elements in the order of `buttons`. */
  buttons: Array<{ action_id: string; value: string }>;
  userId: string;
}

/** What a person sees in mrkdwn/plain text: entities decoded, `<url|label>` as "label url". */
function visible(text: string): string {
  return text
    .replace(/<(https?:\/\/[^|>]+)\|([^>]*)>/g, (_m, url: string, label: string) => `${label} ${url}`)
    .replace(/<(https?:\/\/[^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function flatten(call: RecordedCall, userId: string): RenderedReply {
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

async function makeDriver(): Promise<ContractDriver> {
  const h = await startSlackHarness({ adminUsers: [ADMIN] });
  /** The answer posted to one response_url, flattened. */
  const answered = async (responseUrl: string, userId: string) => flatten((await h.responses(responseUrl))[0]!, userId);

  return {
    async invoke(text, opts = {}) {
      const userId = opts.admin === false ? MEMBER : ADMIN;
      const { status, responseUrl } = await h.slash(text, { userId });
      if (status !== 200) throw new Error(`slash command got HTTP ${status}`);
      return answered(responseUrl, userId);
    },
    async click(reply, buttonIndex) {
      const raw = reply.raw as SlackReplyRaw;
      const button = raw.buttons[buttonIndex];
      if (!button) throw new Error(`reply has no button #${buttonIndex}`);
      const { status, responseUrl } = await h.click(
        { actionId: button.action_id, value: button.value, label: reply.buttons[buttonIndex] },
        { fixture: reply.ephemeral ? 'ephemeral' : 'message', userId: raw.userId },
      );
      if (status !== 200) throw new Error(`button click got HTTP ${status}`);
      return answered(responseUrl, raw.userId);
    },
    async posted() {
      const forEveryone = h.api.calls.filter(
        (c) => c.method === 'chat.postMessage' || (c.method === 'response_url' && (c.body as { response_type?: string }).response_type === 'in_channel'),
      );
      return forEveryone.map((c) => flatten(c, ''));
    },
    close: () => h.close(),
  };
}

adapterContract('slack', makeDriver);
