import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
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
      ARXIV_CATEGORIES: 'cs.CL+cs.AI, hep-th',
      SLACK_API_URL: 'http://127.0.0.1:9999/api/',
    });
    expect(config.slack.adminUsers).toEqual(['U1', 'U2']);
    expect(config.arxiv.categories).toEqual(['cs.CL+cs.AI', 'hep-th']);
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

  it('documents every variable it reads in .env.example', () => {
    const example = readFileSync('.env.example', 'utf8');
    const source = readFileSync('src/config.ts', 'utf8');
    const read = [...source.matchAll(/^ {2}([A-Z][A-Z_]+):/gm)].map((m) => m[1]);
    expect(read.length).toBeGreaterThan(20);
    for (const name of read) expect(example).toContain(`${name}=`);
  });
});
