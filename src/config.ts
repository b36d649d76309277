import { z } from 'zod';
import { PaperclubError } from './errors.ts';

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

const envSchema = z.object({
  SLACK_BOT_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_API_URL: url('https://slack.com/api'),
  SLACK_ADMIN_USERS: commaList(''),
  DISCORD_TOKEN: optionalString,
  DISCORD_APPLICATION_ID: optionalString,
  DISCORD_PUBLIC_KEY: optionalString,
  DISCORD_API_URL: url('https://discord.com/api'),
  DISCORD_GUILD_ID: optionalString,
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  REDIS_URL: optionalString,
  REDIS_PREFIX: z.string().trim().min(1).default('paperclub'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PAPERCLUB_SEEDS_DIR: z.string().trim().min(1).default('seeds'),
  PAPERCLUB_DATA_DIR: z.string().trim().min(1).default('data'),
  ARXIV_RSS_URL: url('https://rss.arxiv.org/rss'),
  ARXIV_API_URL: url('https://export.arxiv.org/api/query'),
  ARXIV_CATEGORIES: commaList('cs.CL,cs.LG,cs.AI'),
  ARXIV_USER_AGENT: z
    .string()
    .trim()
    .min(1)
    .default('paperclub/0.1 (research paper club bot; https://github.com/paperclub/paperclub)'),
  POLL_CRON: z.string().trim().min(1).default('0 * * * *'),
  ALERTS_PER_POLL: z.coerce.number().int().min(1).max(100).default(10),
});

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
  };
  port: number;
  redis: { url?: string; prefix: string };
  logLevel: string;
  seedsDir: string;
  dataDir: string;
  arxiv: { rssUrl: string; apiUrl: string; categories: string[]; userAgent: string };
  pollCron: string;
  alertsPerPoll: number;
}

export function loadConfig(env: Env = process.env): Config {
  // A blank line in .env (`PORT=`) means "use the default", not "empty".
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const parsed = envSchema.safeParse(given);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new PaperclubError(
      'config_invalid',
      `Invalid configuration (see .env.example for every variable):\n${problems.join('\n')}`,
      { variables: parsed.error.issues.map((issue) => issue.path.join('.')) },
    );
  }
  const e = parsed.data;
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
    },
    port: e.PORT,
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
    alertsPerPoll: e.ALERTS_PER_POLL,
  };
}
