/**
 * What a new user does first: `npm start` with no chat tokens, type commands into the console channel.
 * Runs the real composition root as a child process against the real Redis under a throwaway prefix.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';

const prefix = `pc-e2e-${randomUUID()}`;

function runStart(input: string, env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bin/start.ts'], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        REDIS_URL: 'redis://127.0.0.1:6379',
        REDIS_PREFIX: prefix,
        // Never reach arXiv from tests: the poll scheduler may run, so point feeds at a closed port.
        ARXIV_RSS_URL: 'http://127.0.0.1:9/rss',
        ARXIV_API_URL: 'http://127.0.0.1:9/api/query',
        POLL_CRON: '0 0 1 1 *',
        ...env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

afterAll(async () => {
  const redis = new Redis('redis://127.0.0.1:6379');
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
  await redis.quit();
});

describe('npm start without chat tokens', () => {
  it('says which adapters run and why, answers console commands, and exits 0 at end of input', async () => {
    const { code, stdout, stderr } = await runStart(
      ['/paper search lora', '/paper cite 2106.09685 bibtex', '/paper topics add "mixture of experts"', '/paper topics list', '/quit', ''].join('\n'),
    );
    expect(stderr).toMatch(/console: on \(no chat platform is configured\)/);
    expect(stdout).toMatch(/LoRA: Low-Rank Adaptation of Large Language Models/);
    expect(stdout).toMatch(/eprint\s*=\s*\{2106\.09685\}/);
    expect(stdout).toMatch(/mixture of experts/);
    expect(code).toBe(0);
  }, 60_000);

  it('refuses half-configured chat credentials with one clear line', async () => {
    const { code, stderr } = await runStart('', { SLACK_BOT_TOKEN: 'xoxb-test' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/paperclub: Chat configuration is incomplete/);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  }, 60_000);
});
