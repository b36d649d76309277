/**
 * Starts a TypeScript module of the bench in a process of its own (`node --import tsx <module>`) with
 * an IPC channel, and resolves with its first message once it is ready. Used where the process under
 * test must not share an event loop with the code timing it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface BenchChild<Ready> {
  process: ChildProcess;
  ready: Ready;
  /** SIGTERM, then resolves once the process exited (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
}

export async function startBenchChild<Ready>(module: string, env: Record<string, string> = {}, timeoutMs = 60_000): Promise<BenchChild<Ready>> {
  const child = spawn(process.execPath, ['--import', 'tsx', module], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  const stderr: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(...chunk.toString().split('\n').filter(Boolean).slice(-20)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<Ready>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${module} was not ready within ${timeoutMs} ms: ${stderr.slice(-5).join(' | ')}`)), timeoutMs);
    child.once('message', (message) => {
      clearTimeout(timer);
      resolve(message as Ready);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${module} exited with code ${code} before it was ready: ${stderr.slice(-5).join(' | ')}`));
    });
  });
  return {
    process: child,
    ready,
    async stop(graceMs = 5_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
