/**
 * The adapter contract run against the real Slack adapter: signed slash-command and block_actions
 * requests (built from the recorded fixtures) over HTTP on 127.0.0.1, answers read back from the
 * fake Slack API's response_url and chat.postMessage records.
 */
import { startSlackHarness } from '../integration/slack/harness.ts';
import { adapterContract, type ContractDriver } from './adapter-contract.ts';
import { flatten, type SlackReplyRaw } from './slack-reply.ts';

const ADMIN = 'UADMIN';
const MEMBER = 'W111';

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
