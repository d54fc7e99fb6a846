// `prisma-admin-site init [--schema <file or folder>]`: copies the admin's models into the schema's folder (a multi-file
// schema), so the project's normal migrations create their tables, and points prisma.config.ts's `schema` at that
// folder, so Prisma and every later prisma-admin-site command read the admin's models with the project's own.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { adminModelsText } from '../auth/admin-models-text.ts';
import { prismaProvider } from '../schema/prisma-wasm.ts';
import { loadSchemaFiles } from '../schema/schema-files.ts';
import { parseArgs, stringOption } from './args.ts';
import { CliError } from './cli-error.ts';
import { configFileIn, readPrismaConfig, type PrismaProjectConfig } from './prisma-config.ts';
import { ADMIN_MODELS_NAME } from './target.ts';

/** Where Prisma looks for a schema when prisma.config.ts names none. */
const DEFAULT_SCHEMAS = ['prisma/schema', 'prisma/schema.prisma', 'schema.prisma'];

const HELP = `Usage: prisma-admin-site init [--schema <schema file or folder>]

Adds ${ADMIN_MODELS_NAME} (models AdminUser, AdminUserPermission, AdminSession, AdminLogEntry) to your Prisma schema's
folder, which Prisma then reads as one multi-file schema, and sets \`schema\` in prisma.config.ts to that folder.
A single schema.prisma stays where it is: its folder (e.g. prisma/) becomes the schema folder, so prisma/migrations
stays where it was. Default schema: the one of prisma.config.ts, else prisma/schema, prisma/schema.prisma or
schema.prisma. Then run \`prisma migrate dev\` (or \`prisma db push\`) to create the tables, and
\`prisma-admin-site createsuperuser\`.`;

export async function initCommand(args: string[]): Promise<number> {
  const parsed = parseArgs(args, ['schema', 'help']);
  if (parsed.options.help) {
    console.log(HELP);
    return 0;
  }
  const config = await configForInit();
  const given = stringOption(parsed, 'schema') ?? config?.schema ?? DEFAULT_SCHEMAS.find((p) => existsSync(p));
  if (!given) throw new CliError(`No Prisma schema found at ${DEFAULT_SCHEMAS.join(', ')}. Pass --schema <schema.prisma file or schema folder>.`);
  const schema = path.resolve(given);
  if (!existsSync(schema)) throw new CliError(`No Prisma schema at ${given}. Pass --schema <schema.prisma file or schema folder>.`);
  const folder = statSync(schema).isDirectory() ? schema : await folderOfFile(schema);

  const target = path.join(folder, ADMIN_MODELS_NAME);
  const shown = (file: string) => path.relative(process.cwd(), file) || '.';
  // The models as the schema's provider stores them (long texts as TEXT on MySQL/MariaDB).
  const models = adminModelsText(await providerOf(folder, target));
  if (existsSync(target)) {
    if (readFileSync(target, 'utf8') !== models) {
      throw new CliError(`${target} exists and differs from this version's models. Move it away and run init again.`);
    }
    console.log(`${shown(target)} is already there and up to date.`);
  } else {
    writeFileSync(target, models);
    console.log(`Added ${shown(target)}.`);
  }

  const pointed = pointConfigAt(config, folder);
  if (pointed === 'unchanged' && !config && folder !== schema) {
    console.log(`Prisma reads ${shown(folder)} as one schema when told so: add \`schema: '${shown(folder)}'\` to your prisma.config.ts (or pass --schema ${shown(folder)} to prisma).`);
  }
  if (pointed === 'manual') {
    console.error(`Error: could not edit ${config!.file}: set its \`schema\` to '${relativeTo(config!.file, folder)}' so Prisma reads the admin's models too.`);
    return 1;
  }
  console.log(`Next: create the tables with your usual \`prisma migrate dev\` (or \`prisma db push\`), then \`prisma-admin-site createsuperuser\`.`);
  return 0;
}

/**
 * The folder a single schema file becomes: its own. Refused when that folder is the project's root or holds other
 * .prisma files, which would then become part of the schema.
 */
async function folderOfFile(file: string): Promise<string> {
  const folder = path.dirname(file);
  const move = `Move ${path.relative(process.cwd(), file)} into a folder of its own (e.g. prisma/schema/schema.prisma, with \`schema: 'prisma/schema'\` in prisma.config.ts) and run init again.`;
  if (folder === process.cwd()) throw new CliError(`The admin's models go into a schema folder, and ${file} is at the project's root. ${move}`);
  const others = (await loadSchemaFiles(folder)).map((f) => path.resolve(f.path)).filter((p) => p !== file && path.basename(p) !== ADMIN_MODELS_NAME);
  if (others.length) {
    throw new CliError(`${path.relative(process.cwd(), folder)} also holds ${others.map((p) => path.relative(process.cwd(), p)).join(', ')}, which would become part of the schema. ${move}`);
  }
  return folder;
}

/** The datasource provider of the schema folder's other files ('' when they name none). */
async function providerOf(folder: string, modelsFile: string): Promise<string> {
  const files = (await loadSchemaFiles(folder)).filter((f) => path.resolve(f.path) !== modelsFile);
  if (files.length === 0) return '';
  try {
    return prismaProvider(files.map((f): [string, string] => [f.path, f.content])) ?? '';
  } catch {
    return '';
  }
}

/** Sets `schema` in prisma.config.* to the folder: 'unchanged' when already so (or no config), 'manual' when it cannot. */
function pointConfigAt(config: PrismaProjectConfig | undefined, folder: string): 'unchanged' | 'updated' | 'manual' {
  if (!config || (config.schema && path.resolve(config.schema) === folder)) return 'unchanged';
  const file = path.resolve(config.file);
  const text = readFileSync(file, 'utf8');
  const value = `'${relativeTo(config.file, folder)}'`;
  const property = /(\bschema\s*:\s*)(['"`])[^'"`\n]*\2/;
  let updated: string | undefined;
  if (config.schema && property.test(text)) updated = text.replace(property, (_match, head: string) => `${head}${value}`);
  else if (!config.schema && /defineConfig\(\s*\{/.test(text)) updated = text.replace(/defineConfig\(\s*\{/, (match) => `${match}\n  schema: ${value},`);
  if (!updated) return 'manual';
  if (updated === text) return 'unchanged';
  writeFileSync(file, updated);
  console.log(`Updated ${config.file}: schema: ${value} (the folder now holds your schema and the admin's models).`);
  return 'updated';
}

/**
 * The project's Prisma config. init needs only its `schema`: when the config cannot load (its env() has no value yet,
 * say), its `schema` is read from the text instead of failing, since init touches no database.
 */
async function configForInit(): Promise<PrismaProjectConfig | undefined> {
  try {
    return await readPrismaConfig();
  } catch (error) {
    const file = configFileIn(process.cwd());
    if (!(error instanceof CliError) || !file) throw error;
    const literal = /\bschema\s*:\s*(['"`])([^'"`\n]*)\1/.exec(readFileSync(file, 'utf8'))?.[2];
    console.error(`Note: ${error.message.replace(/ Fix it .*$/, '')}; reading its \`schema\` from the file's text.`);
    return { file: path.relative(process.cwd(), file), schema: literal === undefined ? undefined : path.resolve(path.dirname(file), literal) };
  }
}

/** The folder as prisma.config.ts names paths: relative to the config file's folder, with forward slashes. */
function relativeTo(configFile: string, folder: string): string {
  return path.relative(path.dirname(path.resolve(configFile)), folder).split(path.sep).join('/') || '.';
}
