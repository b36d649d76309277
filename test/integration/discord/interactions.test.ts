/**
 * Recorded Discord interaction payloads, signed with a test key, POSTed over real HTTP into the real
 * adapter's /discord/interactions route; follow-ups land on the fake Discord REST API and are asserted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { redisReplayGuard } from '../../../src/store/replay-guard.ts';
import { deleteKeysWithPrefix, randomPrefix } from '../../helpers/redis.ts';

const REDIS = { host: '127.0.0.1', port: 6379 };
import type { CommandDef } from '../../../src/commands/types.ts';
import { commands } from '../../../src/commands/index.ts';
import type { Message } from '../../../src/messages/message.ts';
import { APP_ID, signRequest, startHarness, testKeys, type Harness } from './harness.ts';
import { autocomplete, buttonClick, BUTTON, DOCS_COMMAND, envelope, fixture, GROUP_COMMAND, SELECT, slashCommand, CAPTURED_COMMAND } from './payloads.ts';
import { assertWithinLimits, allText } from '../../unit/discord/limits.ts';

type Reply = { type: number; data?: { content?: string; embeds?: Array<Record<string, unknown>>; components?: Array<{ components: Array<{ custom_id: string; label: string }> }>; flags?: number; allowed_mentions?: unknown; choices?: Array<{ name: string; value: string }> } };

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

async function harness(options: Parameters<typeof startHarness>[0] = {}): Promise<Harness> {
  h = await startHarness(options);
  return h;
}

const customIds = (reply: Reply) => (reply.data?.components ?? []).flatMap((row) => row.components);

describe('signature verification', () => {
  it('answers 401 and calls nothing for missing, forged, tampered or stale signatures', async () => {
    const t = await harness();
    const payload = slashCommand(['search'], [{ name: 'query', type: 3, value: 'lora' }]);
    const body = JSON.stringify(payload);
    const other = testKeys();
    const cases: Array<{ name: string; headers: Record<string, string>; rawBody?: string }> = [
      { name: 'unsigned', headers: {} },
      { name: 'other key', headers: signRequest(other, body) },
      { name: 'tampered body', headers: signRequest(t.keys, body), rawBody: body.replace('lora', 'bert') },
      { name: 'timestamp changed', headers: { ...signRequest(t.keys, body), 'x-signature-timestamp': String(Math.floor(Date.now() / 1000) + 1) } },
      { name: 'stale', headers: signRequest(t.keys, body, String(Math.floor(Date.now() / 1000) - 3600)) },
      { name: 'garbage signature', headers: { ...signRequest(t.keys, body), 'x-signature-ed25519': 'zz'.repeat(64) } },
    ];
    for (const c of cases) {
      const res = await t.send(payload, { unsigned: true, headers: c.headers, ...(c.rawBody ? { rawBody: c.rawBody } : {}) });
      expect(res.status, c.name).toBe(401);
    }
    // Discord's endpoint check: an unsigned PING must be refused too.
    expect((await t.send({ type: 1 }, { unsigned: true })).status).toBe(401);
    expect(t.api.calls).toEqual([]);
  });

  it('refuses a correctly signed timestamp more than 5 minutes in the future', async () => {
    const t = await harness();
    const body = JSON.stringify(slashCommand(['help']));
    const res = await t.send(null, { unsigned: true, rawBody: body, headers: signRequest(t.keys, body, String(Math.floor(Date.now() / 1000) + 6 * 60)) });
    expect(res.status).toBe(401);
    expect(t.api.calls).toEqual([]);
  });

  it('runs a signed request once, even when the replay reaches another process of the deployment', async () => {
    const redis = new Redis(REDIS);
    const other = new Redis(REDIS);
    const prefix = randomPrefix('discord-replay');
    try {
      const keys = testKeys();
      const first = await harness({ keys, replay: redisReplayGuard({ redis: () => redis, prefix }) });
      const second = await startHarness({ keys, replay: redisReplayGuard({ redis: () => other, prefix }) });
      try {
        const body = JSON.stringify(slashCommand(['search'], [{ name: 'query', type: 3, value: 'lora' }]));
        const headers = signRequest(keys, body);
        const original = await first.send(null, { unsigned: true, rawBody: body, headers });
        const replayedHere = await first.send(null, { unsigned: true, rawBody: body, headers });
        const replayedThere = await second.send(null, { unsigned: true, rawBody: body, headers });
        expect([original.status, replayedHere.status, replayedThere.status]).toEqual([200, 401, 401]);
        expect(replayedThere.body).toEqual({ error: 'replayed request' });
      } finally {
        await second.close();
      }
    } finally {
      await deleteKeysWithPrefix(redis, prefix);
      await redis.quit();
      await other.quit();
    }
  });

  it('answers a signed PING with PONG and calls nothing', async () => {
    const t = await harness();
    const res = await t.send({ type: 1, id: '1', application_id: APP_ID, token: 't', version: 1 });
    expect(res).toEqual({ status: 200, body: { type: 1 } });
    expect(t.api.calls).toEqual([]);
  });

  it('refuses signed bodies that are not interactions', async () => {
    const t = await harness();
    expect((await t.send(null, { rawBody: '{not json' })).status).toBe(400);
    expect((await t.send([1, 2])).status).toBe(400);
    const get = await fetch(`${t.server.url}/discord/interactions`);
    expect(get.status).toBe(405);
  });
});

describe('slash commands', () => {
  it('answers /paper search directly (type 4) with embeds, buttons, ephemeral flag and no mentions', async () => {
    const t = await harness();
    const res = await t.send(slashCommand(['search'], [{ name: 'query', type: 3, value: 'lora' }]));
    expect(res.status).toBe(200);
    const reply = res.body as Reply;
    expect(reply.type).toBe(4);
    expect(reply.data?.flags).toBe(64);
    expect(reply.data?.allowed_mentions).toEqual({ parse: [] });
    expect(reply.data?.embeds?.[0]?.title).toBe('LoRA: Low-Rank Adaptation of Large Language Models');
    expect(customIds(reply).map((b) => b.custom_id)).toContain('c:show 2106.09685');
    assertWithinLimits(reply.data);
    expect(t.api.calls).toEqual([]);
  });

  it('defers (type 5, ephemeral) and edits the original response through the webhook', async () => {
    const t = await harness({ deferAfterMs: 0 });
    const payload = slashCommand(['cite'], [
      { name: 'paper', type: 3, value: '2106.09685' },
      { name: 'format', type: 3, value: 'bibtex' },
    ]);
    const res = await t.send(payload);
    expect(res.body).toEqual({ type: 5, data: { flags: 64 } });
    const [edit] = await t.api.waitFor(/@original$/);
    expect(edit!.method).toBe('PATCH');
    expect(edit!.route).toBe(`/webhooks/${APP_ID}/${payload.token as string}/messages/@original`);
    // The interaction token authorises the webhook; the bot token is not sent.
    expect(edit!.authorization).toBeUndefined();
    const body = edit!.body as { content: string; allowed_mentions: unknown; flags?: number };
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.flags).toBeUndefined();
    expect(allText(body)).toMatch(/```(bibtex)?\n@\w+\{/);
    expect(allText(body)).toContain('2106.09685');
    expect(t.api.calls).toHaveLength(1);
  });

  it('runs a subcommand group (the disgo group fixture, re-shaped to /paper club list)', async () => {
    const t = await harness();
    const payload = fixture(GROUP_COMMAND);
    const data = payload.data as { name: string; options: Array<{ name: string; options: Array<{ name: string }> }> };
    data.name = 'paper';
    data.options[0]!.name = 'club';
    data.options[0]!.options[0]!.name = 'list';
    payload.token = 'group_fixture_token';
    const reply = (await t.send(payload)).body as Reply;
    expect(reply.type).toBe(4);
    const text = allText(reply.data);
    expect(text.toLowerCase()).toContain('queue');
    assertWithinLimits(reply.data);
  });

  it('keeps admin subcommands for Manage Channels, stored per discord:<guild>/<channel>', async () => {
    const t = await harness();
    const denied = (await t.send(slashCommand(['topics', 'add'], [{ name: 'topic', type: 3, value: 'mixture of experts' }], { admin: false }))).body as Reply;
    expect(allText(denied.data)).toContain('Manage Channels');
    const captured = fixture(CAPTURED_COMMAND);
    const channel = { platform: 'discord' as const, workspace: captured.guild_id as string, channel: captured.channel_id as string };
    expect(await t.services.store.listTopics(channel)).toEqual([]);

    const added = (await t.send(slashCommand(['topics', 'add'], [{ name: 'topic', type: 3, value: 'mixture of experts' }]))).body as Reply;
    expect(added.type).toBe(4);
    expect(await t.services.store.listTopics(channel)).toEqual(['mixture of experts']);
  });

  it('answers a command it does not define, and a DM, with a friendly ephemeral note', async () => {
    const t = await harness();
    const unknown = (await t.send(fixture(DOCS_COMMAND))).body as Reply;
    expect(unknown.type).toBe(4);
    expect(unknown.data?.flags).toBe(64);
    expect(allText(unknown.data)).toContain('/paper');

    const dm = slashCommand(['search'], [{ name: 'query', type: 3, value: 'lora' }]);
    const member = dm.member as { user: unknown };
    delete dm.guild_id;
    delete dm.guild;
    delete dm.member;
    dm.user = member.user;
    const refused = (await t.send(dm)).body as Reply;
    expect(refused.data?.flags).toBe(64);
    expect(allText(refused.data)).toContain('server channels');
    expect(t.api.calls).toEqual([]);
  });

  it('answers hostile queries without pings or broken limits', async () => {
    const t = await harness();
    const hostile = ['@everyone **now** <@&123> <@!42> <#99> @here ```js\nboom```', 'x'.repeat(10_000), '', '   '];
    for (const query of hostile) {
      const reply = (await t.send(slashCommand(['search'], query === '' ? [] : [{ name: 'query', type: 3, value: query }]))).body as Reply;
      expect(reply.type).toBe(4);
      assertWithinLimits(reply.data);
      const text = allText(reply.data);
      expect(text).not.toMatch(/@(everyone|here)/);
      expect(text).not.toMatch(/<[@#]/);
    }
    const unknownSub = (await t.send(slashCommand(['frobnicate']))).body as Reply;
    expect(allText(unknownSub.data)).toContain('frobnicate');
    assertWithinLimits(unknownSub.data);
  });
});

describe('deferred replies that belong in the channel', () => {
  it('edits the private placeholder and posts the result publicly as a follow-up', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow: CommandDef = {
      kind: 'subcommand',
      name: 'announce',
      scope: 'anywhere',
      description: 'A slow command whose answer is for the channel',
      options: [],
      examples: [],
      async run() {
        await gate;
        return { visibility: 'in_channel', summary: 'Up next', blocks: [{ type: 'text', text: 'Up next: @everyone read LoRA' }] } satisfies Message;
      },
    };
    const t = await harness({ deferAfterMs: 20, commands: [...commands, slow] });
    const payload = slashCommand(['announce']);
    const res = await t.send(payload);
    expect(res.body).toEqual({ type: 5, data: { flags: 64 } });
    expect(t.api.calls).toEqual([]);
    release();
    const [followUp] = await t.api.waitFor(new RegExp(`^/webhooks/${APP_ID}/${payload.token as string}$`));
    const [edit] = t.api.callsTo(/@original$/, 'PATCH');
    expect(allText(edit!.body)).toContain('posted in the channel');
    const body = followUp!.body as { content: string; flags?: number; allowed_mentions: unknown };
    expect(followUp!.method).toBe('POST');
    expect(body.flags).toBeUndefined();
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.content).toBe('Up next: @\u200beveryone read LoRA');
    expect(t.api.calls.map((c) => c.method)).toEqual(['PATCH', 'POST']);
  });
});

describe('autocomplete', () => {
  it('offers at most 25 paper choices (names and values within 100 characters) at once', async () => {
    const t = await harness();
    const res = (await t.send(autocomplete(['show'], 'paper', 'lora'))).body as Reply;
    expect(res.type).toBe(8);
    const choices = res.data?.choices ?? [];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices.map((c) => c.value)).toContain('2106.09685');
    for (const c of choices) {
      expect(c.name.length).toBeGreaterThan(0);
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeLessThanOrEqual(100);
    }
    const many = (await t.send(autocomplete(['club', 'add'], 'paper', 'a'))).body as Reply;
    expect(many.data?.choices?.length).toBeLessThanOrEqual(25);
    expect(t.api.calls).toEqual([]);
  });

  it('offers nothing for options without paper autocomplete, or other commands (data-only fixtures)', async () => {
    const t = await harness();
    const query = (await t.send(autocomplete(['search'], 'query', 'lora'))).body as Reply;
    expect(query).toEqual({ type: 8, data: { choices: [] } });
    for (const name of ['autocomplete.data-only.discordjs-pr8086.json', 'autocomplete.data-only.dpp-comment.json']) {
      const res = (await t.send(envelope(CAPTURED_COMMAND, 4, fixture(name)))).body as Reply;
      expect(res, name).toEqual({ type: 8, data: { choices: [] } });
    }
  });
});

describe('buttons', () => {
  it('re-runs the command a button carries and replies to the clicker', async () => {
    const t = await harness();
    const search = (await t.send(slashCommand(['search'], [{ name: 'query', type: 3, value: 'lora' }]))).body as Reply;
    const show = customIds(search).find((b) => b.custom_id === 'c:show 2106.09685')!;
    const reply = (await t.send(buttonClick(show.custom_id))).body as Reply;
    expect(reply.type).toBe(4);
    expect(reply.data?.flags).toBe(64);
    expect(reply.data?.embeds?.[0]?.title).toContain('LoRA');
    expect(t.api.calls).toEqual([]);
  });

  it('posts a shared result publicly, without share buttons', async () => {
    const t = await harness();
    const show = (await t.send(slashCommand(['show'], [{ name: 'paper', type: 3, value: '2106.09685' }]))).body as Reply;
    const share = customIds(show).find((b) => b.custom_id.startsWith('s:'));
    expect(share).toBeDefined();
    const reply = (await t.send(buttonClick(share!.custom_id))).body as Reply;
    expect(reply.type).toBe(4);
    expect(reply.data?.flags).toBeUndefined();
    expect(reply.data?.allowed_mentions).toEqual({ parse: [] });
    expect(customIds(reply).some((b) => b.custom_id.startsWith('s:'))).toBe(false);
  });

  it('defers a shared result publicly and edits it in place', async () => {
    const t = await harness({ deferAfterMs: 0 });
    const click = buttonClick('s:show 2106.09685');
    const res = await t.send(click);
    expect(res.body).toEqual({ type: 5, data: {} });
    const [edit] = await t.api.waitFor(/@original$/);
    expect(edit!.route).toBe(`/webhooks/${APP_ID}/${click.token as string}/messages/@original`);
    expect(allText(edit!.body)).toContain('LoRA');
  });

  it('keeps a failed share private, answered directly', async () => {
    const t = await harness();
    const reply = (await t.send(buttonClick('s:show 9999.99999'))).body as Reply;
    expect(reply.type).toBe(4);
    expect(reply.data?.flags).toBe(64);
    expect(allText(reply.data)).toContain('No paper in the library matches');
  });

  it('keeps a failed share private when deferred: the public placeholder is deleted, the answer is a private follow-up', async () => {
    const t = await harness({ deferAfterMs: 0 });
    const click = buttonClick('s:show 9999.99999');
    const res = await t.send(click);
    expect(res.body).toEqual({ type: 5, data: {} });
    const [followUp] = await t.api.waitFor(new RegExp(`^/webhooks/${APP_ID}/[^/]+$`));
    expect((followUp!.body as { flags?: number }).flags).toBe(64);
    expect(allText(followUp!.body)).toContain('No paper in the library matches');
    expect(t.api.callsTo(/@original$/, 'PATCH')).toEqual([]);
    expect(t.api.callsTo(/@original$/, 'DELETE')).toHaveLength(1);
  });

  it('checks admin rights on button clicks too', async () => {
    const t = await harness();
    const reply = (await t.send(buttonClick('c:club add 2106.09685', { admin: false }))).body as Reply;
    expect(allText(reply.data)).toContain('Manage Channels');
  });

  it('answers foreign, expired and select-menu components with a friendly note', async () => {
    let runs = 0;
    const withLongButton: CommandDef = {
      kind: 'subcommand',
      name: 'long',
      scope: 'anywhere',
      description: 'Returns a button whose command line is over 100 characters',
      options: [],
      examples: [],
      async run() {
        runs += 1;
        const command = `search ${'mixture of experts '.repeat(8)}--page ${runs}`;
        return { visibility: 'ephemeral', summary: 'long', blocks: [{ type: 'actions', buttons: [{ label: 'Go', command }] }] };
      },
    };
    const t = await harness({ commands: [...commands, withLongButton], buttonMemory: 1 });
    const foreign = (await t.send(fixture(BUTTON))).body as Reply;
    expect(foreign.data?.flags).toBe(64);
    expect(allText(foreign.data)).toMatch(/run the \/paper command again/i);
    const select = (await t.send(fixture(SELECT))).body as Reply;
    expect(allText(select.data)).toMatch(/run the \/paper command again/i);

    const first = (await t.send(slashCommand(['long']))).body as Reply;
    const id = customIds(first)[0]!.custom_id;
    expect(id).toMatch(/^p:/);
    expect(id.length).toBeLessThanOrEqual(100);
    const works = (await t.send(buttonClick(id))).body as Reply;
    expect(allText(works.data)).toContain('Search');
    // A second long button evicts the first (memory of one): the old button has expired.
    const second = customIds((await t.send(slashCommand(['long']))).body as Reply)[0]!.custom_id;
    expect(second).not.toBe(id);
    const expired = (await t.send(buttonClick(id))).body as Reply;
    expect(expired.data?.flags).toBe(64);
    expect(allText(expired.data)).toContain('expired');
    expect(allText(((await t.send(buttonClick(second))).body as Reply).data)).toContain('Search');
    expect(t.api.calls).toEqual([]);
  });
});
