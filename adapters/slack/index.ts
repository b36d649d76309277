/**
 * The Slack adapter (@slack/bolt): `/paper` slash command, its buttons, link unfurls, and questions
 * asked in a club session's discussion thread (message events).
 * It only translates: Slack payload → command context + command line → core → Block Kit → Slack.
 *
 * Two ways in, one set of listeners:
 * - Socket Mode when an app token (xapp-…) is given: for local development, no public URL needed.
 * - HTTP mode otherwise: `routes['/slack/events']` for the shared HTTP server. request-check.ts
 *   refuses bad signatures, timestamps outside ±5 minutes and replays (401) and bodies paperclub does
 *   not handle (400) at once; Bolt's HTTPReceiver request listener then answers url_verification and
 *   ssl_check and sends the HTTP response the moment a listener calls ack().
 *
 * Every listener calls ack() before any work, so Slack always gets its answer within 3 seconds; the
 * result goes back through response_url (Bolt's respond()).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, HTTPReceiver, webApi } from '@slack/bolt';
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
import { checkSlackRequest } from './request-check.ts';
import { checkSlackAuth } from './auth-check.ts';
import type { ReplayGuard } from '../../src/ports.ts';
import { memoryReplayGuard } from '../../src/store/replay-guard.ts';

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

/** The largest request body accepted on /slack/events (Slack's payloads are far smaller). */
export const MAX_BODY_BYTES = 1024 * 1024;

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

/** The whole body, or null once it passes `limit` bytes. */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
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

  const receiver = socketMode
    ? undefined
    : new HTTPReceiver({
        signingSecret: config.signingSecret!,
        endpoints: SLACK_EVENTS_PATH,
        logger,
        processBeforeResponse: false,
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

  const inFlight = new InFlight();
  const commandCtx = (who: SlackInvoker) => slackCommandContext(deps, config.adminUsers, who, log);

  const answer = async (respond: (r: RespondArguments) => Promise<unknown>, response: RespondArguments, context: Record<string, unknown>) => {
    try {
      await respond(response);
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

  app.command(SLASH_COMMAND, async ({ command, ack, respond }) => {
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
      (async () => {
        const message = await run(ctx, text);
        await answer(respond, toResponse(message), { command: command.text, channel: command.channel_id });
      })(),
    );
  });

  app.action<BlockButtonAction>(
    { type: 'block_actions', action_id: ACTION_ID_PATTERN },
    async ({ ack, body, action, respond }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
      await ack();
      const teamId = body.team?.id ?? body.user.team_id ?? body.enterprise?.id;
      const channelId = body.channel?.id ?? body.container?.channel_id;
      const commandLine = action.value ?? '';
      if (!teamId || !channelId) {
        log.warn({ action: action.action_id, teamId, channelId }, 'button click without a team or channel');
        await answer(respond, toResponse(errorMessage(new PaperclubError('bad_arguments', 'That button only works inside a channel.'))), {});
        return;
      }
      const ctx = commandCtx({ teamId, channelId, userId: body.user.id, userName: body.user.username ?? body.user.name });
      const share = action.action_id.startsWith(`${SHARE_ACTION}:`);
      await inFlight.track(
        (async () => {
          const message = await run(ctx, commandLine);
          // "Share in channel" posts the same result for everyone.
          const shared = share ? sharedMessage(message) : message;
          await answer(respond, toResponse(shared), { command: commandLine, channel: channelId, share });
        })(),
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

  let stopping = false;
  const replay = config.replay ?? memoryReplayGuard();
  const routes: Record<string, HttpRoute> = {};
  if (receiver) {
    routes[SLACK_EVENTS_PATH] = async (req: IncomingMessage, res: ServerResponse) => {
      const arrivedAt = performance.now();
      if (stopping) {
        res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '5' }).end('shutting down');
        return;
      }
      if ((req.method ?? 'GET').toUpperCase() !== 'POST') {
        res.writeHead(405, { allow: 'POST', 'content-type': 'text/plain' }).end('POST only');
        return;
      }
      const raw = await readBody(req, MAX_BODY_BYTES);
      if (raw === null) {
        res.writeHead(413, { 'content-type': 'text/plain' }).end('request body too large');
        req.destroy();
        return;
      }
      const verdict = await checkSlackRequest(req.headers, raw, {
        signingSecret: config.signingSecret!,
        now: () => deps.services.clock.now().getTime(),
        replay,
        command: SLASH_COMMAND,
        actionIds: ACTION_ID_PATTERN,
        events: HANDLED_EVENTS,
      });
      if (!verdict.pass) {
        if (verdict.status === 401) log.warn({ reason: verdict.reason }, 'refused a Slack request');
        else log.info({ reason: verdict.reason, status: verdict.status }, 'answered a Slack request paperclub does not handle');
        res.writeHead(verdict.status, { 'content-type': 'text/plain' }).end(verdict.status === 200 ? '' : verdict.reason);
        return;
      }
      // The response to a request that passed the checks is Slack's ack (Bolt sends it on ack()).
      res.once('finish', () => deps.services.metrics?.acknowledged({ platform: 'slack', transport: 'http', seconds: (performance.now() - arrivedAt) / 1000 }));
      // Bolt reads the body from `rawBody` when it is already there (it re-checks the signature).
      (req as IncomingMessage & { rawBody?: Buffer }).rawBody = raw;
      try {
        receiver.requestListener(req, res);
      } catch (error) {
        // Only thrown for a path Bolt does not route (the route is mounted elsewhere by mistake).
        log.error({ err: error, url: req.url }, 'Slack request listener refused the request');
        if (!res.headersSent) res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found');
      }
    };
  }
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
      stopping = true;
      auth.stop();
      await socketStarted;
      if (socketMode && socket === 'connected') await app.stop();
      await inFlight.drain();
    },
  };
}
