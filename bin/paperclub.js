#!/usr/bin/env node
// The `paperclub` bin: runs the compiled CLI (dist/cli.js) with this node. In a checkout whose dist/ is
// missing or older than the sources, it builds first (scripts/build.mjs), so the bin never runs stale
// code; an installed package ships dist/ and skips the check's build.
import { existsSync } from 'node:fs';
import { URL } from 'node:url';

const builder = new URL('../scripts/build.mjs', import.meta.url);
if (existsSync(builder)) {
  const { buildIfStale } = await import(builder.href);
  await buildIfStale();
}
await import(new URL('../dist/cli.js', import.meta.url).href);
