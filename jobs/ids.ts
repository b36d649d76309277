/**
 * Deterministic job ids and the delivery ids they carry. BullMQ refuses custom job ids with ':'
 * (except its own legacy three-part form), and channel addresses contain ':' and '/', so the parts are
 * URI-encoded and joined with '|', which encodeURIComponent always escapes: two different (channel,
 * delivery) pairs can never share an id.
 */
import { formatChannelAddress, type ChannelAddress } from '../src/channel-address.ts';

const part = (text: string): string => encodeURIComponent(text);

/** The delivery that posts one alert: `alert:2504.17830`. */
export function alertDeliveryId(arxivId: string): string {
  return `alert:${arxivId}`;
}

/** The delivery that posts one summary of the papers past a poll's budget: `summary:<poll id>`. */
export function summaryDeliveryId(label: string): string {
  return `summary:${label}`;
}

/** The delivery of one scheduled digest run (the scheduler's job id names the run). */
export function digestDeliveryId(runId: string): string {
  return `digest:${runId}`;
}

export function isSummaryDelivery(deliveryId: string): boolean {
  return deliveryId.startsWith('summary:');
}

/** `delivery|slack%3AT1%2FC1|alert%3A2504.17830`: one job per (channel, delivery), ever. */
export function deliveryJobId(channel: ChannelAddress, deliveryId: string): string {
  return `delivery|${part(formatChannelAddress(channel))}|${part(deliveryId)}`;
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
  };
}

export type JobKeys = ReturnType<typeof jobKeys>;
