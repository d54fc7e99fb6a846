#!/usr/bin/env node
// The prisma-admin-site command: the compiled CLI (dist/, built by `npm run build` before packing) under plain Node.
// In a git checkout of the project (src/ present), it runs the TypeScript sources through tsx instead, so the
// project's own tests exercise the code as it is; there, `import 'prisma-admin-site'` (in a --config module) resolves
// to src/ too, through the package's "prisma-admin-site-source" export condition.
import { existsSync } from 'node:fs';
import { register as registerHooks } from 'node:module';

const sources = new URL('../src/cli/main.ts', import.meta.url);
let main;
if (existsSync(sources)) {
  const addCondition = `export function resolve(specifier, context, next) {
    return next(specifier, { ...context, conditions: [...context.conditions, 'prisma-admin-site-source'] });
  }`;
  registerHooks(`data:text/javascript,${encodeURIComponent(addCondition)}`);
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import(sources.href));
} else {
  ({ main } = await import('../dist/cli/main.js'));
}
process.exitCode = await main(process.argv.slice(2));
