/** The real seed lists, read once for the library tests. */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const SEEDS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../seeds');
export const FIXTURES_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/library');

export const CHICAGO = '000_00da46f7ab19bbaf.txt';
export const NOTES = '001_82245a8613bc4d3f.txt';
export const TABLE = '002_aecb128355791bda.txt';
export const NUMBERED = '003_d9ab4b24365583c9.txt';
export const OUTLINE = '004_c9da5a9524245a2d.txt';

export function seedText(file: string): string {
  return readFileSync(join(SEEDS_DIR, file), 'utf8');
}

export function allSeeds(): Array<{ file: string; text: string }> {
  return readdirSync(SEEDS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => ({ file, text: seedText(file) }));
}
