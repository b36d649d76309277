#!/usr/bin/env node
// Removes optional dependencies from package-lock.json that the registry could not resolve.
//
// Why: msgpackr-extract (an optional native speed-up of msgpackr, which BullMQ uses) lists prebuilt
// binaries for every platform. When the registry this lock was made against lacks some of them, npm
// writes the lock without their entries but keeps them in msgpackr-extract's optionalDependencies, and
// `npm ci` then refuses the lock as out of sync. Dropping the unresolved names makes the lock
// self-consistent; on those platforms msgpackr simply uses its JavaScript path. Run after `npm install`.
import { readFileSync, writeFileSync } from 'node:fs';
import { URL } from 'node:url';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const removed = [];
for (const [where, entry] of Object.entries(lock.packages)) {
  for (const name of Object.keys(entry.optionalDependencies ?? {})) {
    const resolvedNested = `${where}/node_modules/${name}`;
    if (!lock.packages[`node_modules/${name}`] && !lock.packages[resolvedNested]) {
      delete entry.optionalDependencies[name];
      removed.push(`${where || '(root)'} → ${name}`);
    }
  }
}
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(removed.length > 0 ? `pruned:\n  ${removed.join('\n  ')}` : 'nothing to prune');
