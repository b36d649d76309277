import { CronExpressionParser } from 'cron-parser';
import * as z from 'zod';
import { PaperclubError } from './errors.ts';
import { normalizeCategory } from './topics/categories.ts';

/**
 * All configuration, validated once. Nothing else reads process.env: the composition root calls
 * loadConfig() and passes the typed result down. Every variable is listed in .env.example and the README.
 */

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const url = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .transform((v) => (v === '' ? fallback : v))
    .pipe(z.url({ message: 'must be an http(s) URL' }))
    .transform((v) => v.replace(/\/+$/, ''));

const commaList = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v) =>
      (v.trim() === '' ? fallback : v)
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );

/** Hourly, on the hour. */
export const DEFAULT_POLL_CRON = '0 * * * *';

/** An IANA time zone name that this Node's Intl knows (the scheduler resolves it the same way). */
export function isTimeZone(name: string): boolean {
  // Every Intl knows UTC, the default; asking would load ICU's time zone data, about 25 ms of a
  // one-shot CLI call that may never touch a date.
  if (name === 'UTC') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** arXiv categories, comma- or plus-separated (`cs.CL,cs.AI` or `cs.CL+cs.AI`), each normalised. */
const categoryList = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v, ctx) => {
      const names = (v.trim() === '' ? fallback : v)
        .split(/[,+]/)
        .map((s) => s.trim())
        .filter(Boolean);
      const bad = names.filter((name) => normalizeCategory(name) === null);
      if (bad.length > 0) {
        ctx.addIssue({ code: 'custom', message: `not arXiv categories: ${bad.join(', ')} (e.g. cs.CL, hep-th, math)` });
        return z.NEVER;
      }
      return [...new Set(names.map((name) => normalizeCategory(name)!))];
    });

const onOff = (fallback: boolean) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      if (['on', 'true', '1', 'yes'].includes(v)) return true;
      if (['off', 'false', '0', 'no'].includes(v)) return false;
      ctx.addIssue({ code: 'custom', message: `must be on or off, got "${v}"` });
      return z.NEVER;
    });

const redisUrl = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === '') return undefined;
    if (v === 'private') return v;
    let url: URL;
    try {
      url = new URL(v);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a URL such as redis://127.0.0.1:6379 or rediss://user:pass@host:6380/0, or "private"' });
      return z.NEVER;
    }
    if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
      ctx.addIssue({ code: 'custom', message: `must start with redis:// or rediss://, got ${url.protocol}//` });
      return z.NEVER;
    }
    return v;
  });

