/** Unwraps an ioredis MULTI/EXEC reply, rethrowing the first command error. */
export function results(replies: Array<[Error | null, unknown]> | null): unknown[] {
  if (replies === null) throw new Error('Redis transaction was aborted');
  return replies.map(([error, value]) => {
    if (error) throw error;
    return value;
  });
}
