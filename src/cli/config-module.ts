// `--config <module>`: a TypeScript or JavaScript module whose default export is an AdminSite, or a function (maybe
// async) that returns one — the same API as mounting the admin in code. The function gets `{ schema }` (the model
// metadata) so a config can adapt to the models it finds.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AdminSite } from '../admin/admin-site.ts';
import type { SchemaMeta } from '../schema/types.ts';
import { CliError } from './cli-error.ts';

export async function loadConfigModule(file: string, schema: SchemaMeta): Promise<AdminSite> {
  const absolute = path.resolve(file);
  if (!existsSync(absolute)) throw new CliError(`Config module not found: ${file} does not exist. Give the path of a .ts or .js file whose default export is an AdminSite.`);
  let module: { default?: unknown };
  try {
    module = await import(pathToFileURL(absolute).href);
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
    throw new CliError(`The default export of ${file} is not an AdminSite (nor a function returning one). Export \`new AdminSite(...)\` from 'prisma-admin'.`);
  }
  return value;
}

/** An AdminSite, also one made by another copy of prisma-admin (then `instanceof` fails but the shape is the same). */
function isAdminSite(value: unknown): value is AdminSite {
  if (value instanceof AdminSite) return true;
  const v = value as Partial<AdminSite> | null;
  return typeof v === 'object' && v !== null && typeof v.register === 'function' && typeof v.adminFor === 'function' && typeof v.registeredModelNames === 'function';
}

/** The error's message without a stack (esbuild's syntax errors keep their file:line lines). */
function oneParagraph(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
