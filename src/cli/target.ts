// What `serve` and `check` share: the schema (read with Prisma's parser), the database URL (checked against the
// schema's provider) and the admin configuration (loaded and validated against the schema), each failing with a
// message that says what to do.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { AdminSite } from '../admin/admin-site.ts';
import { withoutDatasourceUrls } from '../client/schema-for-client.ts';
import { assertUrlFitsSchema, parseDatabaseUrl, type DatabaseTarget } from '../client/database-url.ts';
import { parseSchemaFiles } from '../schema/introspect.ts';
import { loadSchemaFiles, type SchemaFile } from '../schema/schema-files.ts';
import type { SchemaMeta } from '../schema/types.ts';
import { stringOption, type ParsedArgs } from './args.ts';
import { CliError } from './cli-error.ts';
import { loadConfigModule } from './config-module.ts';
import { readPrismaConfig, type PrismaProjectConfig } from './prisma-config.ts';

export interface Target {
  /** As given (or found), for messages. */
  schemaPath: string;
  isFolder: boolean;
  /** The schema's files as they are on disk. */
  files: SchemaFile[];
  schema: SchemaMeta;
  database: DatabaseTarget;
  site: AdminSite;
  configFile: string | undefined;
  /** Where the schema path and the URL came from, e.g. `prisma.config.ts`, `--url`, `DATABASE_URL`. */
  sources: { schema: string; url: string };
}

/** The admin's models file `init` adds: a default schema file beside it means its folder is the schema. */
export const ADMIN_MODELS_NAME = 'prisma-admin-site.prisma';

/** Where Prisma looks for a schema when none is named (the common layouts). */
const DEFAULT_SCHEMA_PATHS = ['prisma/schema.prisma', 'schema.prisma', 'prisma/schema'];

export const TARGET_OPTIONS_HELP = `  --schema <path>   The Prisma schema: a schema.prisma file or a folder of .prisma files (multi-file schema).
                    Default: the schema of prisma.config.ts, else the first that exists of prisma/schema.prisma,
                    schema.prisma, prisma/schema (a file's folder when \`init\` added the admin's models there).
  --url <url>       The database: file:./dev.db (SQLite), postgresql://user:password@host:5432/db[?schema=name]
                    (PostgreSQL) or mysql://user:password@host:3306/db (MySQL/MariaDB).
                    Default: datasource.url of prisma.config.ts, else $DATABASE_URL.
  --config <file>   An ES module (.mts or .mjs; .ts or .js in a "type": "module" package) whose default export
                    is an AdminSite (or a function returning one): your admin classes and site options, the same
                    API as in code. TypeScript configs load through tsx (npm install --save-dev tsx).`;

export async function resolveTarget(parsed: ParsedArgs): Promise<Target> {
  const schemaOption = stringOption(parsed, 'schema');
  const urlOption = stringOption(parsed, 'url');
  const prismaConfig = schemaOption && urlOption ? undefined : await readPrismaConfig();
  const { schemaPath, source: schemaSource } = schemaOption ? { schemaPath: schemaOption, source: '--schema' } : findSchema(prismaConfig);
  const files = await loadSchemaFiles(schemaPath);
  const isFolder = statSync(path.resolve(schemaPath)).isDirectory();
  // Prisma 6 schemas name the URL in the datasource block; Prisma 7 refuses it there. Ours comes from --url.
  const { files: readable, removed } = withoutDatasourceUrls(files);
  if (removed.length) console.error(`Note: ignoring ${removed.join(', ')} in the schema's datasource block: the database is the one of --url.`);
  const schema = parseSchemaFiles(readable);

  const [url, urlSource] = urlOption
    ? [urlOption, '--url']
    : prismaConfig?.url
      ? [prismaConfig.url, `datasource.url of ${prismaConfig.file}`]
      : [process.env.DATABASE_URL, 'DATABASE_URL'];
  if (!url) {
    throw new CliError(
      `Pass --url <database URL> (or set DATABASE_URL${prismaConfig ? `, or datasource.url in ${prismaConfig.file}` : ''}), e.g. --url file:./prisma/dev.db or --url postgresql://user@localhost:5432/db.`,
    );
  }
  const database = parseDatabaseUrl(url);
  assertUrlFitsSchema(schema.provider, database);

  const configFile = stringOption(parsed, 'config');
  const site = configFile ? await loadConfigModule(configFile, schema) : new AdminSite();
  const { buildModelRegistry } = await import('../admin/model-registry.ts');
  try {
    buildModelRegistry(schema, site);
  } catch (error) {
    throw new CliError(`The admin configuration${configFile ? ` in ${configFile}` : ''} does not fit the schema: ${(error as Error).message}`);
  }
  console.log(`Using     schema ${schemaPath} (${schemaSource}), database URL from ${urlSource}`);
  return { schemaPath, isFolder, files, schema, database, site, configFile, sources: { schema: schemaSource, url: urlSource } };
}

/** The schema of prisma.config.ts, else Prisma's usual places. */
function findSchema(config: PrismaProjectConfig | undefined): { schemaPath: string; source: string } {
  if (config?.schema) return { schemaPath: path.relative(process.cwd(), config.schema) || '.', source: `schema of ${config.file}` };
  const found = DEFAULT_SCHEMA_PATHS.find((p) => existsSync(p));
  if (!found) {
    throw new CliError(`No Prisma schema found at ${DEFAULT_SCHEMA_PATHS.join(', ')}${config ? ` and ${config.file} names none` : ''}. Pass --schema <schema.prisma file or schema folder>.`);
  }
  // `init` made this file's folder a multi-file schema (its models beside the file): the folder is the schema.
  if (found.endsWith('.prisma') && path.dirname(found) !== '.' && existsSync(path.join(path.dirname(found), ADMIN_MODELS_NAME))) {
    return { schemaPath: path.dirname(found), source: `the folder of ${found}, which holds ${ADMIN_MODELS_NAME}` };
  }
  return { schemaPath: found, source: 'found in the project' };
}
