/**
 * arXiv's terms of use allow at most one request every 3 seconds on a single connection. A
 * RequestSpacer runs tasks one at a time and keeps at least `minIntervalMs` between the START of
 * one request and the start of the next. It limits this process only: the job runner adds its own
 * cross-worker limit (see docs/arxiv.md).
 */
import { requestedWaitMs } from './http.ts';

export const ARXIV_MIN_INTERVAL_MS = 3000;

export interface SpacerTiming {
  /** Milliseconds since some fixed point (Date.now by default). */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realTiming: SpacerTiming = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Anything that runs arXiv requests one at a time with spacing: this process's spacer or the shared gate. */
export interface ArxivRequestGate {
  run<T>(task: () => Promise<T>): Promise<T>;
}

export class RequestSpacer implements ArxivRequestGate {
  readonly minIntervalMs: number;
  private readonly timing: SpacerTiming;
  private lastStart: number | null = null;
  // Tail of the queue: each task waits for the previous one to have STARTED plus the interval.
  private tail: Promise<void> = Promise.resolve();

  constructor(options: { minIntervalMs?: number; timing?: SpacerTiming } = {}) {
    this.minIntervalMs = options.minIntervalMs ?? ARXIV_MIN_INTERVAL_MS;
    if (!(this.minIntervalMs >= 0)) throw new RangeError(`minIntervalMs must be >= 0, got ${this.minIntervalMs}`);
    this.timing = options.timing ?? realTiming;
  }

  /**
   * Runs `task` once its turn comes; resolves or rejects with the task's own result. A failure that
   * carries arXiv's Retry-After (429, 503) pushes the next start back until then.
   */
  run<T>(task: () => Promise<T>): Promise<T> {
    const turn = this.tail.then(() => this.waitForSlot());
    // The next task may start its own wait once this one has started, whatever the outcome.
    this.tail = turn;
    return turn.then(task).catch((error: unknown) => {
      const wait = requestedWaitMs(error);
      if (wait !== undefined) this.lastStart = Math.max(this.lastStart ?? 0, this.timing.now() + wait - this.minIntervalMs);
      throw error;
    });
  }

  private async waitForSlot(): Promise<void> {
    if (this.lastStart !== null) {
      const wait = this.lastStart + this.minIntervalMs - this.timing.now();
      if (wait > 0) await this.timing.sleep(wait);
    }
    this.lastStart = this.timing.now();
  }
}
