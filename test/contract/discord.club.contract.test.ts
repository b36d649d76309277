/**
 * The club contract on Discord's HTTP interactions endpoint: each member's signed interactions, the
 * announcement posted by the job runtime through the adapter's chat port into the fake Discord API, the
 * thread started from it, and a member's question in that thread delivered as the MESSAGE_CREATE
 * dispatch the gateway would hand the adapter (mentioning the bot, as without the Message Content
 * intent), through the same handler the gateway calls.
 */
import type { DiscordChatPort } from '../../adapters/discord/chat-port.ts';
import { createThreadReplyHandler, type MessageCreate } from '../../adapters/discord/thread-replies.ts';
import { commands } from '../../src/commands/index.ts';
import { silentLogger } from '../../src/log.ts';
import { startHarness } from '../integration/discord/harness.ts';
import { buttonClick, fixture, CAPTURED_COMMAND, slashCommand, textToOptions, type PayloadOptions } from '../integration/discord/payloads.ts';
import type { RenderedReply } from './adapter-contract.ts';
import { CLUB_MEMBERS, clubContract, type ClubDriver, type ClubMemberKey } from './club-contract.ts';
import { eventually, startClubRuntime } from './club-runtime.ts';
import { flatten, type Sent } from './discord-reply.ts';

const IDS: Record<ClubMemberKey, string> = { admin: '700000000000000001', alice: '700000000000000002', bob: '700000000000000003', carol: '700000000000000004' };

async function discordClubDriver(): Promise<ClubDriver> {
  const h = await startHarness();
  const runtime = await startClubRuntime({ prefix: h.prefix, store: h.services.store, library: h.services.library as never, chat: { discord: h.adapter.chat } });
  h.services.announcements = runtime.announcements;
  // Every interaction comes from the recorded command's guild and channel, as members of one server.
  const captured = fixture(CAPTURED_COMMAND) as { guild_id: string; channel_id: string };
  const where = { guildId: captured.guild_id, channelId: captured.channel_id };
  const channel = { platform: 'discord' as const, workspace: where.guildId, channel: where.channelId };
  const as = (key: ClubMemberKey): PayloadOptions => ({ admin: CLUB_MEMBERS[key].admin, member: { id: IDS[key], name: CLUB_MEMBERS[key].name }, where });
  const threadReplies = createThreadReplyHandler({ store: h.services.store, threadParent: (id) => (h.adapter.chat as DiscordChatPort).threadParent(id), log: silentLogger() });
  let threadId: string | null = null;

  const answer = async (payload: Record<string, unknown>): Promise<RenderedReply> => {
    const res = await h.send(payload);
    if (res.status !== 200) throw new Error(`interaction answered HTTP ${res.status}: ${JSON.stringify(res.body)}`);
    const body = res.body as { type: number; data?: Sent };
    if (body.type === 4) return flatten(body.data ?? {}, ((body.data?.flags ?? 0) & 64) !== 0);
    const [edit] = await h.api.waitFor(new RegExp(`^/webhooks/[^/]+/${payload.token as string}/messages/@original$`));
    return flatten(edit!.body as Sent, ((body.data?.flags ?? 0) & 64) !== 0);
  };
  const stored = (id: string): Sent => {
    const m = h.api.messages().find((message) => message.id === id)!;
    return { content: m.content, embeds: m.embeds as Sent['embeds'], components: m.components as Sent['components'] };
  };

  return {
    invoke(text, key) {
      const { path, values } = textToOptions(commands, text);
      return answer(slashCommand(path, values, as(key)));
    },
    click(reply, index, key) {
      const button = ((reply.raw as Sent).components ?? []).flatMap((row) => row.components)[index];
      if (!button) throw new Error(`reply has no button ${index}`);
      return answer(buttonClick(button.custom_id, as(key)));
    },
    async announcement() {
      const post = await eventually('the announcement', () => h.api.messages(where.channelId).find((m) => JSON.stringify(m).includes('Paper club: session')));
      const thread = await eventually('its thread', () => h.api.threads().find((t) => t.id === post.id));
      threadId = thread.id;
      const inThread = await eventually('the thread opener', () => (h.api.messages(thread.id).length > 0 ? h.api.messages(thread.id) : null));
      return { post: flatten(stored(post.id), false), thread: inThread.map((m) => flatten(stored(m.id), false)) };
    },
    async replyInThread(key, question) {
      if (!threadId) throw new Error('no announcement thread yet');
      const dispatch = h.api.userMessage(threadId, { id: IDS[key], username: CLUB_MEMBERS[key].name, global_name: CLUB_MEMBERS[key].name }, `<@${h.api.botUserId}> ${question}`);
      const outcome = await threadReplies({ ...dispatch, guild_id: where.guildId } as unknown as MessageCreate, h.api.botUserId);
      if (outcome !== 'added') throw new Error(`the thread reply was not collected: ${outcome}`);
      await eventually('the question', async () => ((await h.services.store.questions(channel)).length > 0 ? true : null));
    },
    activeMentions(reply) {
      const raw = reply.raw as Sent & { allowed_mentions?: unknown };
      const text = JSON.stringify(raw);
      // Discord pings for @everyone/@here and <@…> forms unless allowed_mentions says otherwise; the
      // renderer breaks them with a zero-width space and sends allowed_mentions { parse: [] }.
      return [...text.matchAll(/@(everyone|here)|<@[!&]?\d+>/g)].map((m) => m[0]);
    },
    async close() {
      await runtime.close();
      await h.close();
    },
  };
}

clubContract('discord', discordClubDriver);
