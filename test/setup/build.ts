/**
 * Builds dist/ once per test run (when stale), before any test file starts: the end-to-end tests run
 * the compiled entry points the way production does, and parallel test files must not each build.
 */
import { buildIfStale } from '../../scripts/build.mjs';

export default async function setup(): Promise<void> {
  await buildIfStale();
}
