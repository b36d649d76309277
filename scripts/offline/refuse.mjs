// What the offline stand-ins share. Not Node's own Headers: reading `globalThis.Headers` loads undici
// (~15 ms), and citation-js only compares against this class (instanceof) on its way to a fetch.
export class OfflineHeaders extends Map {}

export function refuse(url) {
  throw new Error(`paperclub: citation-js may not fetch ${String(url)} (citations are formatted offline)`);
}
