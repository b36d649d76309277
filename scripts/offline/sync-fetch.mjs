// Stands in for `sync-fetch` in dist/ (scripts/build.mjs): paperclub hands citation-js CSL data only and
// never lets it fetch (docs/citations.md), and the real module loads node-fetch and whatwg-url (~20 ms of
// every `paperclub cite`). Anything that did try to fetch gets an error saying so.
import { OfflineHeaders, refuse } from './refuse.mjs';

function syncFetch(url) {
  refuse(url);
}
syncFetch.Headers = OfflineHeaders;

export default syncFetch;
