/** How queued papers are named in club messages: title and id, or the bare id of a paper no longer in the library. */
import type { CommandServices } from '../types.ts';

export function queuedTitle(services: CommandServices, paperId: string): string {
  const entry = services.library.get(paperId);
  return entry ? `${entry.title} (${paperId})` : paperId;
}
