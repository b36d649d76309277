/**
 * Deterministic job ids and Redis keys owned by the job runner. BullMQ refuses custom job ids with
 * ':' (except its own legacy three-part form), and channel addresses contain ':' and '/', so the
 * parts are URI-encoded and joined with '|', which encodeURIComponent always escapes: two different
 * (channel, paper) pairs can never share an id.
 */
import { formatChannelAddress, type ChannelAddress } from '../src/channel-address.ts';

const part = (text: string): string => encodeURIComponent(text);

/** `alert|slack%3AT1%2FC1|2504.17830`: one delivery job per (channel, paper), ever. */
export function alertJobId(channel: ChannelAddress, arxivId: string): string {
  return `alert|${part(formatChannelAddress(channel))}|${part(arxivId)}`;
}

export function summaryJobId(channel: ChannelAddress, pollId: string): string {
  return `summary|${part(formatChannelAddress(channel))}|${part(pollId)}`;
}

export function digestSchedulerId(channel: ChannelAddress): string {
  return `digest|${part(formatChannelAddress(channel))}`;
}

export function isDigestSchedulerId(id: string): boolean {
  return id.startsWith('digest|');
}

/** Redis keys for the runner's own state, next to the store's keys under the same prefix. */
export function jobKeys(prefix: string) {
  return {
    /** Hash: feed URL → JSON validators (ETag, Last-Modified) and the last feed date seen. */
    feedState: `${prefix}:jobs:feed-state`,
    /** Hash per channel: arXiv id → delivery state (see delivery-state.ts). */
    deliveries: (channel: ChannelAddress) => `${prefix}:jobs:deliveries:${part(formatChannelAddress(channel))}`,
    /** The per-channel pacing gate (one message a second). */
    pace: (channel: ChannelAddress) => `${prefix}:jobs:pace:${part(formatChannelAddress(channel))}`,
    /** Digest posts in flight, per scheduled run, so a crashed run is not posted twice. */
    digestRun: (jobId: string) => `${prefix}:jobs:digest-run:${part(jobId)}`,
  };
}

export type JobKeys = ReturnType<typeof jobKeys>;
