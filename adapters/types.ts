/**
 * What the composition root (bin/) hands every chat adapter, and what an adapter gives back.
 * An adapter only translates between its platform and the core command set.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CommandDef, CommandServices } from '../src/commands/types.ts';
import type { Logger } from '../src/log.ts';
import type { ChatPort } from '../src/ports.ts';

export interface AdapterDeps {
  commands: readonly CommandDef[];
  services: CommandServices;
  log: Logger;
}

/** A handler mounted on the one shared HTTP server (bin/http-server.ts) at a fixed path. */
export type HttpRoute = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface AdapterHealth {
  state: string;
  [detail: string]: unknown;
}

export interface RunningAdapter {
  name: 'slack' | 'discord' | 'console';
  /** Posts into this platform's channels (used by alert and digest deliveries). */
  chat: ChatPort;
  /** Routes to mount on the shared HTTP server, keyed by path (e.g. '/slack/events'). */
  routes: Record<string, HttpRoute>;
  /**
   * Settles once the adapter's first check of its credentials is clear: resolves when they work or
   * the platform cannot be reached yet (it keeps trying), rejects (config_invalid) when they are refused.
   */
  started: Promise<void>;
  /** How this adapter is doing, for /healthz: `state` first, then details. */
  health(): AdapterHealth;
  /** Stop receiving, finish in-flight work, close connections. */
  stop(): Promise<void>;
}
