/**
 * What `npm pack` ships and what package.json declares: runtime files only (the compiled build, the
 * bin, the seeds, the Slack manifest, the licence and docs an operator starts from), and dependencies
 * that the runtime really imports, with test and build-only tools in devDependencies.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_PACKAGES, ENTRY_POINTS } from '../../../scripts/build.mjs';

const ROOT = new URL('../../../', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  engines: { node: string };
};

/** What may ship: each file of the tarball must match one of these. */
const RUNTIME_FILES = [
  /^package\.json$/,
  /^README\.md$/,
  /^LICENSE$/,
  /^CHANGELOG\.md$/,
  /^\.env\.example$/,
  /^bin\/(paperclub|healthcheck)\.js$/,
  /^dist\/[a-z-]+\.js$/,
  /^dist\/chunks\/[A-Za-z0-9_-]+\.js$/,
  /^dist\/library-snapshot\.json$/,
  /^dist\/search-index\.v8$/,
  /^seeds\/[^/]+\.(txt|json)$/,
  /^adapters\/slack\/manifest\.yml$/,
];

describe('npm pack', () => {
  // --ignore-scripts: list what dist/ holds now (the test run built it) instead of rebuilding it under
  // the end-to-end tests' feet; `npm pack` proper runs `prepare`, which builds first.
  const listing = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--ignore-scripts', '--json'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } })) as Array<{
    files: Array<{ path: string }>;
  }>;
  const files = listing[0]!.files.map((f) => f.path).sort();

  it('lists only runtime files', () => {
    const stray = files.filter((path) => !RUNTIME_FILES.some((pattern) => pattern.test(path)));
    expect(stray).toEqual([]);
    expect(files.some((path) => /\.(ts|map)$/.test(path) || /^(test|bench|docs|src|jobs|scripts)\//.test(path))).toBe(false);
  });

  it('ships every entry point the bin and the scripts run, the seeds and what an operator starts from', () => {
    for (const entry of Object.keys(ENTRY_POINTS)) expect(files).toContain(`dist/${entry}.js`);
    for (const bin of Object.values(pkg.bin)) expect(files).toContain(bin.replace(/^\.\//, ''));
    const seeds = readdirSync(join(ROOT, 'seeds')).filter((name) => statSync(join(ROOT, 'seeds', name)).isFile());
    for (const seed of seeds) expect(files).toContain(`seeds/${seed}`);
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'CHANGELOG.md', '.env.example', 'adapters/slack/manifest.yml']));
    // The build's library snapshot and the search index it names: an installed CLI neither imports nor indexes.
    expect(files).toEqual(expect.arrayContaining(['dist/library-snapshot.json', 'dist/search-index.v8']));
  });
});

/** Every package a file under `dirs` imports (static or dynamic), by package name. */
function importedPackages(dirs: string[], files: string[] = []): Set<string> {
  const names = new Set<string>();
  const visit = (path: string) => {
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path)) visit(join(path, name));
      return;
    }
    if (!/\.(ts|mjs|js)$/.test(path)) return;
    const text = readFileSync(path, 'utf8');
    // `from 'x'`, `import('x')` and side-effect imports (`import 'x'`, which register citation-js plugins).
    for (const [, spec] of text.matchAll(/(?:from\s+|^import\s+|import\(\s*)'([^'.][^']*)'/gm)) {
      if (spec!.startsWith('node:')) continue;
      names.add(spec!.startsWith('@') ? spec!.split('/').slice(0, 2).join('/') : spec!.split('/')[0]!);
    }
  };
  for (const dir of [...dirs, ...files]) visit(join(ROOT, dir));
  return names;
}

describe('package.json dependencies', () => {
  const runtime = importedPackages(['src', 'adapters', 'jobs', 'bin'], ['scripts/build.mjs']);
  const everything = importedPackages(['src', 'adapters', 'jobs', 'bin', 'scripts', 'test', 'bench'], ['eslint.config.js', 'vitest.config.ts']);

  it('declares every package the runtime imports as a dependency', () => {
    const undeclared = [...runtime].filter((name) => !(name in pkg.dependencies));
    expect(undeclared).toEqual([]);
  });

  it('compiles into dist/ only packages it declares (the build bundles them from node_modules)', () => {
    for (const name of BUNDLED_PACKAGES) expect(pkg.dependencies, name).toHaveProperty([name]);
  });

  it('has no dependency the runtime does not import', () => {
    const unused = Object.keys(pkg.dependencies).filter((name) => !runtime.has(name));
    expect(unused).toEqual([]);
  });

  it('keeps tools of the tests and the build in devDependencies, each used somewhere', () => {
    for (const name of Object.keys(pkg.devDependencies)) {
      expect(name in pkg.dependencies, `${name} is in both`).toBe(false);
      // Type packages and command-line tools are used by name, not imported.
      if (name.startsWith('@types/') || ['typescript', 'madge', 'tsx', 'eslint'].includes(name)) continue;
      expect(everything.has(name), `${name} is imported by a test, the bench or a config`).toBe(true);
    }
  });

  it('keeps Node 20 as the floor', () => {
    expect(pkg.engines.node).toBe('>=20');
    expect(readFileSync(join(ROOT, '.nvmrc'), 'utf8').trim()).toBe('20');
  });
});
