// `--config <module>`: a TypeScript or JavaScript ES module whose default export is an AdminSite, or a function (maybe
// async) that returns one — the same API as mounting the admin in code. `.mts` / `.mjs` load as ES modules anywhere;
// `.ts` / `.js` only in a package whose package.json says "type": "module". The function gets `{ schema }` (the model
// metadata) so a config can adapt to the models it finds. A TypeScript config is loaded through tsx's `tsImport` (an
// optional peer dependency, imported only then): the loader applies to that file and its imports, not to the CLI.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AdminSite } from '../admin/admin-site.ts';
import { importOptional } from '../client/optional-package.ts';
import type { SchemaMeta } from '../schema/types.ts';
import { CliError } from './cli-error.ts';

export async function loadConfigModule(file: string, schema: SchemaMeta): Promise<AdminSite> {
  const absolute = path.resolve(file);
  if (!existsSync(absolute)) throw new CliError(`Config module not found: ${file} does not exist. Give the path of a .ts or .js file whose default export is an AdminSite.`);
  const extension = path.extname(absolute);
  if (!['.ts', '.mts', '.js', '.mjs'].includes(extension)) {
    throw new CliError(`The config module ${file} should be a .mts, .ts, .mjs or .js file (an ES module).`);
  }
  if ((extension === '.ts' || extension === '.js') && !inModulePackage(absolute)) {
    // tsx would load it as CommonJS, which cannot import prisma-admin-site (an ES module) here.
    throw new CliError(
      `The config module ${file} is in a CommonJS package (its package.json has no "type": "module"). ` +
        `Rename it to ${path.basename(absolute, extension)}${extension === '.ts' ? '.mts' : '.mjs'} so it is loaded as an ES module.`,
    );
  }
  let module: { default?: unknown };
  const url = pathToFileURL(absolute).href;
  const typescript = extension === '.ts' || extension === '.mts';
  const load = typescript
    ? await importOptional(() => import('tsx/esm/api'), { packages: ['tsx'], purpose: `TypeScript config modules (${file})`, dev: true })
    : undefined;
  try {
    module = load ? await load.tsImport(url, import.meta.url) : await import(url);
  } catch (error) {
    throw new CliError(`Could not load the config module ${file}: ${oneParagraph(error)}`);
  }
  let value = module.default;
  if (value === undefined) throw new CliError(`The config module ${file} has no default export. Export an AdminSite: \`export default new AdminSite()\` (with your site.register(...) calls).`);
  if (typeof value === 'function' && !isAdminSite(value)) {
    try {
      value = await (value as (context: { schema: SchemaMeta }) => unknown)({ schema });
    } catch (error) {
      throw new CliError(`The config module ${file}: its default export threw: ${oneParagraph(error)}`);
    }
  }
  if (!isAdminSite(value)) {
    throw new CliError(`The default export of ${file} is not an AdminSite (nor a function returning one). Export \`new AdminSite(...)\` from 'prisma-admin-site'.`);
  }
  return value;
}

/** Whether the nearest package.json above the file says "type": "module" (Node's rule for .ts/.js files). */
function inModulePackage(file: string): boolean {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        return (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: string }).type === 'module';
      } catch {
        return false;
      }
    }
    if (path.dirname(dir) === dir) return false;
  }
}

/** An AdminSite, also one made by another copy of prisma-admin-site (then `instanceof` fails but the shape is the same). */
function isAdminSite(value: unknown): value is AdminSite {
  if (value instanceof AdminSite) return true;
  const v = value as Partial<AdminSite> | null;
  return typeof v === 'object' && v !== null && typeof v.register === 'function' && typeof v.adminFor === 'function' && typeof v.registeredModelNames === 'function';
}

/** The error's message without a stack (esbuild's syntax errors keep their file:line lines). */
function oneParagraph(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
