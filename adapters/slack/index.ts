/**
 * The Slack adapter (@slack/bolt): `/paper` slash command, its buttons, link unfurls, and questions
 * asked in a club session's discussion thread (message events).
 * It only translates: Slack payload → command context + command line → core → Block Kit → Slack.
 *
 * Two ways in, one set of listeners:
 * - Socket Mode when an app token (xapp-…) is given: for local development, no public URL needed.
 * - HTTP mode otherwise: `routes['/slack/events']` for the shared HTTP server, served by
 *   http-receiver.ts: requests are checked (request-check.ts) and acknowledged on arrival, then
 *   dispatched to Bolt on a later turn of the event loop.
 *
 * Slack needs its ack within 3 seconds, and acks share one event loop with the work of earlier
 * requests. So every listener acks before any work (in HTTP mode the receiver already has), and the
 * work (the command, Block Kit, the post to response_url) waits for its turn in a TurnQueue: one job
 * per turn of the event loop, so requests arriving meanwhile are acknowledged between jobs instead of
 * after all of them. Answers go to response_url through response-url.ts, which survives the closed
 * keep-alive connections a burst runs into (Bolt's respond() would lose those answers).
 */
import { App, webApi } from '@slack/bolt';
import type { AllMiddlewareArgs, BlockButtonAction, RespondArguments, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { AdapterDeps, HttpRoute, RunningAdapter } from '../types.ts';
import type { CommandContext } from '../../src/commands/types.ts';
import { runCommand } from '../../src/commands/dispatch.ts';
import { PaperclubError } from '../../src/errors.ts';
import type { Logger } from '../../src/log.ts';
import { collectThreadReply } from '../../src/club/service.ts';
import { errorMessage, sharedMessage } from '../../src/messages/cards.ts';
import type { Message } from '../../src/messages/message.ts';
import { SlackChatPort, createDeliveryWebClient, slackApiBase, slackLogger } from './chat-port.ts';
import { ACTION_ID_PATTERN, SHARE_ACTION, renderMessage } from './render.ts';
import { buildUnfurls } from './unfurl.ts';
import { decodeSlackText } from './command-text.ts';
import { SlackHttpReceiver } from './http-receiver.ts';
import { ResponseUrlPoster } from './response-url.ts';
import { checkSlackAuth } from './auth-check.ts';
import type { ReplayGuard } from '../../src/ports.ts';
import { memoryReplayGuard } from '../../src/store/replay-guard.ts';
import { TurnQueue } from '../turn-queue.ts';

export interface SlackAdapterConfig {
  botToken: string;
  /** HTTP mode: requests to /slack/events are verified with it. Required unless appToken is set. */
  signingSecret?: string;
  /** Socket Mode (xapp-… with connections:write) when set. */
  appToken?: string;
  /** Web API base (SLACK_API_URL), e.g. https://slack.com/api. */
  apiUrl: string;
  /** User ids allowed to change topics, queue and schedule. Empty: everyone may. */
  adminUsers: string[];
  /** Remembers accepted signed requests across processes (Redis); in-process memory when absent. */
  replay?: ReplayGuard;
  /** Backoff of the background token check while Slack cannot be reached (tests shorten it). */
  authRetryMs?: { first: number; max: number };
}

export const SLACK_EVENTS_PATH = '/slack/events';
export const SLASH_COMMAND = '/paper';

/** Who is asking, and where: enough to build the core's CommandContext. */
export interface SlackInvoker {
  teamId: string;
  channelId: string;
  userId: string;
  userName?: string;
}

/** Slack allow-list: an empty list means everyone may change channel state. */
export function isSlackAdmin(adminUsers: readonly string[], userId: string): boolean {
  return adminUsers.length === 0 || adminUsers.includes(userId);
}

/** Builds the core's per-invocation context (one per command, never shared). */
export function slackCommandContext(deps: AdapterDeps, adminUsers: readonly string[], who: SlackInvoker, log: Logger): CommandContext {
  return {
    actor: {
      id: who.userId,
      ...(who.userName ? { name: who.userName } : {}),
      isAdmin: isSlackAdmin(adminUsers, who.userId),
    },
    channel: { platform: 'slack', workspace: who.teamId, channel: who.channelId },
    log: log.child({ channel: `slack:${who.teamId}/${who.channelId}`, user: who.userId }),
    services: deps.services,
  };
}

/** The response_url payload for a message: always a new message, never replacing the one clicked. */
export function toResponse(message: Message): RespondArguments {
  const rendered = renderMessage(message);
  return {
    response_type: message.visibility,
    replace_original: false,
    text: rendered.text,
    blocks: rendered.blocks,
  };
}

/** Event types with a listener below; any other event is acknowledged and ignored. */
const HANDLED_EVENTS: ReadonlySet<string> = new Set(['link_shared', 'message']);

/** The fields of a `message` event a thread reply is read from (bolt's union types, narrowed by hand). */
interface MessageEventFields {
  subtype?: string;
  ts?: string;
  thread_ts?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  channel?: string;
  team?: string;
  user_profile?: { display_name?: string; real_name?: string; name?: string };
}

/** Tracks listener work after ack(), so stop() can wait for it to finish. */
class InFlight {
  readonly #work = new Set<Promise<unknown>>();
  track<T>(work: Promise<T>): Promise<T> {
    this.#work.add(work);
    void work.finally(() => this.#work.delete(work)).catch(() => undefined);
    return work;
  }
  async drain(): Promise<void> {
    while (this.#work.size > 0) await Promise.allSettled([...this.#work]);
  }
}

export async function createSlackAdapter(deps: AdapterDeps, config: SlackAdapterConfig): Promise<RunningAdapter> {
  const log = deps.log.child({ platform: 'slack' });
  const logger = slackLogger(log);
  const socketMode = Boolean(config.appToken);
  if (!socketMode && !config.signingSecret) {
    throw new PaperclubError(
      'config_invalid',
      'Slack HTTP mode needs SLACK_SIGNING_SECRET (or set SLACK_APP_TOKEN for Socket Mode)',
      { variables: ['SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN'] },
    );
  }

  // Interactive calls (chat.unfurl): a couple of quick retries, never a long wait.
  const clientOptions = {
    slackApiUrl: slackApiBase(config.apiUrl),
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2000 },
    rejectRateLimitedCalls: true,
    timeout: 10_000,
    logger,
  };

  const inFlight = new InFlight();
  const turns = new TurnQueue();
  const receiver = socketMode
    ? undefined
    : new SlackHttpReceiver({
        signingSecret: config.signingSecret!,
        replay: config.replay ?? memoryReplayGuard(),
        clock: deps.services.clock,
        handles: { command: SLASH_COMMAND, actionIds: ACTION_ID_PATTERN, events: HANDLED_EVENTS },
        turns,
        track: (work) => void inFlight.track(work),
        log,
        ...(deps.services.metrics ? { metrics: deps.services.metrics } : {}),
      });

  // The token is checked in the background (auth-check.ts), so requests are served from the start even
  // when Slack cannot be reached yet; Bolt gets the token directly instead of calling auth.test itself.
  const auth = checkSlackAuth({ client: new webApi.WebClient(config.botToken, { ...clientOptions, retryConfig: { retries: 0 } }), log, ...(config.authRetryMs ? { retryMs: config.authRetryMs } : {}) });
  const app = new App({
    authorize: async () => {
      const known = auth.current();
      return {
        botToken: config.botToken,
        ...(known.state === 'ok' && known.botId ? { botId: known.botId } : {}),
        ...(known.state === 'ok' && known.botUserId ? { botUserId: known.botUserId } : {}),
      };
    },
    logger,
    clientOptions,
    convoStore: false,
    ...(socketMode ? { socketMode: true, appToken: config.appToken } : { receiver }),
  });

  const commandCtx = (who: SlackInvoker) => slackCommandContext(deps, config.adminUsers, who, log);

  const responses = new ResponseUrlPoster();
  const answer = async (responseUrl: string, response: RespondArguments, context: Record<string, unknown>) => {
    try {
      await responses.post(responseUrl, response);
    } catch (error) {
      log.warn({ err: error, ...context }, 'posting to response_url failed');
    }
  };

  const run = async (ctx: CommandContext, text: string): Promise<Message> => {
    try {
      return await runCommand(deps.commands, ctx, { kind: 'text', text });
    } catch (error) {
      ctx.log.error({ err: error, text }, 'command failed unexpectedly');
      return errorMessage(error);
    }
  };

  app.command(SLASH_COMMAND, async ({ command, ack }) => {
    await ack();
    const ctx = commandCtx({
      teamId: command.team_id,
      channelId: command.channel_id,
      userId: command.user_id,
      userName: command.user_name,
    });
    // Slack entity-encodes &, < and > and may send links as <url|label>: decode to what was typed.
    const text = decodeSlackText(command.text ?? '');
    await inFlight.track(
      turns.run(async () => {
        const message = await run(ctx, text);
        await answer(command.response_url, toResponse(message), { command: command.text, channel: command.channel_id });
      }),
    );
  });

  app.action<BlockButtonAction>(
    { type: 'block_actions', action_id: ACTION_ID_PATTERN },
    async ({ ack, body, action }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
      await ack();
      const teamId = body.team?.id ?? body.user.team_id ?? body.enterprise?.id;
      const channelId = body.channel?.id ?? body.container?.channel_id;
      const commandLine = action.value ?? '';
      if (!teamId || !channelId) {
        log.warn({ action: action.action_id, teamId, channelId }, 'button click without a team or channel');
        await answer(body.response_url, toResponse(errorMessage(new PaperclubError('bad_arguments', 'That button only works inside a channel.'))), {});
        return;
      }
      const ctx = commandCtx({ teamId, channelId, userId: body.user.id, userName: body.user.username ?? body.user.name });
      const share = action.action_id.startsWith(`${SHARE_ACTION}:`);
      await inFlight.track(
        turns.run(async () => {
          const message = await run(ctx, commandLine);
          // "Share in channel" posts the same result for everyone.
          const shared = share ? sharedMessage(message) : message;
          await answer(body.response_url, toResponse(shared), { command: commandLine, channel: channelId, share });
        }),
      );
    },
  );

  app.event('link_shared', async ({ event, client }) => {
    await inFlight.track(
      (async () => {
        const unfurls = await buildUnfurls(event.links, deps.services, log);
        if (Object.keys(unfurls).length === 0) return;
        const target =
          event.unfurl_id && event.source
            ? { unfurl_id: event.unfurl_id, source: event.source as 'composer' | 'conversations_history' }
            : { channel: event.channel, ts: event.message_ts };
        try {
          await client.chat.unfurl({ ...target, unfurls });
        } catch (error) {
          log.warn({ err: error, channel: event.channel, links: Object.keys(unfurls) }, 'chat.unfurl failed');
        }
      })(),
    );
  });

  // A member's reply in a session's discussion thread (message.channels / message.groups events, which
  // need channels:history / groups:history): a reply that asks something is collected for the presenter.
  // Slack redelivers events it thinks failed; the reply's ts is remembered, so it is collected once.
  app.event('message', async ({ event, body }) => {
    const m = event as unknown as MessageEventFields;
    // Edits, deletions, joins and bots' messages are not questions; a reply also sent to the channel is.
    if ((m.subtype !== undefined && m.subtype !== 'thread_broadcast') || m.bot_id || !m.user || !m.ts || !m.thread_ts || m.thread_ts === m.ts || !m.channel) return;
    const teamId = (body as { team_id?: string }).team_id ?? m.team;
    if (!teamId) return;
    const channel = { platform: 'slack' as const, workspace: teamId, channel: m.channel };
    const name = m.user_profile?.display_name || m.user_profile?.real_name || m.user_profile?.name;
    await inFlight.track(
      collectThreadReply(deps.services.store, channel, {
        threadId: m.thread_ts,
        messageId: m.ts,
        member: { id: m.user, ...(name ? { name } : {}) },
        text: decodeSlackText(m.text ?? ''),
        at: new Date(Number(m.ts) * 1000),
      }).then(
        (outcome) => log.debug({ channel: m.channel, outcome }, 'thread reply'),
        (error: unknown) => log.warn({ err: error, channel: m.channel }, 'could not collect a thread reply'),
      ),
    );
  });

  app.error(async (error) => {
    log.error({ err: error }, 'slack listener failed');
  });

  const chat = new SlackChatPort(
    createDeliveryWebClient({ botToken: config.botToken, apiUrl: config.apiUrl, log: log.child({ component: 'delivery' }) }),
    log,
  );

  const routes: Record<string, HttpRoute> = receiver ? { [SLACK_EVENTS_PATH]: receiver.route } : {};
  // Socket Mode connects once the token is known to work; Bolt's socket client reconnects by itself.
  let socket: 'off' | 'connecting' | 'connected' | 'failed' = socketMode ? 'connecting' : 'off';
  const socketStarted = socketMode
    ? auth.first
        .then(() => app.start())
        .then(() => {
          socket = 'connected';
        })
        .catch((error: unknown) => {
          socket = 'failed';
          log.error({ err: error }, 'Slack Socket Mode did not connect');
        })
    : Promise.resolve();
  log.info({ mode: socketMode ? 'socket' : 'http' }, 'slack adapter ready; checking the token in the background');

  return {
    name: 'slack',
    chat,
    routes,
    started: auth.first.then(() => undefined),
    health: () => {
      const a = auth.current();
      return {
        state: a.state,
        ...(a.state === 'ok' ? { team: a.team, history: a.missingScopes.length === 0 ? 'ok' : `missing ${a.missingScopes.join(', ')}: uncertain posts are not retried (at most once)` } : {}),
        ...(a.state === 'unreachable' || a.state === 'rejected' ? { reason: a.reason } : {}),
        ...(a.state === 'unreachable' ? { since: a.since } : {}),
        mode: socketMode ? 'socket' : 'http',
        ...(socketMode ? { socket } : {}),
      };
    },
    async stop() {
      await receiver?.stop();
      auth.stop();
      await socketStarted;
      if (socketMode && socket === 'connected') await app.stop();
      await inFlight.drain();
      responses.close();
    },
  };
}
