/**
 * One worker process of the fault suite: the real job runtime (BullMQ workers, the delivery module)
 * with the real Slack and Discord chat ports, against the suite's Redis and fake platforms, with
 * shorter timings so kill -9 cycles resolve in seconds rather than BullMQ's default 30 s. The suite
 * kills it with SIGKILL mid-delivery and starts another.
 *
 * Environment: the usual REDIS_URL, REDIS_PREFIX, SLACK_API_URL, DISCORD_API_URL, ARXIV_RSS_URL,
 * ARXIV_CATEGORIES, POLL_CRON, ALERTS_PER_POLL, plus FAULT_TUNING (JSON, Partial<JobTuning>) and
 * FAULT_REQUEST_TIMEOUT_MS (the chat ports' request timeout).
 */
import { Redis } from 'ioredis';
import { DiscordChatPort } from '../../adapters/discord/chat-port.ts';
import { ButtonCommandStore } from '../../adapters/discord/custom-id.ts';
import { createDeliveryWebClient, SlackChatPort } from '../../adapters/slack/chat-port.ts';
import type { JobTuning } from '../../jobs/context.ts';
import { startJobRuntime } from '../../jobs/runtime.ts';
import { loadConfig } from '../../src/config.ts';
import { Library } from '../../src/library/library.ts';
import { createLogger } from '../../src/log.ts';
import { createRedisStore } from '../../src/store/redis/index.ts';
import { emptyImportReport } from '../../src/library/report.ts';

const config = loadConfig(process.env);
const log = createLogger({ level: config.logLevel });
const timeoutMs = Number(process.env.FAULT_REQUEST_TIMEOUT_MS ?? 1000);
const tuning = JSON.parse(process.env.FAULT_TUNING ?? '{}') as Partial<JobTuning>;
const redis = new Redis(config.redis.url!, { maxRetriesPerRequest: 3 });
redis.on('error', () => undefined);
const store = createRedisStore(redis, config.redis.prefix, { ownsConnection: false });
const runtime = await startJobRuntime({
  redis: config.redis.url!,
  prefix: config.redis.prefix,
  store,
  library: new Library([], emptyImportReport()),
  chat: {
    slack: new SlackChatPort(createDeliveryWebClient({ botToken: 'xoxb-faults', apiUrl: config.slack.apiUrl, log, timeoutMs }), log),
    discord: new DiscordChatPort({ apiUrl: config.discord.apiUrl, token: 'faults', buttons: new ButtonCommandStore(), timeoutMs }),
  },
  config,
  log,
  tuning,
});
process.stdout.write(`ready ${process.pid}\n`);
process.on('SIGTERM', () => {
  void runtime.close().finally(() => {
    redis.disconnect();
    process.exit(0);
  });
});
