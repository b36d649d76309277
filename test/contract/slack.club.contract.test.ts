/**
 * The club contract on the real Slack adapter: each member's signed slash commands and button clicks,
 * the announcement and its thread reply posted by the job runtime through the adapter's chat port into
 * the fake Slack API, and a member's thread reply delivered as a signed `message` event.
 */
import type { RecordedCall } from '../integration/slack/fake-slack-api.ts';
import { messageEventEnvelope, startSlackHarness } from '../integration/slack/harness.ts';
import { CLUB_MEMBERS, clubContract, type ClubDriver, type ClubMemberKey } from './club-contract.ts';
import { eventually, startClubRuntime } from './club-runtime.ts';
import { flatten, type SlackReplyRaw } from './slack-reply.ts';

const IDS: Record<ClubMemberKey, string> = { admin: 'UADA', alice: 'UALICE', bob: 'UBOB', carol: 'UCAROL' };
/** The channel of the recorded slash command and button payloads. */
const CHANNEL = { platform: 'slack' as const, workspace: 'T111', channel: 'C111' };

async function slackClubDriver(): Promise<ClubDriver> {
  const h = await startSlackHarness({ adminUsers: [IDS.admin] });
  const runtime = await startClubRuntime({ prefix: h.prefix, store: h.services.store, library: h.services.library as never, chat: { slack: h.adapter.chat } });
  h.services.announcements = runtime.announcements;
  const who = (as: ClubMemberKey) => ({ userId: IDS[as], userName: CLUB_MEMBERS[as].name });
  const answered = async (responseUrl: string, userId: string) => flatten((await h.responses(responseUrl))[0]!, userId);
  const isAnnouncement = (c: RecordedCall) =>
    c.method === 'chat.postMessage' && String((c.body.metadata as { event_payload?: { delivery_id?: string } } | undefined)?.event_payload?.delivery_id ?? '').startsWith('club-announce:');
  let parentTs: string | null = null;

  return {
    async invoke(text, as) {
      const { status, responseUrl } = await h.slash(text, who(as));
      if (status !== 200) throw new Error(`slash command got HTTP ${status}`);
      return answered(responseUrl, IDS[as]);
    },
    async click(reply, index, as) {
      const button = (reply.raw as SlackReplyRaw).buttons[index];
      if (!button) throw new Error(`reply has no button #${index}`);
      const { status, responseUrl } = await h.click({ actionId: button.action_id, value: button.value, label: reply.buttons[index] }, { fixture: 'ephemeral', ...who(as) });
      if (status !== 200) throw new Error(`button click got HTTP ${status}`);
      return answered(responseUrl, IDS[as]);
    },
    async announcement() {
      const [call] = await h.api.waitFor(isAnnouncement, 1, 20_000);
      parentTs = h.api.messages(CHANNEL.channel).find((m) => m.metadata?.event_payload['delivery_id'] === (call!.body.metadata as { event_payload: { delivery_id: string } }).event_payload.delivery_id)!.ts;
      const replies = await h.api.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === parentTs, 1, 20_000);
      return { post: flatten(call!, ''), thread: replies.map((c) => flatten(c, '')) };
    },
    async replyInThread(as, question) {
      if (!parentTs) throw new Error('no announcement thread yet');
      const message = h.api.userMessage(CHANNEL.channel, IDS[as], question, parentTs);
      const res = await h.event(messageEventEnvelope(message, { user_profile: { display_name: CLUB_MEMBERS[as].name } }));
      if (res.status !== 200) throw new Error(`message event got HTTP ${res.status}`);
      await eventually('the thread reply to be collected', async () => ((await h.services.store.questions(CHANNEL)).some((q) => q.sourceId === message.ts) ? true : null));
    },
    activeMentions(reply) {
      // Slack notifies for its bracket forms only (`<!everyone>`, `<@U…>`); `@everyone` as text is inert.
      return [...JSON.stringify((reply.raw as SlackReplyRaw).blocks).matchAll(/<[!@][^>]*>/g)].map((m) => m[0]);
    },
    async close() {
      await runtime.close();
      await h.close();
    },
  };
}

clubContract('slack', slackClubDriver);
