/** Types for scripts/offline/fetch-ponyfill.mjs (the tests import it). */
export default function fetchPonyfill(): { fetch(url: unknown): Promise<never>; Headers: typeof Map };
