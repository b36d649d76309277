/** Reads the recorded arXiv fixtures (see test/fixtures/arxiv/SOURCES.md). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ARXIV_FIXTURES = fileURLToPath(new URL('../../fixtures/arxiv/', import.meta.url));

export function arxivFixture(name: string): string {
  return readFileSync(`${ARXIV_FIXTURES}${name}`, 'utf8');
}
