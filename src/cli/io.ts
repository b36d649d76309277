import type { Readable, Writable } from 'node:stream';

/** The streams a CLI command talks through; tests and the bin pass their own. */
export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  stdin: Readable;
}

/** Writes and, when the stream is full, waits for it to drain: a long stdin-driven run never piles up output. */
export function write(stream: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const flushed = stream.write(text, (error) => {
      if (error) reject(error);
    });
    if (flushed) resolve();
    else stream.once('drain', resolve);
  });
}
