/**
 * A burst of concurrent signed slash commands over real HTTP into the real adapter (HTTP mode): every
 * request is acknowledged before any command runs (the work waits for its turn and never delays a
 * later ack), and every request gets exactly one answer at its response_url, the right one.
 * Not timed: the order of events and the counts are the proof.
 */
import http from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCommand } from '../../../src/commands/dispatch.ts';
import type { AnywhereContext, CommandDef, ParsedArgs } from '../../../src/commands/types.ts';
import { commands } from '../../../src/commands/index.ts';
import { silentLogger } from '../../../src/log.ts';
import { toResponse } from '../../../adapters/slack/index.ts';
import { startFixtureServer, type FixtureServer } from '../../helpers/http-fixture-server.ts';
import { signedHeaders, slashCommandBody, startSlackHarness, type SlackHarness } from './harness.ts';

const BURST = 40;
const TEXTS = ['search lora', 'show 1706.03762', 'cite 2106.09685', 'cite 1706.03762 apa', 'search mixture of experts', 'cite 2106.09685 ris', 'show 2106.09685'];

/** What happened, in the order it happened: `ack <n>` when a response was sent, `work <text>` when a command started. */
const events: string[] = [];

/** The chat commands, the lookups (search, show, cite) recording when their run starts. */
const recorded: readonly CommandDef[] = commands.map((def): CommandDef => {
  if (def.kind !== 'subcommand' || def.scope !== 'anywhere') return def;
  return {
    ...def,
    run: (ctx: AnywhereContext, args: ParsedArgs) => {
      events.push(`work ${def.name}`);
      return def.run(ctx, args);
    },
  };
});

let h: SlackHarness;
let server: FixtureServer;

beforeAll(async () => {
  h = await startSlackHarness({ commands: recorded });
  const route = h.adapter.routes['/slack/events']!;
  // The adapter's route behind a server that notes each ack; `x-burst-request` is not signed and names the request.
  server = await startFixtureServer((req, res) => {
    res.once('finish', () => events.push(`ack ${String(req.headers['x-burst-request'])}`));
    return route(req, res);
  });
});
afterAll(async () => {
  await server?.close();
  await h?.close();
});

function post(agent: http.Agent, n: number, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${server.url}/slack/events`, {
      method: 'POST',
      agent,
      headers: { ...signedHeaders(body, 'application/x-www-form-urlencoded'), 'content-length': String(Buffer.byteLength(body)), 'x-burst-request': String(n) },
    });
    req.once('response', (res) => res.resume().once('end', () => resolve(res.statusCode ?? 0)));
    req.once('error', reject);
    req.end(body);
  });
}

it('acknowledges every request of a burst before running any command, and answers each exactly once', async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: Infinity });
  try {
    // Open the connections first, so all requests leave at once, as in a burst from Slack.
    await Promise.all(Array.from({ length: BURST }, () => new Promise((resolve) => http.get(`${server.url}/slack/events`, { agent }, (res) => res.resume().once('end', resolve)))));
    events.length = 0;
    const requests = Array.from({ length: BURST }, (_, n) => {
      const responseUrl = h.api.responseUrl(`burst-${n}`);
      return { n, text: TEXTS[n % TEXTS.length]!, responseUrl, body: slashCommandBody(TEXTS[n % TEXTS.length]!, responseUrl) };
    });
    const statuses = await Promise.all(requests.map((r) => post(agent, r.n, r.body)));
    expect(statuses).toEqual(requests.map(() => 200));

    const answers = await h.api.waitForCalls('response_url', BURST);
    await h.adapter.stop(); // waits for every answer in flight: a second post would be recorded by now
    const posts = h.api.callsTo('response_url');
    expect(posts).toHaveLength(BURST);
    expect(answers).toHaveLength(BURST);

    // Every ack came before the first command ran: no request waited for another's work to be acknowledged.
    const acks = events.filter((e) => e.startsWith('ack '));
    const firstWork = events.findIndex((e) => e.startsWith('work '));
    expect(acks).toHaveLength(BURST);
    expect(firstWork).toBeGreaterThan(-1);
    expect(events.slice(0, BURST).every((e) => e.startsWith('ack '))).toBe(true);
    expect(events.filter((e) => e.startsWith('work '))).toHaveLength(BURST);

    // Exactly one post per response_url, carrying the answer to that request's command.
    const ctx = {
      actor: { id: 'U', isAdmin: false },
      channel: { platform: 'slack' as const, workspace: 'T', channel: 'C' },
      log: silentLogger(),
      services: h.services,
    };
    for (const r of requests) {
      const mine = posts.filter((p) => p.path === new URL(r.responseUrl).pathname);
      expect(mine, `answers to request ${r.n} (${r.text})`).toHaveLength(1);
      const expected = toResponse(await runCommand(commands, ctx, { kind: 'text', text: r.text }));
      expect(mine[0]!.body.text, `request ${r.n} (${r.text})`).toBe(expected.text);
    }
  } finally {
    agent.destroy();
  }
});
