// Stands in for `fetch-ponyfill` in dist/ (scripts/build.mjs), for the reason given in sync-fetch.mjs.
import { OfflineHeaders, refuse } from './refuse.mjs';

export default function fetchPonyfill() {
  return { fetch: async (url) => refuse(url), Headers: OfflineHeaders };
}
