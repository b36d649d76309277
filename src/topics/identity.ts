/**
 * When two spellings are the same tracked topic: `topics remove` must find what `topics add` stored
 * however it was typed. Identity is the topic's canonical spelling (quotes straight or typographic,
 * single or double, an explicit AND, extra spaces all read alike) without case, as matching ignores case.
 */
import { straightenQuotes } from '../text/normalize.ts';
import { parseTopic } from './parse.ts';
import { describeTopic } from './query.ts';

export function topicIdentity(topic: string): string {
  const parsed = parseTopic(topic);
  // Text that no longer parses (stored by an older version) still has an identity: its own spelling.
  const canonical = parsed.ok ? describeTopic(parsed.value) : straightenQuotes(topic);
  return canonical.trim().replace(/\s+/g, ' ').toLowerCase();
}
