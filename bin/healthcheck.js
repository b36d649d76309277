#!/usr/bin/env node
// The container HEALTHCHECK (node:20-slim has no curl): GET /healthz on this container's own port and
// exit 0 on HTTP 200, 1 otherwise. 200 means the process serves (lookups for the bot, its job loop for
// a worker) even while a part is degraded: restarting would not fix Redis or Slack, and /healthz's body
// says what is degraded. `--worker` asks WORKER_PORT (default 3001) instead of PORT (default 3000);
// the defaults are src/config.ts's (a test checks they agree).
/* global fetch, AbortSignal */
const worker = process.argv.includes('--worker');
const raw = worker ? process.env.WORKER_PORT : process.env.PORT;
const port = raw && raw.trim() !== '' ? Number(raw) : worker ? 3001 : 3000;
try {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(4000) });
  const body = await res.text();
  if (res.status !== 200) {
    process.stderr.write(`healthcheck: /healthz answered ${res.status}: ${body.slice(0, 500)}\n`);
    process.exit(1);
  }
  process.stdout.write(`${body.slice(0, 500)}\n`);
} catch (error) {
  process.stderr.write(`healthcheck: no answer from 127.0.0.1:${port}/healthz (${error instanceof Error ? error.message : String(error)})\n`);
  process.exit(1);
}
