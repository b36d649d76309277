/** The admin commands against real Redis and the replayed feed: what operators and scripts see. */
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAdmin, type AdminDeps } from '../../../bin/admin-cli.ts';
import { createConsoleChat } from '../../../adapters/console/chat.ts';
import { FAST, fixture, fixedClock, jobsHarness, REDIS, RecordingPort, type JobsHarness } from './harness.ts';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe('admin CLI', () => {
  let h: JobsHarness;
  let deps: AdminDeps;
  let printed: string[];
  const run = async (...argv: string[]): Promise<Run> => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const out: string[] = [];
    const err: string[] = [];
    stdout.on('data', (c: Buffer) => out.push(c.toString()));
    stderr.on('data', (c: Buffer) => err.push(c.toString()));
    const code = await runAdmin(argv, { stdout, stderr, stdin: new PassThrough() }, deps);
    return { code, stdout: out.join(''), stderr: err.join('') };
  };

  beforeEach(async () => {
    h = await jobsHarness();
    printed = [];
    deps = {
      config: h.config(),
      store: h.store,
      library: h.library,
      log: h.log,
      redis: REDIS,
      clock: fixedClock(),
      chat: { console: createConsoleChat((text) => printed.push(text)), slack: new RecordingPort('slack') },
      tuning: FAST,
    };
  });
  afterEach(async () => {
    await h.teardown();
  });

  it('adds, lists and removes topics with the same validation as the chat command', async () => {
    expect(await run('topics', 'add', '--channel', 'console:lab', '"mixture', 'of', 'experts"')).toMatchObject({ code: 0, stdout: 'Tracking "mixture of experts" in console:lab.\n' });
    expect((await run('topics', 'add', '--channel=console:lab', 'au:"Tri Dao"')).code).toBe(0);
    expect((await run('topics', 'add', '--channel', 'console:lab', 'au:"Tri Dao"')).stdout).toBe('console:lab already tracks au:"Tri Dao".\n');
    const bad = await run('topics', 'add', '--channel', 'console:lab', 'cat:cs.XYZ');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^paperclub: `cat:cs.XYZ` is not an arXiv category/);
    expect(await run('topics', 'list', '--channel', 'console:lab', '--json')).toMatchObject({ code: 0, stdout: '["\\"mixture of experts\\"","au:\\"Tri Dao\\""]\n' });
    expect((await run('topics', 'remove', '--channel', 'console:lab', 'au:"Tri Dao"')).code).toBe(0);
    expect((await run('topics', 'list', '--channel', 'console:lab')).stdout).toBe('"mixture of experts"\n');
  });

  it('rejects bad channel addresses and unknown commands with one clear line', async () => {
    const bad = await run('topics', 'list', '--channel', 'irc:#ml');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/"irc" is not a platform/);
    expect((await run('topics', 'list')).stderr).toMatch(/needs --channel <address>/);
    expect((await run('frobnicate')).stderr).toMatch(/"frobnicate" is not an admin command/);
    expect((await run('poll')).stderr).toMatch(/use `poll --once`/);
  });

  it('schedules, previews and turns off the digest; status shows it', async () => {
    const scheduled = await run('digest', 'schedule', 'mon', '09:30', 'Europe/Berlin', '--channel', 'slack:T1/C1');
    expect(scheduled.code).toBe(0);
    expect(scheduled.stdout).toMatch(/^The digest for slack:T1\/C1 is posted every Monday at 09:30 \(Europe\/Berlin\)\. Next: Mon .* 09:30 Europe\/Berlin\.\n$/);
    const bad = await run('digest', 'schedule', 'someday', '09:30', 'Europe/Berlin', '--channel', 'slack:T1/C1');
    expect(bad.stderr).toMatch(/"someday" is not a weekday/);

    const preview = await run('digest', 'preview', '--channel', 'slack:T1/C1');
    expect(preview.code).toBe(0);
    expect(preview.stdout).toMatch(/Paper club digest/);
    expect(preview.stdout).toMatch(/A quiet week/);

    const status = JSON.parse((await run('status', '--json')).stdout) as { channels: Array<{ channel: string; digest: string; nextDigest: string }> };
    expect(status.channels).toEqual([
      expect.objectContaining({ channel: 'slack:T1/C1', digest: 'every Monday at 09:30 (Europe/Berlin)', nextDigest: expect.stringMatching(/^20\d\d-/) }),
    ]);

    expect((await run('digest', 'off', '--channel', 'slack:T1/C1')).stdout).toBe('The weekly digest is off for slack:T1/C1.\n');
    expect(await h.store.getSchedule({ platform: 'slack', workspace: 'T1', channel: 'C1' })).toBeNull();
  });

  it('status flags an empty feed when an announcement was due, and not an empty weekend feed', async () => {
    const emptyFeed = fixture('rss2-quant-ph-2025-04-28.xml').replace(/<item>[\s\S]*<\/item>/, '');
    // Monday: Sunday evening's announcement should be in the feed.
    h.feeds.script({ status: 200, body: emptyFeed });
    await run('poll', '--once');
    const monday = await run('status');
    expect(monday.stdout).toMatch(/quant-ph: empty, 0 item\(s\) .*should list papers.*<-- needs attention/);
    const json = JSON.parse((await run('status', '--json')).stdout) as { polls: Array<{ category: string; needsAttention: boolean }> };
    expect(json.polls).toEqual([expect.objectContaining({ category: 'quant-ph', needsAttention: true })]);

    // Sunday: nothing was announced on Saturday evening, so an empty feed is normal.
    deps = { ...deps, clock: fixedClock(new Date('2025-04-27T15:00:00Z')) };
    h.feeds.script({ status: 200, body: emptyFeed });
    await run('poll', '--once');
    const sunday = await run('status');
    expect(sunday.stdout).toMatch(/quant-ph: empty, 0 item\(s\)/);
    expect(sunday.stdout).not.toContain('needs attention');
  });

  it('poll --once delivers, waits for the deliveries and reports; status shows the feed and a blocked channel', async () => {
    await run('topics', 'add', '--channel', 'console:lab', 'au:"Rodney Van Meter"');
    const polled = await run('poll', '--once');
    expect(polled.code).toBe(0);
    expect(polled.stdout).toBe(
      'Polled 1 feed(s): 81 item(s), 0 not modified, 0 failed.\n5 new match(es) in 1 channel(s): 5 paper(s) posted, 0 delivery job(s) failed.\n',
    );
    expect(printed.filter((p) => p.includes('posted in console:lab'))).toHaveLength(5);

    await h.store.blockChannel({ platform: 'slack', workspace: 'T1', channel: 'C9' }, 'channel_not_found', new Date('2025-04-28T10:00:00Z'));
    await run('topics', 'add', '--channel', 'slack:T1/C9', 'cat:cs.LG');
    const status = await run('status');
    expect(status.stdout).toMatch(/quant-ph: ok, 81 item\(s\)/);
    expect(status.stdout).toMatch(/slack:T1\/C9: 1 topic\(s\) \(cat:cs\.LG\)\n {4}digest: off\n {4}BLOCKED since 2025-04-28T10:00:00.000Z: channel_not_found/);
    expect(status.stdout).toMatch(/deliver: waiting 0, active 0, delayed 0, failed 0, completed 5/);
    expect(status.stdout).toContain('paperclub resume --channel slack:T1/C9');

    // A poll while it is blocked holds the channel's new paper back, with its age.
    await run('poll', '--once');
    const held = await run('status');
    expect(held.stdout).toMatch(/slack:T1\/C9: 1 topic\(s\)[^]*held back: 1 paper\(s\), waiting since \d{4}-/);
    expect(JSON.parse((await run('status', '--json')).stdout).channels.find((c: { channel: string }) => c.channel === 'slack:T1/C9').heldBack).toMatchObject({ papers: 1 });

    const resumed = await run('resume', '--channel', 'slack:T1/C9');
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/Deliveries to slack:T1\/C9 resume \(they had stopped: channel_not_found\)\. 1 held-back paper\(s\), the oldest waiting since .* \(\d+ min ago\), are queued for delivery now\./);
    expect(resumed.stdout).toMatch(/No delivery worker is running right now/);
    // The next process with workers posts it, whatever the feed says.
    await run('poll', '--once');
    expect((deps.chat.slack as RecordingPort).posts.map((p) => p.channel)).toEqual(['slack:T1/C9']);
    expect((await h.store.channelHealth({ platform: 'slack', workspace: 'T1', channel: 'C9' })).blockedReason).toBeNull();
    expect((await run('resume', '--channel', 'slack:T1/C9')).stdout).toMatch(/not stopped and nothing is held back; nothing to resume/);
    expect((await run('resume')).stderr).toMatch(/needs --channel/);
  });
});
