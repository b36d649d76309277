/**
 * Checks SLACK_BOT_TOKEN with auth.test without holding anything up. A token Slack refuses is a
 * configuration error (the caller stops startup with it). Slack that cannot be reached (network down,
 * DNS, 5xx, rate limited) is not: that is reported as what it is, and checked again with backoff while
 * the bot keeps serving, until Slack answers. auth.test also reports the token's scopes, so the check
 * says whether deliveries can look in channel history (exactly once) or not (at most once).
 */
import { webApi } from '@slack/bolt';
import { PaperclubError } from '../../src/errors.ts';
import type { Logger } from '../../src/log.ts';
import { HISTORY_SCOPES } from './chat-port.ts';

type WebClient = InstanceType<typeof webApi.WebClient>;

export type SlackAuthState =
  | { state: 'checking' }
  | { state: 'ok'; team: string | null; botUserId: string | null; botId: string | null; missingScopes: string[] }
  | { state: 'unreachable'; reason: string; since: string }
  | { state: 'rejected'; reason: string };

/** auth.test errors that mean the token itself is no good. */
const REJECTED: ReadonlySet<string> = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'not_allowed_token_type']);

export interface SlackAuthCheck {
  current(): SlackAuthState;
  /** Settles at the first clear answer: resolves when the token works or Slack is unreachable, rejects when it refuses the token. */
  first: Promise<SlackAuthState>;
  stop(): void;
}

export function checkSlackAuth(options: { client: WebClient; log: Logger; retryMs?: { first: number; max: number } }): SlackAuthCheck {
  const { client, log } = options;
  const backoff = options.retryMs ?? { first: 2000, max: 60_000 };
  let state: SlackAuthState = { state: 'checking' };
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let settle: { resolve: (s: SlackAuthState) => void; reject: (e: unknown) => void } | null = null;
  const first = new Promise<SlackAuthState>((resolve, reject) => {
    settle = { resolve, reject };
  });
  const done = (outcome: 'resolve' | 'reject', value: unknown) => {
    if (!settle) return;
    const s = settle;
    settle = null;
    if (outcome === 'resolve') s.resolve(value as SlackAuthState);
    else s.reject(value);
  };

  const attempt = async (wait: number) => {
    if (stopped) return;
    try {
      const result = await client.auth.test();
      const scopes = new Set(result.response_metadata?.scopes ?? []);
      state = {
        state: 'ok',
        team: result.team_id ?? null,
        botUserId: result.user_id ?? null,
        botId: result.bot_id ?? null,
        missingScopes: HISTORY_SCOPES.filter((s) => !scopes.has(s)),
      };
      log.info({ team: state.team, missingScopes: state.missingScopes }, 'Slack accepted the bot token');
      done('resolve', state);
    } catch (error) {
      const code = error instanceof webApi.WebAPIPlatformError ? error.data.error : null;
      if (code !== null && REJECTED.has(code)) {
        state = { state: 'rejected', reason: code };
        log.error({ reason: code }, 'Slack rejected SLACK_BOT_TOKEN');
        done('reject', new PaperclubError('config_invalid', `Slack rejected SLACK_BOT_TOKEN (auth.test: ${code})`, { variables: ['SLACK_BOT_TOKEN'] }, { cause: error }));
        return;
      }
      const reason = code ?? (error instanceof Error ? error.message : String(error));
      const since = state.state === 'unreachable' ? state.since : new Date().toISOString();
      state = { state: 'unreachable', reason, since };
      log.warn({ reason, retryInMs: wait }, 'Slack cannot be reached to check the bot token (a network problem, not a rejected token); checking again');
      done('resolve', state);
      if (!stopped) timer = setTimeout(() => void attempt(Math.min(wait * 2, backoff.max)), wait).unref();
    }
  };
  void attempt(backoff.first);

  return {
    current: () => state,
    first,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
