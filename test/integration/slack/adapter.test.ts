/**
 * Recorded Slack payloads driven through the real adapter over real HTTP (signed like Slack signs
 * them) into the fake Slack Web API; assertions are on the HTTP answers (the ack) and on the calls
 * the adapter made: response_url posts and chat.unfurl.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SlackBlock } from '../../../adapters/slack/render.ts';
import { blockKitViolations } from '../../unit/slack/block-kit-checks.ts';
import { startFakeSlackApi, type FakeSlackApi, type RecordedCall } from './fake-slack-api.ts';
import { createSlackAdapter } from '../../../adapters/slack/index.ts';
import { commands } from '../../../src/commands/index.ts';
import { silentLogger } from '../../../src/log.ts';
import { unavailableStore } from '../../../src/store/unavailable.ts';
import { createTestServices } from '../../helpers/services.ts';
import { Redis } from 'ioredis';
import { redisReplayGuard } from '../../../src/store/replay-guard.ts';
import { deleteKeysWithPrefix, randomPrefix } from '../../helpers/redis.ts';
import { fixtureJson, signedHeaders, slashCommandBody, startSlackHarness, type SlackHarness } from './harness.ts';

interface ResponseBody {
  response_type?: string;
  replace_original?: boolean;
  text: string;
  blocks: SlackBlock[];
}

const bodyOf = (call: RecordedCall | undefined): ResponseBody => {
  if (!call) throw new Error('no response_url post');
  return call.body as unknown as ResponseBody;
};

function buttons(body: ResponseBody): Array<{ action_id: string; value: string; label: string }> {
  return body.blocks.flatMap((b) =>
    b.type === 'actions'
      ? b.elements.flatMap((e) => (e.type === 'button' ? [{ action_id: e.action_id ?? '', value: e.value ?? '', label: e.text.text }] : []))
      : [],
  );
}

function allText(body: ResponseBody): string {
  return JSON.stringify(body.blocks);
}

let h: SlackHarness;

beforeAll(async () => {
  h = await startSlackHarness({ adminUsers: ['UADMIN'] });
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.api.reset();
});

describe('startup', () => {
  const adapterWith = async (api: FakeSlackApi) => {
    const { services, cleanup } = await createTestServices({ store: unavailableStore('not needed') });
    const adapter = await createSlackAdapter(
      { commands, services, log: silentLogger() },
      { botToken: 'xoxb-fake', signingSecret: 'secret', apiUrl: api.apiUrl, adminUsers: [], authRetryMs: { first: 50, max: 200 } },
    );
    return { adapter, close: async () => (await adapter.stop(), await cleanup()) };
  };

  it('reports an unreachable Slack as a network problem, keeps serving, and checks again until Slack answers', async () => {
    const api = await startFakeSlackApi();
    api.script('auth.test', { status: 503, text: 'no' }, { status: 502, text: 'no' });
    const { adapter, close } = await adapterWith(api);
    try {
      await expect(adapter.started).resolves.toBeUndefined();
      expect(adapter.health()).toMatchObject({ state: 'unreachable', reason: expect.stringMatching(/503|status code/i) });
      expect(adapter.routes['/slack/events']).toBeDefined();
      await api.waitForCalls('auth.test', 3);
      await new Promise((r) => setTimeout(r, 50));
      expect(adapter.health()).toMatchObject({ state: 'ok', history: 'ok' });
    } finally {
      await close();
      await api.close();
    }
  });

  it('stops startup when Slack refuses the token (a configuration error)', async () => {
    const api = await startFakeSlackApi();
    api.script('auth.test', { ok: false, error: 'invalid_auth' });
    const { adapter, close } = await adapterWith(api);
    try {
      await expect(adapter.started).rejects.toMatchObject({ code: 'config_invalid', message: expect.stringMatching(/Slack rejected SLACK_BOT_TOKEN \(auth.test: invalid_auth\)/) });
      expect(adapter.health()).toMatchObject({ state: 'rejected', reason: 'invalid_auth' });
    } finally {
      await close();
      await api.close();
    }
  });

  it('says when the token cannot read history (uncertain posts are then not retried)', async () => {
    const api = await startFakeSlackApi({ scopes: ['commands', 'chat:write'] });
    const { adapter, close } = await adapterWith(api);
    try {
      await adapter.started;
      expect(adapter.health()).toMatchObject({ state: 'ok', history: expect.stringMatching(/^missing channels:history, groups:history/) });
    } finally {
      await close();
      await api.close();
    }
  });

  it('checked the bot token with auth.test against SLACK_API_URL', async () => {
    const fresh = await startSlackHarness();
    try {
      const [call] = fresh.api.callsTo('auth.test');
      expect(call?.authorization).toBe('Bearer xoxb-fake');
    } finally {
      await fresh.close();
    }
  });
});

describe('request verification', () => {
  it('answers the url_verification challenge', async () => {
    const body = JSON.stringify({ token: 'x', challenge: 'c-123', type: 'url_verification' });
    const res = await h.post(body, signedHeaders(body, 'application/json'));
    expect(res.status).toBe(200);
    expect(res.text).toContain('c-123');
  });

  it('rejects a bad signature, a stale timestamp and missing headers with 401, and does nothing else', async () => {
    const tampered = slashCommandBody('search lora', h.api.responseUrl('tampered'));
    const badSig = await h.post(tampered, { ...signedHeaders(tampered, 'application/x-www-form-urlencoded'), 'x-slack-signature': `v0=${'0'.repeat(64)}` });
    const otherSecret = await h.post(tampered, signedHeaders(tampered, 'application/x-www-form-urlencoded', { secret: 'not-the-secret' }));
    const stale = await h.post(tampered, signedHeaders(tampered, 'application/x-www-form-urlencoded', { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }));
    const unsigned = await h.post(tampered, { 'content-type': 'application/x-www-form-urlencoded' });
    const bodySwapped = await h.post(
      slashCommandBody('club done', h.api.responseUrl('tampered')),
      signedHeaders(tampered, 'application/x-www-form-urlencoded'),
    );
    expect([badSig.status, otherSecret.status, stale.status, unsigned.status, bodySwapped.status]).toEqual([401, 401, 401, 401, 401]);

    // A valid request afterwards is processed; the rejected ones left no trace at the fake Slack.
    const ok = await h.slash('help');
    expect(ok.status).toBe(200);
    await h.responses(ok.responseUrl);
    expect(h.api.calls.map((c) => c.path)).toEqual([new URL(ok.responseUrl).pathname]);
  });

  it('refuses a timestamp more than 5 minutes in the future, signed correctly', async () => {
    const body = slashCommandBody('help', h.api.responseUrl('future'));
    const future = await h.post(body, signedHeaders(body, 'application/x-www-form-urlencoded', { timestamp: Math.floor(Date.now() / 1000) + 6 * 60 }));
    expect(future.status).toBe(401);
    expect(h.api.calls).toEqual([]);
  });

  it('runs a signed request once: the same request replayed within its window gets 401', async () => {
    const responseUrl = h.api.responseUrl('replayed');
    const body = slashCommandBody('club list', responseUrl);
    const headers = signedHeaders(body, 'application/x-www-form-urlencoded');
    const first = await h.post(body, headers);
    const replayed = await h.post(body, headers);
    expect([first.status, replayed.status]).toEqual([200, 401]);
    await h.responses(responseUrl);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.api.calls.filter((c) => c.path === new URL(responseUrl).pathname)).toHaveLength(1);
  });

  it('refuses a replay that reaches another process of the deployment (shared Redis guard)', async () => {
    const redis = new Redis({ host: '127.0.0.1', port: 6379 });
    const prefix = randomPrefix('slack-replay');
    await redis.ping();
    const here = await startSlackHarness({ replay: redisReplayGuard({ redis: () => redis, prefix }) });
    const there = await startSlackHarness({ replay: redisReplayGuard({ redis: () => redis, prefix }) });
    try {
      const body = slashCommandBody('help', here.api.responseUrl('once'));
      const headers = signedHeaders(body, 'application/x-www-form-urlencoded');
      expect((await here.post(body, headers)).status).toBe(200);
      expect((await there.post(body, headers)).status).toBe(401);
    } finally {
      await here.close();
      await there.close();
      await deleteKeysWithPrefix(redis, prefix);
      await redis.quit();
    }
  });

  it('answers malformed or unknown signed bodies with 400 at once', async () => {
    const bodies: Array<[string, string]> = [
      ['payload=%7Bnot-json', 'application/x-www-form-urlencoded'],
      [new URLSearchParams({ payload: JSON.stringify({ type: 'view_submission' }) }).toString(), 'application/x-www-form-urlencoded'],
      [new URLSearchParams({ command: '/other', text: 'x' }).toString(), 'application/x-www-form-urlencoded'],
      ['hello=world', 'application/x-www-form-urlencoded'],
      ['{"broken":', 'application/json'],
      [JSON.stringify({ type: 'app_rate_limited' }), 'application/json'],
      ['plain text', 'text/plain'],
    ];
    for (const [body, type] of bodies) {
      const started = Date.now();
      const res = await h.post(body, signedHeaders(body, type));
      expect(res.status, body).toBe(400);
      expect(Date.now() - started).toBeLessThan(1000);
    }
    expect(h.api.calls).toEqual([]);
  });

  it('acknowledges an event paperclub does not handle (Slack would retry a refusal)', async () => {
    const res = await h.event({ type: 'event_callback', team_id: 'T1', event: { type: 'app_mention', text: 'hi' } });
    expect(res.status).toBe(200);
    expect(h.api.calls).toEqual([]);
  });

  it('answers 405 to anything but POST', async () => {
    const res = await fetch(h.eventsUrl);
    expect(res.status).toBe(405);
  });
});

describe('/paper slash command (recorded bolt-js body)', () => {
  it('acks with an empty 200, then answers search ephemerally via response_url with a share button', async () => {
    const { status, text, responseUrl } = await h.slash('search lora');
    expect(status).toBe(200);
    expect(text).toBe('');
    const [call] = await h.responses(responseUrl);
    expect(call?.contentType).toContain('application/json');
    const body = bodyOf(call);
    expect(body.response_type).toBe('ephemeral');
    expect(allText(body)).toMatch(/LoRA/);
    const share = buttons(body).find((b) => b.action_id.startsWith('paperclub:share:'));
    expect(share?.label).toBe('Share in channel');
    expect(share?.value).toMatch(/^search lora/);
    expect(blockKitViolations(body)).toEqual([]);
    // Nothing went through the Web API: the answer belongs to the user who asked.
    expect(h.api.callsTo('chat.postMessage')).toEqual([]);
  });

  it('answers cite with the citation in a code block', async () => {
    const { status, responseUrl } = await h.slash('cite 2106.09685');
    expect(status).toBe(200);
    const body = bodyOf((await h.responses(responseUrl))[0]);
    expect(body.response_type).toBe('ephemeral');
    expect(allText(body)).toContain('```\\n@');
    expect(blockKitViolations(body)).toEqual([]);
  });

  it('reads text in Slack\'s wire format: entities decoded, a pasted <url|label> link is its URL', async () => {
    const cite = await h.slash('cite <https://arxiv.org/abs/2106.09685|arxiv.org/abs/2106.09685> apa');
    const citeBody = bodyOf((await h.responses(cite.responseUrl))[0]);
    expect(citeBody.text).toMatch(/^APA citation: LoRA/);

    const search = await h.slash('search Q&amp;A &lt;!channel&gt;');
    const searchBody = bodyOf((await h.responses(search.responseUrl))[0]);
    // Echoed as typed (re-escaped once by the renderer), never as a double-escaped &amp;amp;.
    expect(JSON.stringify(searchBody)).not.toContain('&amp;amp;');
    expect(JSON.stringify(searchBody)).not.toContain('&amp;lt;');
  });

  it('keeps channel settings for the admins in SLACK_ADMIN_USERS', async () => {
    const denied = await h.slash('topics add "state space models"', { userId: 'W111' });
    const deniedBody = bodyOf((await h.responses(denied.responseUrl))[0]);
    expect(deniedBody.response_type).toBe('ephemeral');
    expect(deniedBody.text + allText(deniedBody)).toMatch(/SLACK_ADMIN_USERS/);
    expect(await h.services.store.listTopics({ platform: 'slack', workspace: 'T111', channel: 'C111' })).toEqual([]);

    const allowed = await h.slash('topics add "state space models"', { userId: 'UADMIN' });
    await h.responses(allowed.responseUrl);
    expect(await h.services.store.listTopics({ platform: 'slack', workspace: 'T111', channel: 'C111' })).toEqual(['"state space models"']);
  });

  it.each([
    ['mentions and markup', 'search <!channel> <!here> <@U0123> @everyone *bold* `code` & more'],
    ['10,000 characters', `search ${'lora '.repeat(2000)}`],
    ['empty input', ''],
    ['an unknown id', 'show 9999.99999'],
    ['an unknown subcommand', 'frobnicate <!channel>'],
    ['a citation of a missing paper', 'cite <@U0123>'],
  ])('answers hostile input (%s) clearly, within limits, pinging no one', async (_name, text) => {
    const { status, responseUrl } = await h.slash(text);
    expect(status).toBe(200);
    const body = bodyOf((await h.responses(responseUrl))[0]);
    expect(body.text.length).toBeGreaterThan(0);
    expect(body.blocks.length).toBeGreaterThan(0);
    expect(blockKitViolations(body)).toEqual([]);
    expect(JSON.stringify(body)).not.toMatch(/at \S+\.ts:\d+/); // no stack trace
  });
});

describe('buttons (recorded bolt-python block_actions payloads)', () => {
  it('"Share in channel" from an ephemeral message re-runs the command and posts it in_channel', async () => {
    const { status, text, responseUrl } = await h.click({ actionId: 'paperclub:share:3', value: 'show 2106.09685', label: 'Share in channel' }, { fixture: 'ephemeral' });
    expect(status).toBe(200);
    expect(text).toBe('');
    const body = bodyOf((await h.responses(responseUrl))[0]);
    expect(body.response_type).toBe('in_channel');
    expect(body.replace_original).toBe(false);
    expect(allText(body)).toMatch(/LoRA/);
    expect(buttons(body).some((b) => b.action_id.startsWith('paperclub:share:'))).toBe(false);
    expect(blockKitViolations(body)).toEqual([]);
  });

  it('"Share in channel" whose command now fails answers privately and posts nothing in the channel', async () => {
    const { status, responseUrl } = await h.click({ actionId: 'paperclub:share:3', value: 'show 9999.99999', label: 'Share in channel' }, { fixture: 'ephemeral' });
    expect(status).toBe(200);
    const body = bodyOf((await h.responses(responseUrl))[0]);
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toMatch(/No paper in the library matches/);
  });

  it('a button on a channel message re-runs its command for the person who clicked', async () => {
    const { status, responseUrl } = await h.click({ actionId: 'paperclub:run:0', value: 'cite 2106.09685 apa' }, { fixture: 'message' });
    expect(status).toBe(200);
    const body = bodyOf((await h.responses(responseUrl))[0]);
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toMatch(/^APA citation: LoRA/);
    expect(allText(body)).toContain('```\\nHu, E. J., Shen, Y., Wallis, P.');
  });

  it('a button that changes channel state respects the admin list', async () => {
    const { responseUrl } = await h.click({ actionId: 'paperclub:run:1', value: 'club add 2106.09685' }, { fixture: 'message', userId: 'U111' });
    const body = bodyOf((await h.responses(responseUrl))[0]);
    expect(body.text + allText(body)).toMatch(/SLACK_ADMIN_USERS/);
  });

  it('refuses buttons that are not ours at once (400, no listener, no calls)', async () => {
    const foreign = await h.click({ actionId: 'someone_else', value: 'club done' }, { fixture: 'message', responseUrl: h.api.responseUrl('foreign') });
    expect(foreign.status).toBe(400);
    const ok = await h.slash('help');
    await h.responses(ok.responseUrl);
    expect(h.api.calls.map((c) => c.path)).toEqual([new URL(ok.responseUrl).pathname]);
  });
});

describe('link unfurls (recorded link_shared events)', () => {
  const LINKS = [
    { domain: 'arxiv.org', url: 'https://arxiv.org/abs/2106.09685v2' },
    { domain: 'doi.org', url: 'https://doi.org/10.48550/arXiv.2106.09685' },
    { domain: 'huggingface.co', url: 'https://huggingface.co/papers/2106.09685' },
    { domain: 'arxiv.org', url: 'https://arxiv.org/abs/1707.08567' },
    { domain: 'arxiv.org', url: 'https://arxiv.org/list/cs.CL/recent' },
    { domain: 'example.com', url: 'https://example.com/12345' },
  ];

  it.each(['link_shared.event_callback.slack-docs.json', 'link_shared.event_callback.docs-slack-dev-newer.json'])(
    'unfurls arXiv, DOI and Hugging Face links into paper cards with unfurl_id + source (%s)',
    async (fixture) => {
      const envelope = fixtureJson<{ event: Record<string, unknown> }>(fixture);
      envelope.event.links = LINKS;
      const res = await h.event(envelope);
      expect(res.status).toBe(200);
      const [call] = await h.api.waitForCalls('chat.unfurl');
      expect(call?.body.unfurl_id).toBe(envelope.event.unfurl_id);
      expect(call?.body.source).toBe('conversations_history');
      expect(call?.body.channel).toBeUndefined();
      const unfurls = call?.body.unfurls as Record<string, { blocks: SlackBlock[] }>;
      expect(Object.keys(unfurls).sort()).toEqual(LINKS.slice(0, 4).map((l) => l.url).sort());
      expect(JSON.stringify(unfurls[LINKS[0]!.url])).toMatch(/LoRA/);
      // Not in the library: arXiv metadata from the (replayed) arXiv API.
      expect(JSON.stringify(unfurls['https://arxiv.org/abs/1707.08567'])).toMatch(/AEW10/);
      for (const unfurl of Object.values(unfurls)) {
        expect(blockKitViolations({ text: 'x', blocks: unfurl.blocks })).toEqual([]);
        expect(unfurl.blocks.some((b) => b.type === 'actions')).toBe(false);
      }
    },
  );

  it('uses channel + ts when the event has no unfurl_id', async () => {
    const envelope = fixtureJson<{ event: Record<string, unknown> }>('link_shared.event_callback.slack-docs.json');
    delete envelope.event.unfurl_id;
    delete envelope.event.source;
    envelope.event.links = [LINKS[0]];
    expect((await h.event(envelope)).status).toBe(200);
    const [call] = await h.api.waitForCalls('chat.unfurl');
    expect(call?.body).toMatchObject({ channel: 'C123ABC456', ts: '123456789.9875' });
  });

  it('makes no call when no link resolves (the recorded example.com links)', async () => {
    const own = await startSlackHarness();
    try {
      const envelope = fixtureJson('link_shared.event_callback.slack-docs.json');
      expect((await own.event(envelope)).status).toBe(200);
      // stop() waits for in-flight listener work, so everything the event caused has happened.
      await own.adapter.stop();
      expect(own.api.calls.map((c) => c.method)).toEqual(['auth.test']);
    } finally {
      await own.close();
    }
  });
});