const envSchema = z.object({
  SLACK_BOT_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_API_URL: url('https://slack.com/api'),
  SLACK_ADMIN_USERS: commaList(''),
  DISCORD_TOKEN: optionalString,
  DISCORD_APPLICATION_ID: optionalString,
  DISCORD_PUBLIC_KEY: optionalString.refine((v) => v === undefined || /^[0-9a-fA-F]{64}$/.test(v), {
    message: 'must be the 64-character hex "Public Key" from the Discord developer portal',
  }),
  DISCORD_API_URL: url('https://discord.com/api'),
  DISCORD_GUILD_ID: optionalString,
  DISCORD_GATEWAY: onOff(true),
  DISCORD_MESSAGE_CONTENT: onOff(false),
  PUBLIC_BASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return undefined;
      let parsed: URL;
      try {
        parsed = new URL(v);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be the https:// address where the bot\'s HTTP server (PORT) is reached, e.g. https://paperclub.example.org' });
        return z.NEVER;
      }
      if ((parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || parsed.search !== '' || parsed.hash !== '' || parsed.username !== '' || parsed.password !== '') {
        ctx.addIssue({ code: 'custom', message: 'must be a plain http(s) address without query, fragment or credentials, e.g. https://paperclub.example.org' });
        return z.NEVER;
      }
      return parsed.href.replace(/\/+$/, '');
    }),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  WORKER_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  ADMIN_TOKEN: optionalString.refine((v) => v === undefined || v.length >= 16, {
    message: 'must be at least 16 characters (e.g. the output of `openssl rand -hex 24`)',
  }),
  ADMIN_USER: optionalString.refine((v) => v === undefined || !v.includes(':'), { message: 'must not contain ":" (HTTP basic auth separates user and password with it)' }),
  ADMIN_PASSWORD: optionalString.refine((v) => v === undefined || v.length >= 12, { message: 'must be at least 12 characters' }),
  ADMIN_READ_ONLY: onOff(true),
  REDIS_URL: redisUrl,
  REDIS_PREFIX: z.string().trim().min(1).default('paperclub'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PAPERCLUB_SEEDS_DIR: z.string().trim().min(1).default('seeds'),
  PAPERCLUB_DATA_DIR: z.string().trim().min(1).default('data'),
  ARXIV_RSS_URL: url('https://rss.arxiv.org/rss'),
  ARXIV_API_URL: url('https://export.arxiv.org/api/query'),
  ARXIV_CATEGORIES: categoryList('cs.CL,cs.LG,cs.AI'),
  ARXIV_USER_AGENT: z
    .string()
    .trim()
    .min(1)
    .default('paperclub/0.1 (research paper club bot; https://github.com/paperclub/paperclub)'),
  POLL_CRON: z.string().trim().min(1).default(DEFAULT_POLL_CRON),
  POLL_TZ: z
    .string()
    .trim()
    .min(1)
    .default('UTC')
    .refine(isTimeZone, { message: 'must be an IANA time zone such as UTC or Europe/Berlin' }),
  ALERTS_PER_POLL: z.coerce.number().int().min(1).max(100).default(10),
});

/** Every environment variable paperclub reads (the container checks and .env.example are held to it). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(envSchema.shape);

export type Env = Record<string, string | undefined>;

export interface Config {
  slack: {
    botToken?: string;
    signingSecret?: string;
    appToken?: string;
    apiUrl: string;
    adminUsers: string[];
  };
  discord: {
    token?: string;
    applicationId?: string;
    publicKey?: string;
    apiUrl: string;
    guildId?: string;
    /** Connect to the gateway when a token is set (DISCORD_GATEWAY=off keeps the token for posting only). */
    gateway: boolean;
    /**
     * Ask the gateway for the privileged Message Content intent (DISCORD_MESSAGE_CONTENT=on): every
     * question in a session thread is collected. Off (default): only replies that mention the bot.
     */
    messageContent: boolean;
  };
  /** Where the bot's HTTP server is reached from outside (PUBLIC_BASE_URL), without a trailing slash. */
  publicBaseUrl?: string;
  port: number;
  /** `npm run worker`'s HTTP server: /healthz and /metrics. */
  workerPort: number;
  /**
   * The queue dashboard at /admin/queues: on when a token or basic-auth credentials are set. `readOnly`
   * (default) hides retry, remove, clean and pause.
   */
  admin: { token?: string; user?: string; password?: string; readOnly: boolean };
  /** url: a redis(s):// URL, `private` (always this bot's own redis-server), or unset (6379, else private). */
  redis: { url?: string; prefix: string };
  logLevel: string;
  seedsDir: string;
  dataDir: string;
  arxiv: { rssUrl: string; apiUrl: string; categories: string[]; userAgent: string };
  pollCron: string;
  /** The time zone POLL_CRON is read in. */
  pollTimeZone: string;
  alertsPerPoll: number;
}

export type ConfigCheck = { ok: true; config: Config } | { ok: false; problems: string[]; variables: string[] };

