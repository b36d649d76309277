import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CronExpressionParser } from 'cron-parser';
import { checkConfig, DEFAULT_POLL_CRON, isTimeZone, loadConfig } from '../../../src/config.ts';
import { PaperclubError } from '../../../src/errors.ts';

describe('loadConfig', () => {
  it('gives documented defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.redis).toEqual({ url: undefined, prefix: 'paperclub' });
    expect(config.arxiv.categories).toEqual(['cs.CL', 'cs.LG', 'cs.AI']);
    expect(config.arxiv.rssUrl).toBe('https://rss.arxiv.org/rss');
    expect(config.pollCron).toBe('0 * * * *');
    expect(config.alertsPerPoll).toBe(10);
    expect(config.slack.adminUsers).toEqual([]);
  });

  it('treats blank values (as in a copied .env.example) as unset', () => {
    const blank = Object.fromEntries(
      readFileSync('.env.example', 'utf8')
        .split('\n')
        .filter((line) => /^[A-Z_]+=$/.test(line))
        .map((line) => [line.slice(0, -1), '']),
    );
    expect(Object.keys(blank).length).toBeGreaterThan(20);
    expect(loadConfig(blank)).toEqual(loadConfig({}));
  });

  it('parses lists and strips trailing slashes from base URLs', () => {
    const config = loadConfig({
      SLACK_ADMIN_USERS: 'U1, U2 ,',
      ARXIV_CATEGORIES: 'cs.cl+cs.AI, hep-th,cs.CL',
      SLACK_API_URL: 'http://127.0.0.1:9999/api/',
    });
    expect(config.slack.adminUsers).toEqual(['U1', 'U2']);
    expect(config.arxiv.categories).toEqual(['cs.CL', 'cs.AI', 'hep-th']);
    expect(config.slack.apiUrl).toBe('http://127.0.0.1:9999/api');
  });

  it('reports every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'eighty', ARXIV_API_URL: 'not a url', LOG_LEVEL: 'loud' });
      throw new Error('expected loadConfig to throw');
    } catch (error) {
      expect(error).toBeInstanceOf(PaperclubError);
      const e = error as PaperclubError;
      expect(e.code).toBe('config_invalid');
      expect(e.context.variables).toEqual(expect.arrayContaining(['PORT', 'ARXIV_API_URL', 'LOG_LEVEL']));
      expect(e.message).toMatch(/\.env\.example/);
    }
  });

  it('checks the cron with the scheduler\'s parser, the time zone, categories, Redis URL and switches, all in one report', () => {
    const checked = checkConfig({
      POLL_CRON: '61 * * * *',
      POLL_TZ: 'Mars/Olympus_Mons',
      ARXIV_CATEGORIES: 'cs.CL, cs.NOPE, biology',
      REDIS_URL: 'http://127.0.0.1:6379',
      DISCORD_GATEWAY: 'sometimes',
      DISCORD_PUBLIC_KEY: 'abc',
      ALERTS_PER_POLL: '0',
    });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.variables.sort()).toEqual(['ALERTS_PER_POLL', 'ARXIV_CATEGORIES', 'DISCORD_GATEWAY', 'DISCORD_PUBLIC_KEY', 'POLL_CRON', 'POLL_TZ', 'REDIS_URL']);
    const text = checked.problems.join('\n');
    expect(text).toMatch(/POLL_CRON: "61 \* \* \* \*" is not a cron pattern/);
    expect(text).toMatch(/ARXIV_CATEGORIES: not arXiv categories: cs.NOPE, biology/);
    expect(text).toMatch(/REDIS_URL: must start with redis:\/\/ or rediss:\/\//);
    expect(text).toMatch(/DISCORD_GATEWAY: must be on or off/);
  });

  it('accepts six-field crons (seconds) and a poll time zone; the gateway switch defaults to on', () => {
    const config = loadConfig({ POLL_CRON: '0 15 3 * * *', POLL_TZ: 'America/New_York', DISCORD_GATEWAY: 'OFF' });
    expect(config.pollCron).toBe('0 15 3 * * *');
    expect(config.pollTimeZone).toBe('America/New_York');
    expect(config.discord.gateway).toBe(false);
    expect(loadConfig({}).discord.gateway).toBe(true);
    expect(loadConfig({}).pollTimeZone).toBe('UTC');
  });

  it('reads the public base URL (no trailing slash) and the Message Content switch (off by default)', () => {
    const config = loadConfig({ PUBLIC_BASE_URL: 'https://club.example.org/bot/', DISCORD_MESSAGE_CONTENT: 'on' });
    expect(config.publicBaseUrl).toBe('https://club.example.org/bot');
    expect(config.discord.messageContent).toBe(true);
    expect(loadConfig({}).publicBaseUrl).toBeUndefined();
    expect(loadConfig({}).discord.messageContent).toBe(false);
    const checked = checkConfig({ PUBLIC_BASE_URL: 'paperclub.example.org', DISCORD_MESSAGE_CONTENT: 'maybe' });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.variables.sort()).toEqual(['DISCORD_MESSAGE_CONTENT', 'PUBLIC_BASE_URL']);
    expect(checkConfig({ PUBLIC_BASE_URL: 'https://user:pw@club.example.org' }).ok).toBe(false);
  });

  it('skips parsing only what is known good: the default cron, and UTC', () => {
    // checkConfig parses POLL_CRON only when it is set: the default must parse in any zone.
    for (const tz of ['UTC', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham']) {
      expect(() => CronExpressionParser.parse(DEFAULT_POLL_CRON, { tz }), tz).not.toThrow();
      expect(checkConfig({ POLL_TZ: tz }).ok, tz).toBe(true);
    }
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(checkConfig({ POLL_TZ: 'Mars/Olympus_Mons' }).ok).toBe(false);
  });

  it('rejects a cron that is bad on its own even when other variables are bad too', () => {
    const checked = checkConfig({ POLL_CRON: 'every hour', PORT: 'eighty' });
    expect(checked.ok ? [] : checked.variables.sort()).toEqual(['POLL_CRON', 'PORT']);
  });

  it('documents every variable it reads in .env.example', () => {
    const example = readFileSync('.env.example', 'utf8');
    const source = readFileSync('src/config.ts', 'utf8');
    const read = [...source.matchAll(/^ {2}([A-Z][A-Z_]+):/gm)].map((m) => m[1]);
    expect(read.length).toBeGreaterThan(20);
    for (const name of read) expect(example).toContain(`${name}=`);
  });
});
