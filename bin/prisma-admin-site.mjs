#!/usr/bin/env node
// The prisma-admin-site command: the compiled CLI (dist/, built by `npm run build` before packing) under plain Node.
// In a git checkout of the project (src/ present), it runs the TypeScript sources through tsx instead, so the
// project's own tests exercise the code as it is.
import { existsSync } from 'node:fs';

const sources = new URL('../src/cli/main.ts', import.meta.url);
let main;
if (existsSync(sources)) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import(sources.href));
} else {
  ({ main } = await import('../dist/cli/main.js'));
}
process.exitCode = await main(process.argv.slice(2));
