/**
 * What a new user does first: `npm start` with no chat tokens, type commands into the console channel.
 * Runs the real composition root as a child process against the real Redis under a throwaway prefix.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { processEnv } from './processes.ts';

const env = processEnv('e2e-start');

function runStart(input: string, extra: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = env.spawn('start', extra);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

afterAll(() => env.cleanup());

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

  it('ends the session quietly when its reader goes away (`npm start | head`), exit 0', async () => {
    const child = env.spawn('start');
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.stdin.write('search lora\n');
    // The first answer arrives; then the reader closes its end, as `head` does once it has its lines.
    await new Promise((resolve) => child.stdout.once('data', resolve));
    child.stdout.destroy();
    // The next answers meet a closed pipe (EPIPE).
    for (let i = 0; i < 5; i += 1) child.stdin.write('search attention\n');
    expect(await exited).toBe(0);
    expect(stderr).not.toMatch(/EPIPE|Unhandled|\n\s+at /);
    child.stdin.destroy();
  }, 60_000);

  it('refuses half-configured chat credentials with one clear line', async () => {
    const { code, stderr } = await runStart('', { SLACK_BOT_TOKEN: 'xoxb-test' });
    expect(code).toBe(2);
    expect(stderr).toMatch(/paperclub: Chat configuration is incomplete/);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  }, 60_000);

  it('refuses invalid configuration with one message naming every bad variable, exit code 2', async () => {
    const { code, stderr } = await runStart('', { POLL_CRON: '99 * * * *', ARXIV_CATEGORIES: 'cs.NOPE', POLL_TZ: 'Nowhere/City', PORT: 'eighty' });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^paperclub: Invalid configuration/m);
    for (const variable of ['POLL_CRON', 'ARXIV_CATEGORIES', 'POLL_TZ', 'PORT']) expect(stderr).toContain(`  ${variable}: `);
    expect(stderr.match(/paperclub:/g)).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
