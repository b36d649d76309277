/**
 * A stand-in for export.arxiv.org/api/query that only replays recorded data:
 *  - an id_list gets a feed assembled from real <entry> elements of the recorded bodies (the
 *    feed header is the zero-result reply's, verbatim), skipping ids no recording has, exactly as
 *    the API skips ids it does not know. Nothing is made up.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../../fixtures/arxiv/', import.meta.url));

interface Recorded {
  url: string;
  status_code: number;
  body: string;
}

function recorded(name: string): Recorded {
  return JSON.parse(readFileSync(`${FIXTURES}${name}`, 'utf8')) as Recorded;
}

export const RECORDED = {
  twoIds: recorded('api-recorded-idlist-two-ids.json'),
  noResults: recorded('api-recorded-idlist-no-results.json'),
  badId: recorded('api-recorded-error-400-bad-id.json'),
  search: recorded('api-recorded-search-testing-10.json'),
};

function idListOf(url: string): string[] {
  const value = new URL(url, 'http://x').searchParams.get('id_list') ?? '';
  return value === '' ? [] : value.split(',');
}

/** Every recorded <entry>, by versionless id. */
export const RECORDED_ENTRIES: ReadonlyMap<string, string> = (() => {
  const entries = new Map<string, string>();
  for (const exchange of [RECORDED.twoIds, RECORDED.search]) {
    for (const match of exchange.body.matchAll(/ {2}<entry>[\s\S]*?<\/entry>\n/g)) {
      const id = /<id>https?:\/\/arxiv\.org\/abs\/(.+?)v\d+<\/id>/.exec(match[0])![1]!;
      entries.set(id, match[0]);
    }
  }
  return entries;
})();

export function assembledReply(ids: readonly string[]): string {
  const head = RECORDED.noResults.body.slice(0, RECORDED.noResults.body.lastIndexOf('</feed>'));
  const entries = ids.flatMap((id) => {
    const entry = RECORDED_ENTRIES.get(id);
    return entry ? [entry] : [];
  });
  return `${head}${entries.join('')}</feed>\n`;
}

/** Answers with the entries of the requested ids, like the API (tests replay whole exchanges directly). */
export function replayApi(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/atom+xml; charset=utf-8' });
  res.end(assembledReply(idListOf(req.url ?? '/')));
}

/** Serves one recorded exchange (status and body) verbatim, whatever was asked. */
export function replayExchange(exchange: Recorded) {
  return (_req: IncomingMessage, res: ServerResponse): void => {
    res.writeHead(exchange.status_code, { 'content-type': 'application/atom+xml; charset=utf-8' });
    res.end(exchange.body);
  };
}
