/**
 * paperclub's version, from the package.json one level above the calling entry point (bin/*.ts and
 * dist/*.js both sit one level down). Entry points pass their own `import.meta.url`: shared code is
 * bundled into dist/chunks/, one level deeper, where `../package.json` would miss.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function packageVersion(entryUrl: string): string {
  const path = fileURLToPath(new URL('../package.json', entryUrl));
  return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
}
