/**
 * A burst of signed interactions over real HTTP whose commands together outlast the deferral budget:
 * commands wait for their turn, so the budget timers fire between them and the later interactions are
 * deferred instead of held until every command before them ran. Every interaction gets one initial
 * response and its answer exactly once (in that response, or by editing the deferred one).
 * Not timed: each command holds the thread longer than the budget divided by the burst, so the order of
 * events decides, not the clock.
 */
import http from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CommandDef } from '../../../src/commands/types.ts';
import { commands } from '../../../src/commands/index.ts';
import { INTERACTIONS_PATH } from '../../../adapters/discord/index.ts';
import { APP_ID, signRequest, startHarness, type Harness } from './harness.ts';
import { slashCommand } from './payloads.ts';

const BURST = 10;
const BUDGET_MS = 50;
/** Longer than the budget split over the burst: the burst's commands together take 2 × the budget. */
const HOLD_MS = (2 * BUDGET_MS) / BURST + 5;

/** A command that holds the thread, as citeproc or a large search does, then names itself. */
const heavy: CommandDef = {
  kind: 'subcommand',
  name: 'heavy',
  scope: 'anywhere',
  description: 'Holds the thread for a while',
  options: [{ name: 'n', description: 'which request', type: 'string', required: true }],
  examples: [],
  async run(_ctx, args) {
    const until = performance.now() + HOLD_MS;
    while (performance.now() < until) {
      // hold the thread
    }
    return { visibility: 'ephemeral', summary: `answer ${String(args.n)}`, blocks: [{ type: 'text', text: `answer ${String(args.n)}` }] };
  },
};

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ deferAfterMs: BUDGET_MS, commands: [...commands, heavy] });
});
afterAll(async () => {
  await h?.close();
});

function post(agent: http.Agent, body: string): Promise<{ status: number; json: { type: number; data?: { content?: string } } }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${h.server.url}${INTERACTIONS_PATH}`, { method: 'POST', agent, headers: { ...signRequest(h.keys, body), 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.once('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as never }));
    });
    req.once('error', reject);
    req.end(body);
  });
}

it('defers the interactions whose commands would wait past the budget, and answers each exactly once', async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: Infinity });
  try {
    // Open the connections first, so all interactions leave at once.
    await Promise.all(Array.from({ length: BURST }, () => new Promise((resolve) => http.get(`${h.server.url}${INTERACTIONS_PATH}`, { agent }, (res) => res.resume().once('end', resolve)))));
    const payloads = Array.from({ length: BURST }, (_, n) => slashCommand(['heavy'], [{ name: 'n', type: 3, value: String(n) }]));
    const responses = await Promise.all(payloads.map((p) => post(agent, JSON.stringify(p))));
    expect(responses.map((r) => r.status)).toEqual(payloads.map(() => 200));

    const deferred = payloads.filter((_, n) => responses[n]!.json.type === 5);
    const answered = payloads.filter((_, n) => responses[n]!.json.type === 4);
    expect(deferred.length + answered.length).toBe(BURST);
    // The last command would have waited for all the others, longer than the budget: it was deferred.
    expect(responses[BURST - 1]!.json.type).toBe(5);

    await h.api.waitFor(/\/messages\/@original$/, deferred.length);
    await h.adapter.stop(); // waits for every deferred answer: a second edit would be recorded by now
    for (const [n, payload] of payloads.entries()) {
      const edits = h.api.callsTo(new RegExp(`^/webhooks/${APP_ID}/${payload.token as string}/messages/@original$`), 'PATCH');
      const direct = responses[n]!.json.type === 4 ? [responses[n]!.json.data?.content] : [];
      const answers = [...direct, ...edits.map((e) => (e.body as { content?: string }).content)];
      expect(answers, `interaction ${n}`).toEqual([`answer ${n}`]);
    }
  } finally {
    agent.destroy();
  }
});
