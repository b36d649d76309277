/**
 * The fake Slack Web API (test/integration/slack/fake-slack-api.ts) in a process of its own, for the
 * burst runs of bench/slack-ack.ts: Slack receives the response_url posts on its own servers, so
 * counting them must not slow down the bench process, which times the acks.
 *
 * Driven over IPC (`node --import tsx bench/slack-fake-process.ts` with an ipc channel):
 * - sends `{ type: 'ready', url, apiUrl }` once listening;
 * - `{ type: 'count', paths }`: waits until every path got a response_url post, then answers
 *   `{ type: 'counted', posts: { [path]: [Date.now() of each post] } }` (to time the answers and prove
 *   each came exactly once) and forgets the recorded calls;
 * - `{ type: 'stop' }`: closes and exits.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { startFakeSlackApi, type FakeSlackApi, type RecordedCall } from '../test/integration/slack/fake-slack-api.ts';

const POLL_MS = 20;
const SETTLE_MS = 250;

export type FakeRequest = { type: 'count'; paths: string[]; timeoutMs: number } | { type: 'stop' };
export type FakeReply = { type: 'ready'; url: string; apiUrl: string } | { type: 'counted'; posts: Record<string, number[]> } | { type: 'failed'; error: string };

const send = (reply: FakeReply) => process.send!(reply);

/** Waits until every wanted response_url has a post, then counts the posts per path and forgets them. */
async function countPosts(api: FakeSlackApi, wanted: ReadonlySet<string>, timeoutMs: number): Promise<FakeReply> {
  const answered = (c: RecordedCall) => c.method === 'response_url' && wanted.has(c.path);
  const seen = () => new Set(api.calls.filter(answered).map((c) => c.path)).size;
  const deadline = Date.now() + timeoutMs;
  while (seen() < wanted.size) {
    if (Date.now() > deadline) return { type: 'failed', error: `${wanted.size - seen()} of ${wanted.size} answers never reached response_url within ${timeoutMs} ms` };
    await sleep(POLL_MS);
  }
  // A second post to the same response_url would come right after the first: wait a moment, then count.
  await sleep(SETTLE_MS);
  const posts: Record<string, number[]> = {};
  for (const call of api.calls.filter(answered)) (posts[call.path] ??= []).push(call.at);
  api.reset();
  return { type: 'counted', posts };
}

if (process.send) {
  const api = await startFakeSlackApi();
  process.on('message', (request: FakeRequest) => {
    if (request.type === 'stop') {
      void api.close().finally(() => process.exit(0));
      return;
    }
    void countPosts(api, new Set(request.paths), request.timeoutMs).then(send);
  });
  send({ type: 'ready', url: api.url, apiUrl: api.apiUrl });
}
