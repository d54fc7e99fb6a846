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
}

/** Where Prisma looks for a schema when none is named (the common layouts). */
const DEFAULT_SCHEMA_PATHS = ['prisma/schema.prisma', 'schema.prisma', 'prisma/schema'];

export const TARGET_OPTIONS_HELP = `  --schema <path>   The Prisma schema: a schema.prisma file or a folder of .prisma files (multi-file schema).
                    Default: prisma/schema.prisma, schema.prisma or prisma/schema, the first that exists.
  --url <url>       The database: file:./dev.db (SQLite), postgresql://user:password@host:5432/db[?schema=name]
                    (PostgreSQL) or mysql://user:password@host:3306/db (MySQL/MariaDB). Default: $DATABASE_URL.
  --config <file>   An ES module (.mts or .mjs; .ts or .js in a "type": "module" package) whose default export
                    is an AdminSite (or a function returning one): your admin classes and site options, the same
                    API as in code.`;

export async function resolveTarget(parsed: ParsedArgs): Promise<Target> {
  const schemaPath = stringOption(parsed, 'schema') ?? DEFAULT_SCHEMA_PATHS.find((p) => existsSync(p));
  if (!schemaPath) {
    throw new CliError(`No Prisma schema found at ${DEFAULT_SCHEMA_PATHS.join(', ')}. Pass --schema <schema.prisma file or schema folder>.`);
  }
  const files = await loadSchemaFiles(schemaPath);
  const isFolder = statSync(path.resolve(schemaPath)).isDirectory();
  // Prisma 6 schemas name the URL in the datasource block; Prisma 7 refuses it there. Ours comes from --url.
  const { files: readable, removed } = withoutDatasourceUrls(files);
  if (removed.length) console.error(`Note: ignoring ${removed.join(', ')} in the schema's datasource block: the database is the one of --url.`);
  const schema = parseSchemaFiles(readable);

  const url = stringOption(parsed, 'url') ?? process.env.DATABASE_URL;
  if (!url) throw new CliError('Pass --url <database URL> (or set DATABASE_URL), e.g. --url file:./prisma/dev.db or --url postgresql://user@localhost:5432/db.');
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
  return { schemaPath, isFolder, files, schema, database, site, configFile };
}
