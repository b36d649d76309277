/**
 * Questions asked in a club session's discussion thread on Discord. A member's message in a thread
 * arrives over the gateway as MESSAGE_CREATE (with the Guild Messages intent, which is not privileged).
 * Its content is only readable with the privileged Message Content intent, except in messages that
 * mention the bot: so by default a member mentions the bot in a question to collect it, and with
 * DISCORD_MESSAGE_CONTENT=on every reply that asks something is collected. `club ask` needs neither.
 *
 * The message names only the thread; the channel the club lives in is the thread's parent, asked of
 * Discord once per thread (DiscordChatPort.threadParent). Redelivered events are collected once (the
 * store remembers the message id).
 */
import type { APIMessage } from 'discord.js';
import { collectThreadReply, type ThreadReplyOutcome } from '../../src/club/service.ts';
import type { Logger } from '../../src/log.ts';
import type { ClubQuestionStore, ClubSessionStore } from '../../src/store/types.ts';

/** A MESSAGE_CREATE dispatch as the gateway sends it (a message plus where it was sent). */
export type MessageCreate = APIMessage & { guild_id?: string; member?: { nick?: string | null } };

export interface ThreadReplyDeps {
  store: Pick<ClubSessionStore, 'sessionForThread'> & Pick<ClubQuestionStore, 'addQuestion'>;
  /** The channel a thread belongs to, or null when the id is not a thread. */
  threadParent(threadId: string): Promise<string | null>;
  log: Logger;
}

/** `botUserId`: the bot's own id (the gateway knows it once logged in), to take its mention out of the question. */
export type ThreadMessageHandler = (message: MessageCreate, botUserId: string | null) => Promise<ThreadReplyOutcome | 'ignored'>;

export function createThreadReplyHandler(deps: ThreadReplyDeps): ThreadMessageHandler {
  const log = deps.log.child({ platform: 'discord', component: 'thread-replies' });
  return async (message, botUserId) => {
    // Bots (this one included), webhooks and system messages ask no questions; without readable content
    // (no intent, no mention) there is nothing to read. A question needs a question mark: checked first,
    // so ordinary chatter costs no lookup.
    if (!message.guild_id || message.author?.bot || message.webhook_id || !/[?？¿]/.test(message.content ?? '')) return 'ignored';
    try {
      const parent = await deps.threadParent(message.channel_id);
      if (parent === null) return 'ignored';
      const text = botUserId && /^\d+$/.test(botUserId) ? message.content.replace(new RegExp(`<@!?${botUserId}>`, 'g'), ' ') : message.content;
      const name = message.member?.nick ?? message.author.global_name ?? message.author.username;
      const outcome = await collectThreadReply(deps.store, { platform: 'discord', workspace: message.guild_id, channel: parent }, {
        threadId: message.channel_id,
        messageId: message.id,
        member: { id: message.author.id, ...(name ? { name } : {}) },
        text,
        at: new Date(message.timestamp),
      });
      log.debug({ thread: message.channel_id, outcome }, 'thread reply');
      return outcome;
    } catch (error) {
      log.warn({ err: error, thread: message.channel_id }, 'could not collect a thread reply');
      return 'ignored';
    }
  };
}
