/**
 * The container kit, checked without a Docker daemon (there is none on these machines): compose.yaml
 * and the Dockerfile are parsed and held to what the project really is: the npm scripts' commands, the
 * entry points scripts/build.mjs compiles to dist/, the config schema's variables and defaults
 * (src/config.ts), the files the Dockerfile copies, and BullMQ's production notes for Redis. What this
 * does not prove (that the image builds and runs under Docker) is said in docs/operations.md.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ENTRY_POINTS } from '../../../scripts/build.mjs';
import { CONFIG_VARIABLES, loadConfig } from '../../../src/config.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

interface Service {
  build?: string;
  image?: string;
  command?: string[];
  env_file?: string | string[];
  environment?: Record<string, string>;
  ports?: string[];
  expose?: string[];
  volumes?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  stop_grace_period?: string;
}

const compose = parse(read('compose.yaml')) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
const defaults = loadConfig({});

/**
 * `exec node --import ./scripts/build-if-stale.mjs dist/start.js` → ['node', 'dist/start.js']: the
 * image has no sources, so it runs the build it ships without the staleness check npm start preloads.
 */
const scriptCommand = (name: string) =>
  pkg.scripts[name]!.replace(/^exec\s+/, '')
    .replace(/\s--import\s+\.\/scripts\/build-if-stale\.mjs\b/, '')
    .split(/\s+/);

/** The Dockerfile as instructions per stage (continuations joined, comments dropped). */
function dockerfile(): Array<{ from: string; name: string | null; steps: Array<{ op: string; args: string }> }> {
  const lines = read('Dockerfile').replace(/\\\n/g, ' ').split('\n');
  const stages: ReturnType<typeof dockerfile> = [];
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const [, op = '', args = ''] = /^(\S+)\s*(.*)$/.exec(trimmed) ?? [];
    if (op.toUpperCase() === 'FROM') {
      const [, from = '', name = null] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args) ?? [];
      stages.push({ from, name, steps: [] });
    } else {
      stages.at(-1)!.steps.push({ op: op.toUpperCase(), args });
    }
  }
  return stages;
}

const stages = dockerfile();
const runtime = stages.at(-1)!;
const step = (op: string) => runtime.steps.filter((s) => s.op === op).map((s) => s.args);
const execForm = (args: string) => JSON.parse(args.replace(/^CMD\s+/, '')) as string[];

describe('the Dockerfile', () => {
  it('builds in one stage and runs from a Node 20 slim image in another, as a non-root user', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.from).toMatch(/^node:20(\.[\d.]+)?-[a-z]*-?slim$/);
    const build = stages.find((s) => s.name === 'build')!;
    const runs = build.steps.filter((s) => s.op === 'RUN').map((s) => s.args).join('\n');
    expect(runs).toMatch(/\bnpm ci\b/);
    expect(runs).toMatch(/\bnpm run build\b/);
    expect(runs).toMatch(/\bnpm prune --omit=dev\b/);
    // The runtime stage takes the compiled build and production dependencies, nothing to compile with.
    expect(step('COPY')).toEqual(expect.arrayContaining(['--from=build /app/dist ./dist', '--from=build /app/node_modules ./node_modules']));
    expect(step('COPY').join('\n')).not.toMatch(/\b(src|adapters|jobs|scripts)\b/);
    const user = step('USER');
    expect(user).toHaveLength(1);
    expect(user[0]).not.toMatch(/^(root|0)(:|$)/);
  });

  it('starts the bot the way `npm start` does, from a file the build writes', () => {
    const cmd = execForm(step('CMD')[0]!);
    expect(cmd).toEqual(scriptCommand('start'));
    expect(ENTRY_POINTS[cmd[1]!.replace(/^dist\/|\.js$/g, '')]).toBe('bin/start.ts');
  });

  it('checks /healthz with node (slim has no curl) and exposes the config defaults', () => {
    const check = step('HEALTHCHECK')[0]!;
    expect(check).toMatch(/--interval=\d+s/);
    expect(check).toMatch(/CMD \["node", "bin\/healthcheck\.js"\]$/);
    expect(read('bin/healthcheck.js')).toContain('/healthz');
    // bin/healthcheck.js carries the same defaults as the config schema.
    expect(read('bin/healthcheck.js')).toMatch(new RegExp(`worker \\? ${defaults.workerPort} : ${defaults.port}`));
    expect(step('EXPOSE')[0]!.split(/\s+/).map(Number).sort()).toEqual([defaults.port, defaults.workerPort].sort());
  });

  it('copies only files that exist and that .dockerignore lets through', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#') && !l.startsWith('!'));
    for (const stage of stages) {
      for (const copy of stage.steps.filter((s) => s.op === 'COPY' && !s.args.startsWith('--from'))) {
        const sources = copy.args.split(/\s+/).slice(0, -1);
        for (const source of sources) {
          expect(existsSync(join(ROOT, source)), `${source} exists`).toBe(true);
          expect(ignored.some((pattern) => source === pattern || source.startsWith(`${pattern}/`)), `${source} is not in .dockerignore`).toBe(false);
        }
      }
    }
    for (const kept of ['node_modules', 'dist', '.env', 'data', '.git']) expect(ignored).toContain(kept);
  });
});

