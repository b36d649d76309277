#!/usr/bin/env node
// The `paperclub` bin. The CLI is TypeScript run by tsx: register tsx's ESM loader, then load the CLI
// next to this file (a relative specifier resolves against this module, not the working directory).
import { register } from 'tsx/esm/api';

register();
await import('./cli.ts');
