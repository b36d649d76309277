/**
 * Runs the work that follows an acknowledgement one job per turn of the event loop, in arrival order.
 *
 * Acks and command work share one event loop. A job's synchronous part (search, citeproc, Block Kit)
 * runs in its own `setImmediate` turn, and the loop polls for I/O before the next turn, so a request
 * that arrives during a burst is read, checked and acknowledged after at most one job instead of
 * after every job queued before it. (A plain `setImmediate` per job is not enough: Node runs every
 * immediate queued before the check phase back to back.) A job that awaits I/O does not hold the
 * queue: the next job starts on the next turn; only the starts are serialised.
 */
export class TurnQueue {
  readonly #jobs: Array<() => void> = [];
  #scheduled = false;

  /** Jobs waiting for their turn. */
  get waiting(): number {
    return this.#jobs.length;
  }

  /** Runs `job` on a later turn; settles with its result. */
  run<T>(job: () => T | Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#jobs.push(() => {
        try {
          Promise.resolve(job()).then(resolve, reject);
        } catch (error) {
          reject(error);
        }
      });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled || this.#jobs.length === 0) return;
    this.#scheduled = true;
    setImmediate(this.#turn);
  }

  readonly #turn = (): void => {
    this.#scheduled = false;
    this.#jobs.shift()?.();
    this.#schedule();
  };
}