describe('compose.yaml', () => {
  const { bot, worker, redis } = compose.services;

  it('runs the bot, a scalable worker and Redis', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['bot', 'redis', 'worker']);
    expect(bot!.command).toEqual(scriptCommand('start'));
    expect(worker!.command).toEqual(scriptCommand('worker'));
    expect(ENTRY_POINTS['worker']).toBe('bin/worker.ts');
    // Scaled with --scale: no fixed container name, no host port a second replica would fight over.
    expect(worker).not.toHaveProperty('container_name');
    expect(worker).not.toHaveProperty('ports');
    expect(bot!.image).toBe(worker!.image);
  });

  it('gives both the env file and only variables the config schema reads', () => {
    for (const service of [bot!, worker!]) {
      expect(service.env_file).toBe('.env');
      for (const name of Object.keys(service.environment ?? {})) expect(CONFIG_VARIABLES).toContain(name);
    }
    const example = read('.env.example');
    for (const name of CONFIG_VARIABLES) expect(example).toContain(`\n${name}=`);
    // And the README's configuration table names every one.
    const readme = read('README.md');
    for (const name of CONFIG_VARIABLES) expect(readme, `README names ${name}`).toMatch(new RegExp(`^\\| \`${name}\`|, \`${name}\` \\|`, 'm'));
  });

  it('serves each process on the port its config says, and checks the worker on WORKER_PORT', () => {
    const botPort = Number(bot!.environment!['PORT']);
    expect(bot!.ports).toEqual([`127.0.0.1:${botPort}:${botPort}`]);
    const workerPort = Number(worker!.environment!['WORKER_PORT']);
    expect(worker!.expose).toEqual([String(workerPort)]);
    expect(worker!.healthcheck!.test).toEqual(['CMD', 'node', 'bin/healthcheck.js', '--worker']);
    // The image exposes both.
    expect(step('EXPOSE')[0]!.split(/\s+/).map(Number)).toEqual(expect.arrayContaining([botPort, workerPort]));
  });

  it('points every paperclub process at the redis service, and waits for it to answer', () => {
    for (const service of [bot!, worker!]) {
      expect(service.environment!['REDIS_URL']).toBe('redis://redis:6379');
      expect(service.depends_on).toEqual({ redis: { condition: 'service_healthy' } });
      // Time to finish in-flight jobs: more than BullMQ's 30 s lock.
      expect(Number.parseInt(service.stop_grace_period ?? '10', 10)).toBeGreaterThan(30);
    }
    expect(redis!.healthcheck!.test).toEqual(['CMD', 'redis-cli', 'ping']);
  });

  it('runs Redis 7 with the append-only file, noeviction, and its data on a volume', () => {
    expect(redis!.image).toMatch(/^redis:7(\b|\.)/);
    const args = redis!.command!.join(' ');
    expect(args).toMatch(/--appendonly yes/);
    expect(args).toMatch(/--maxmemory-policy noeviction/);
    expect(redis!.volumes).toEqual(['redis-data:/data']);
    expect(compose.volumes).toHaveProperty('redis-data');
  });
});