/** Validates everything at once; every problem is named with its variable and how to fix it. */
export function checkConfig(env: Env = process.env): ConfigCheck {
  // A blank line in .env (`PORT=`) means "use the default", not "empty".
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const parsed = envSchema.safeParse(given);
  const problems: string[] = [];
  const variables: string[] = [];
  const report = (variable: string, message: string) => {
    problems.push(`${variable}: ${message}`);
    variables.push(variable);
  };
  if (!parsed.success) {
    for (const issue of parsed.error.issues) report(issue.path.join('.'), issue.message);
  }
  // The cron is checked with the parser BullMQ's job scheduler uses, in the zone it will run in. The
  // default is valid in every zone (a test checks), and parsing it would load Intl's locale and zone
  // data, about 35 ms of a one-shot CLI call that never polls.
  const cron = given['POLL_CRON'] === undefined ? undefined : parsed.success ? parsed.data.POLL_CRON : given['POLL_CRON'];
  const tz = parsed.success ? parsed.data.POLL_TZ : given['POLL_TZ'] !== undefined && isTimeZone(given['POLL_TZ']) ? given['POLL_TZ'] : 'UTC';
  if (cron !== undefined && !variables.includes('POLL_CRON')) {
    try {
      CronExpressionParser.parse(cron, { tz });
    } catch (error) {
      report('POLL_CRON', `"${cron}" is not a cron pattern (${error instanceof Error ? error.message : String(error)}); e.g. 0 * * * * for hourly`);
    }
  }
  // Basic-auth credentials come in pairs.
  const user = given['ADMIN_USER'];
  const password = given['ADMIN_PASSWORD'];
  if ((user === undefined) !== (password === undefined)) {
    report(user === undefined ? 'ADMIN_USER' : 'ADMIN_PASSWORD', 'ADMIN_USER and ADMIN_PASSWORD are set together (HTTP basic auth for /admin/queues), or neither');
  }
  if (!parsed.success || problems.length > 0) return { ok: false, problems, variables };
  return { ok: true, config: toConfig(parsed.data) };
}

export function loadConfig(env: Env = process.env): Config {
  const checked = checkConfig(env);
  if (!checked.ok) {
    throw new PaperclubError(
      'config_invalid',
      `Invalid configuration (see .env.example for every variable):\n${checked.problems.map((p) => `  ${p}`).join('\n')}`,
      { variables: checked.variables },
    );
  }
  return checked.config;
}

function toConfig(e: z.infer<typeof envSchema>): Config {
  return {
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
      adminUsers: e.SLACK_ADMIN_USERS,
    },
    discord: {
      token: e.DISCORD_TOKEN,
      applicationId: e.DISCORD_APPLICATION_ID,
      publicKey: e.DISCORD_PUBLIC_KEY,
      apiUrl: e.DISCORD_API_URL,
      guildId: e.DISCORD_GUILD_ID,
      gateway: e.DISCORD_GATEWAY,
      messageContent: e.DISCORD_MESSAGE_CONTENT,
    },
    ...(e.PUBLIC_BASE_URL ? { publicBaseUrl: e.PUBLIC_BASE_URL } : {}),
    port: e.PORT,
    workerPort: e.WORKER_PORT,
    admin: { token: e.ADMIN_TOKEN, user: e.ADMIN_USER, password: e.ADMIN_PASSWORD, readOnly: e.ADMIN_READ_ONLY },
    redis: { url: e.REDIS_URL, prefix: e.REDIS_PREFIX },
    logLevel: e.LOG_LEVEL,
    seedsDir: e.PAPERCLUB_SEEDS_DIR,
    dataDir: e.PAPERCLUB_DATA_DIR,
    arxiv: {
      rssUrl: e.ARXIV_RSS_URL,
      apiUrl: e.ARXIV_API_URL,
      categories: e.ARXIV_CATEGORIES,
      userAgent: e.ARXIV_USER_AGENT,
    },
    pollCron: e.POLL_CRON,
    pollTimeZone: e.POLL_TZ,
    alertsPerPoll: e.ALERTS_PER_POLL,
  };
}
