/**
 * What the build puts in dist/ and what it leaves out, read from the source maps of the build this
 * test run made (test/setup/build.ts): choices that keep a one-shot CLI call short (docs/performance.md).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIST } from '../../../scripts/build.mjs';
import fetchPonyfill from '../../../scripts/offline/fetch-ponyfill.mjs';
import syncFetch from '../../../scripts/offline/sync-fetch.mjs';

/** Each compiled file of dist/ with the package sources compiled into it. */
function compiledSources(): Map<string, string[]> {
  const files = new Map<string, string[]>();
  for (const dir of [DIST, join(DIST, 'chunks')]) {
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.js.map'))) {
      const { sources } = JSON.parse(readFileSync(join(dir, name), 'utf8')) as { sources: string[] };
      files.set(name, sources.map((source) => source.replace(/^(\.\.\/)+/, '')));
    }
  }
  return files;
}

const filesWith = (files: Map<string, string[]>, prefix: string) => [...files].filter(([, sources]) => sources.some((s) => s.startsWith(prefix))).map(([name]) => name);

describe('dist/', () => {
  const files = compiledSources();

  it('holds one copy of luxon, the ES build, also for cron-parser', () => {
    expect(filesWith(files, 'node_modules/cron-parser/')).not.toEqual([]);
    expect(filesWith(files, 'node_modules/luxon/')).toHaveLength(1);
    expect(filesWith(files, 'node_modules/luxon/build/node/')).toEqual([]);
  });

  it('keeps citeproc apart from the rest of citation-js, so BibTeX does not load it', () => {
    const core = filesWith(files, 'node_modules/@citation-js/core/');
    const styles = filesWith(files, 'node_modules/citeproc/');
    expect(core).toHaveLength(1);
    expect(styles).toHaveLength(1);
    expect(styles).not.toEqual(core);
  });

  it('gives citation-js no way to fetch: its fetch modules are the offline stand-ins', () => {
    for (const fetcher of ['sync-fetch', 'node-fetch', 'fetch-ponyfill', 'whatwg-url']) {
      expect(filesWith(files, `node_modules/${fetcher}/`), fetcher).toEqual([]);
    }
    expect(filesWith(files, 'scripts/offline/sync-fetch.mjs')).toEqual(filesWith(files, 'node_modules/@citation-js/core/'));
  });
});

describe('the offline stand-ins', () => {
  it('refuse to fetch, saying why', async () => {
    expect(() => syncFetch('https://doi.org/10.1/x')).toThrow(/may not fetch https:\/\/doi\.org\/10\.1\/x .*offline/);
    const { fetch, Headers } = fetchPonyfill();
    await expect(fetch('https://example.org')).rejects.toThrow(/may not fetch https:\/\/example\.org/);
    expect(new Headers()).toBeInstanceOf(Map);
  });
});
