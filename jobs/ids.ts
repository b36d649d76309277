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

/** The club's announcement scheduler for a channel: `club|slack%3AT1%2FC1`. */
export function clubSchedulerId(channel: ChannelAddress): string {
  return `club|${part(formatChannelAddress(channel))}`;
}

export function isClubSchedulerId(id: string): boolean {
  return id.startsWith('club|');
}

/** A catch-up job for one session's announcement (due now, not at a planned time): one per session, ever. */
export function announceJobId(channel: ChannelAddress, sessionAt: Date): string {
  return `club-announce|${part(formatChannelAddress(channel))}|${sessionAt.getTime()}`;
}

/** The delivery of one session's announcement: `club-announce:2025-03-11T16:00:00.000Z`. */
export function announcementDeliveryId(sessionAt: Date): string {
  return `club-announce:${sessionAt.toISOString()}`;
}

/** The first message in that session's discussion thread. */
export function threadOpenerDeliveryId(sessionAt: Date): string {
  return `club-thread:${sessionAt.toISOString()}`;
}

/** Redis keys for the runner's own state, next to the store's keys under the same prefix. */
export function jobKeys(prefix: string) {
  return {
    /** Hash: feed URL → JSON validators (ETag, Last-Modified) and the last feed date seen. */
    feedState: `${prefix}:jobs:feed-state`,
  };
}

export type JobKeys = ReturnType<typeof jobKeys>;
