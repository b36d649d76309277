/**
 * The operator CLI against real Redis, the job runner and the replayed feed: chat commands with
 * --channel and --as-admin, and the operator commands (poll --once, status --all, resume), through the
 * CLI adapter and bin/admin-cli.ts's wiring exactly as `paperclub` runs them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConsoleChat } from '../../../adapters/console/chat.ts';
import { cliUnderTest, type CliUnderTest } from '../../helpers/cli.ts';
import { FAST, fixture, fixedClock, jobsHarness, REDIS, RecordingPort, type JobsHarness } from './harness.ts';

describe('operator CLI', () => {
  let h: JobsHarness;
  let cli: CliUnderTest;
  let slack: RecordingPort;
  let printed: string[];

  const make = (clock = fixedClock()) => {
    printed = [];
    cli = cliUnderTest({
      library: h.library,
      log: h.log,
      clock,
      wiring: {
        config: h.config(),
        redis: { options: REDIS, store: h.store },
        chat: { console: createConsoleChat((text) => printed.push(text)), slack },
        tuning: FAST,
      },
    });
  };

  beforeEach(async () => {
    h = await jobsHarness();
    slack = new RecordingPort('slack');
    make();
  });
  afterEach(async () => {
    await h.teardown();
  });

  it('adds, lists and removes topics with the chat command, as the channel admin', async () => {
    const added = await cli.run('topics', 'add', '--channel', 'console:lab', '--as-admin', '"mixture', 'of', 'experts"');
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toMatch(/^Now tracking "mixture of experts"\.\n/);
    // The shell removed the quotes: a word with spaces is one phrase, as in chat.
    expect((await cli.run('topics', 'add', '--channel=console:lab', '--as-admin', 'au:Tri Dao')).stdout).toContain('Now tracking au:"Tri Dao".');
    expect((await cli.run('topics', 'add', '--channel', 'console:lab', '--as-admin', 'au:"Tri Dao"')).stdout).toContain('This channel already tracks au:"Tri Dao".');
    const bad = await cli.run('topics', 'add', '--channel', 'console:lab', '--as-admin', 'cat:cs.XYZ');
    expect(bad).toMatchObject({ code: 1, stdout: '' });
    expect(bad.stderr).toMatch(/^paperclub: That topic can't be tracked: `cat:cs.XYZ` is not an arXiv category/);
    expect(await cli.run('topics', 'list', '--channel', 'console:lab', '--json')).toMatchObject({ code: 0, stdout: '["\\"mixture of experts\\"","au:\\"Tri Dao\\""]\n' });
    expect((await cli.run('topics', 'remove', '--channel', 'console:lab', '--as-admin', 'au:"Tri Dao"')).code).toBe(0);
    expect(await h.store.listTopics({ platform: 'console', workspace: '', channel: 'lab' })).toEqual(['"mixture of experts"']);
  });

  it('runs admin commands only with --as-admin, and says so', async () => {
    const refused = await cli.run('topics', 'add', 'rope', '--channel', 'console:lab');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^paperclub: Only the channel's admins \(add --as-admin to act as one\) can run `topics add`/);
    expect(await h.store.listTopics({ platform: 'console', workspace: '', channel: 'lab' })).toEqual([]);
  });

  it('rejects bad channel addresses, a missing channel and unknown commands with one clear line', async () => {
    const bad = await cli.run('topics', 'list', '--channel', 'irc:#ml');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^paperclub: "irc" is not a platform[^\n]*\n$/);
    expect((await cli.run('topics', 'list')).stderr).toMatch(/`topics list` acts on one channel: name it with --channel <address>/);
    expect((await cli.run('resume')).stderr).toMatch(/`resume` acts on one channel/);
    expect((await cli.run('frobnicate')).stderr).toMatch(/There is no `frobnicate` command/);
    expect((await cli.run('poll')).stderr).toMatch(/`poll` needs `--once`/);
  });

  it('schedules, previews and turns off the digest; status --all shows it', async () => {
    const scheduled = await cli.run('digest', 'schedule', 'mon', '09:30', 'Europe/Berlin', '--channel', 'slack:T1/C1', '--as-admin');
    expect(scheduled.code).toBe(0);
    expect(scheduled.stdout).toMatch(/^The digest will be posted here every Monday at 09:30 \(Europe\/Berlin\)\. The next one is due Mon .* 09:30 Europe\/Berlin\.\n/);
    const bad = await cli.run('digest', 'schedule', 'someday', '09:30', 'Europe/Berlin', '--channel', 'slack:T1/C1', '--as-admin');
    expect(bad.stderr).toMatch(/"someday" is not a weekday/);
    const abbreviation = await cli.run('digest', 'schedule', 'mon', '09:30', 'EST', '--channel', 'slack:T1/C1', '--as-admin');
    expect(abbreviation.stderr).toMatch(/"EST" is an abbreviation.*America\/New_York/);

    const preview = await cli.run('digest', 'preview', '--channel', 'slack:T1/C1');
    expect(preview.code).toBe(0);
    expect(preview.stdout).toMatch(/Paper club digest/);
    expect(preview.stdout).toMatch(/A quiet week/);

    const status = JSON.parse((await cli.run('status', '--all', '--json')).stdout) as { channels: Array<{ channel: string; digest: string; nextDigest: string }> };
    expect(status.channels).toEqual([
      expect.objectContaining({ channel: 'slack:T1/C1', digest: 'every Monday at 09:30 (Europe/Berlin)', nextDigest: expect.stringMatching(/^20\d\d-/) }),
    ]);

    expect((await cli.run('digest', 'off', '--channel', 'slack:T1/C1', '--as-admin')).stdout).toMatch(/^The weekly digest is off for this channel\./);
    expect(await h.store.getSchedule({ platform: 'slack', workspace: 'T1', channel: 'C1' })).toBeNull();
  });

  it('digest schedule rolls back when the job runner refuses (the CLI used to keep the new schedule)', async () => {
    const channel = { platform: 'slack' as const, workspace: 'T1', channel: 'C2' };
    expect((await cli.run('digest', 'schedule', 'fri', '16:00', 'UTC', '--channel', 'slack:T1/C2', '--as-admin')).code).toBe(0);
    const refusing = cliUnderTest({
      ...cli.options,
      services: (services) => ({
        ...services,
        digests: { ...services.digests, schedule: () => Promise.reject(new Error('queue unreachable')) },
      }),
    });
    const failed = await refusing.run('digest', 'schedule', 'mon', '09:00', 'UTC', '--channel', 'slack:T1/C2', '--as-admin');
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^paperclub: unexpected error: queue unreachable\n$/);
    expect(await h.store.getSchedule(channel)).toEqual({ weekday: 5, hour: 16, minute: 0, timeZone: 'UTC' });
  });

  it('status flags an empty feed when an announcement was due, and not an empty weekend feed', async () => {
    const emptyFeed = fixture('rss2-quant-ph-2025-04-28.xml').replace(/<item>[\s\S]*<\/item>/, '');
    // Monday: Sunday evening's announcement should be in the feed.
    h.feeds.script({ status: 200, body: emptyFeed });
    await cli.run('poll', '--once');
    const monday = await cli.run('status');
    expect(monday.stdout).toMatch(/quant-ph: empty \([^\n]*should list papers[^\n]*\(needs attention\)/);
    const json = JSON.parse((await cli.run('status', '--json')).stdout) as { polls: Array<{ category: string; needsAttention: boolean }> };
    expect(json.polls).toEqual([expect.objectContaining({ category: 'quant-ph', needsAttention: true })]);
    // The chat status of a channel says the same.
    expect((await cli.run('status', '--channel', 'console:lab')).stdout).toMatch(/quant-ph: empty[^\n]*\(needs attention\)/);

    // Sunday: nothing was announced on Saturday evening, so an empty feed is normal.
    make(fixedClock(new Date('2025-04-27T15:00:00Z')));
    h.feeds.script({ status: 200, body: emptyFeed });
    await cli.run('poll', '--once');
    const sunday = await cli.run('status');
    expect(sunday.stdout).toMatch(/quant-ph: empty/);
    expect(sunday.stdout).not.toContain('needs attention');
  });

  it('poll --once delivers, waits for the deliveries and reports; status shows the feed and a blocked channel; resume restarts it', async () => {
    await cli.run('topics', 'add', '--channel', 'console:lab', '--as-admin', 'au:"Rodney Van Meter"');
    const polled = await cli.run('poll', '--once');
    expect(polled).toMatchObject({ code: 0, stderr: '' });
    expect(polled.stdout).toBe(
      'Polled 1 feed(s): 81 item(s), 0 not modified, 0 failed.\n5 new match(es) in 1 channel(s): 5 paper(s) posted, 0 delivery job(s) failed.\n',
    );
    expect(printed.filter((p) => p.includes('posted in console:lab'))).toHaveLength(5);
    const again = JSON.parse((await cli.run('poll', '--once', '--json')).stdout) as { matched: number; posted: number };
    expect(again).toMatchObject({ matched: 0, posted: 0 });

    await h.store.blockChannel({ platform: 'slack', workspace: 'T1', channel: 'C9' }, 'channel_not_found', new Date('2025-04-28T10:00:00Z'));
    await cli.run('topics', 'add', '--channel', 'slack:T1/C9', '--as-admin', 'cat:cs.LG');
    const status = await cli.run('status', '--all');
    expect(status.stdout).toMatch(/quant-ph: ok, 81 items/);
    expect(status.stdout).toMatch(/slack:T1\/C9: 1 topic\(s\): cat:cs\.LG; digest off; deliveries STOPPED since 2025-04-28T10:00:00.000Z: channel_not_found\./);
    expect(status.stdout).toMatch(/deliver: waiting 0, active 0, delayed 0, failed 0, completed 5/);
    expect(status.stdout).toContain('paperclub resume --channel slack:T1/C9');

    // A poll while it is blocked holds the channel's new paper back, with its age; chat status says so too.
    await cli.run('poll', '--once');
    expect((await cli.run('status', '--all')).stdout).toMatch(/slack:T1\/C9: 1 topic\(s\): cat:cs\.LG; digest off; 1 paper\(s\) held back, waiting since \d{4}-/);
    const all = JSON.parse((await cli.run('status', '--all', '--json')).stdout) as { channels: Array<{ channel: string; heldBack: unknown }> };
    expect(all.channels.find((c) => c.channel === 'slack:T1/C9')?.heldBack).toMatchObject({ papers: 1 });
    expect((await cli.run('status', '--channel', 'slack:T1/C9')).stdout).toMatch(/stopped: channel_not_found \(since 2025-04-28T10:00:00.000Z\); 1 paper\(s\) held back/);
    expect(slack.posts).toEqual([]);

    const resumed = await cli.run('resume', '--channel', 'slack:T1/C9');
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(
      /Deliveries to slack:T1\/C9 resume \(they had stopped: channel_not_found, since 2025-04-28T10:00:00.000Z\)\. 1 held-back paper\(s\), the oldest waiting since \d{4}-[^,]*, are queued for delivery now\./,
    );
    expect(resumed.stdout).toMatch(/No delivery worker is running right now/);
    expect((await h.store.channelHealth({ platform: 'slack', workspace: 'T1', channel: 'C9' })).blockedReason).toBeNull();
    // The next process with workers posts it, whatever the feed says.
    await cli.run('poll', '--once');
    expect(slack.posts.map((p) => p.channel)).toEqual(['slack:T1/C9']);
    expect(JSON.parse((await cli.run('resume', '--channel', 'slack:T1/C9', '--json')).stdout)).toEqual({
      channel: 'slack:T1/C9',
      stopped: null,
      heldBack: 0,
      oldestSince: null,
      workersOnline: 0,
    });
  });

  it('--share posts the answer into the channel for everyone', async () => {
    const shared = await cli.run('digest', 'preview', '--channel', 'slack:T1/C5', '--share');
    expect(shared.stderr).toBe('');
    expect(shared.code).toBe(0);
    expect(shared.stdout).toContain('Shared in slack:T1/C5.');
    const [post] = slack.postsTo({ platform: 'slack', workspace: 'T1', channel: 'C5' });
    expect(post?.message.visibility).toBe('in_channel');
    expect(post?.message.summary).toBe('Paper club digest');
    expect((await cli.run('status', '--share')).stderr).toMatch(/--share posts into a channel: name it with --channel/);
  });
});
