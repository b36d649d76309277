/** Types for scripts/offline/sync-fetch.mjs (the tests import it). */
declare function syncFetch(url: unknown): never;
declare namespace syncFetch {
  let Headers: typeof Map;
}
export default syncFetch;
