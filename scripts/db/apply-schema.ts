// Dev/test only: creates the tables of a Prisma schema in a fresh database (the `prisma db push` of a fresh database),
// through Prisma's WASM schema engine: it computes the DDL from empty to the schema, and we run that script ourselves
// (the engine's own schemaPush cannot read a live PostgreSQL catalog through @prisma/adapter-pg). The WASM engine has
// no MySQL connector at all: MySQL/MariaDB scripts come from mysql-ddl.ts, in the shape migrate gives them.
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import Database from 'better-sqlite3';
import pg from 'pg';
import { withSchemaEngine } from './schema-engine-wasm.ts';
import { mysqlDdl } from './mysql-ddl.ts';

export interface SchemaFile {
  path: string;
  content: string;
}

export type Provider = 'sqlite' | 'postgresql' | 'mysql';

/** A schema could not be read or applied; the message says what to do. */
export class SchemaApplyError extends Error {
  override name = 'SchemaApplyError';
}

export function providerOfUrl(url: string): Provider {
  if (url.startsWith('file:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgresql';
  if (/^(mysql|mariadb):\/\//.test(url)) return 'mysql';
  throw new SchemaApplyError(`Unsupported database URL "${url.split(':')[0]}:": use file:<path> (SQLite) or postgresql://...`);
}

/** The absolute path of the file in a `file:` URL (relative paths are taken from the working directory). */
export function sqliteFileOfUrl(url: string): string {
  const file = url.slice('file:'.length).replace(/\?.*$/, '');
  if (!file || file === ':memory:') throw new SchemaApplyError(`"${url}" names no SQLite file`);
  return path.resolve(file);
}

/** The PostgreSQL schema a URL asks for with `?schema=name` (Prisma's convention), `public` by default. */
export function postgresSchemaOfUrl(url: string): string {
  return new URL(url).searchParams.get('schema') || 'public';
}

/** The URL without Prisma's `schema` parameter, for pg (which would pass unknown parameters to the server). */
export function postgresConnectionString(url: string): string {
  const parsed = new URL(url);
  parsed.searchParams.delete('schema');
  return parsed.toString();
}

/** Reads a schema file, or every `*.prisma` file under a folder (a multi-file schema), in a stable order. */
export function readSchemaFiles(pathToFileOrFolder: string): SchemaFile[] {
  let stat;
  try {
    stat = statSync(pathToFileOrFolder);
  } catch {
    throw new SchemaApplyError(`No Prisma schema at ${pathToFileOrFolder}: pass a schema.prisma file or a folder of .prisma files`);
  }
  const paths = stat.isDirectory() ? prismaFilesUnder(pathToFileOrFolder) : [pathToFileOrFolder];
  if (paths.length === 0) throw new SchemaApplyError(`No .prisma files in the folder ${pathToFileOrFolder}`);
  return paths.map((file) => ({ path: file, content: readFileSync(file, 'utf8') }));
}

function prismaFilesUnder(folder: string): string[] {
  const entries = readdirSync(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.prisma'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

const datasourceProvider = /(\bdatasource\s+\w+\s*\{[^}]*?\bprovider\s*=\s*)"([^"]*)"/;

/** The provider named in the schema's `datasource` block. */
export function providerOfSchema(files: SchemaFile[]): string {
  for (const file of files) {
    const match = datasourceProvider.exec(file.content);
    if (match) return match[2];
  }
  throw new SchemaApplyError('The schema has no datasource block with a provider = "..." line');
}

/** The same schema with the datasource provider replaced (dev/test: run a sqlite schema on PostgreSQL). */
export function withProvider(files: SchemaFile[], provider: Provider | 'postgres'): SchemaFile[] {
  let replaced = false;
  const result = files.map((file) => {
    if (replaced || !datasourceProvider.test(file.content)) return file;
    replaced = true;
    return { ...file, content: file.content.replace(datasourceProvider, `$1"${provider}"`) };
  });
  if (!replaced) throw new SchemaApplyError('The schema has no datasource block with a provider = "..." line');
  return result;
}

function assertProviderMatches(files: SchemaFile[], url: string): Provider {
  const ofUrl = providerOfUrl(url);
  const ofSchema = providerOfSchema(files).replace(/^postgres$/, 'postgresql');
  if (ofSchema !== ofUrl) {
    throw new SchemaApplyError(
      `The schema's datasource provider is "${ofSchema}" but the URL is for ${ofUrl}: ` +
        `use withProvider(files, '${ofUrl}') or a ${ofSchema} URL`,
    );
  }
  return ofUrl;
}

// SQLite scripts depend on the schema only: tests that make many fresh databases compute each script once.
const sqliteScripts = new Map<string, Promise<string>>();

/** The DDL script that creates every table, enum, index and foreign key of the schema in an empty database. */
export async function ddlForSchema(files: SchemaFile[], url: string): Promise<string> {
  const provider = assertProviderMatches(files, url);
  if (provider === 'mysql') return mysqlDdl(files);
  if (provider === 'sqlite') {
    const key = JSON.stringify(files.map((file) => [file.path, file.content]));
    let script = sqliteScripts.get(key);
    if (!script) {
      script = diffFromEmpty(files, url, provider);
      sqliteScripts.set(key, script);
      script.catch(() => sqliteScripts.delete(key));
    }
    return script;
  }
  return diffFromEmpty(files, url, provider);
}

async function diffFromEmpty(files: SchemaFile[], url: string, provider: Provider): Promise<string> {
  // diff does not change the database, but the engine wants an adapter of the right provider to pick its SQL flavour
  // (on PostgreSQL it also asks the server for its version and whether the target schema exists).
  const adapter =
    provider === 'sqlite'
      ? new PrismaBetterSqlite3({ url: ':memory:' })
      : provider === 'postgresql'
        ? new PrismaPg({ connectionString: postgresConnectionString(url) }, { schema: postgresSchemaOfUrl(url) })
        : unreachable();
  return withSchemaEngine(files, adapter, async (engine) => {
    const result = await engine.diff({
      from: { tag: 'empty' },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.stdout ?? '';
  });
}

function unreachable(): never {
  throw new SchemaApplyError('The WASM schema engine has no MySQL connector: MySQL scripts come from mysql-ddl.ts');
}

/**
 * Applies the schema to a fresh database: a SQLite file (created with its folder if missing) or a PostgreSQL database
 * (created if missing). On PostgreSQL, `?schema=name` in the URL puts everything in that schema (created if missing).
 * Refuses a database whose target schema already has tables. All or nothing: the script runs in one transaction.
 */
export async function applySchema(files: SchemaFile[], url: string): Promise<void> {
  const provider = assertProviderMatches(files, url);
  if (provider === 'postgresql') await ensurePostgresDatabase(url);
  const script = await ddlForSchema(files, url);
  if (provider === 'sqlite') applyToSqlite(script, url);
  else if (provider === 'mysql') await applyToMysql(script, url);
  else await applyToPostgres(script, url);
}

function applyToSqlite(script: string, url: string): void {
  const file = sqliteFileOfUrl(url);
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .pluck()
      .all() as string[];
    if (tables.length > 0) throw notEmpty(url, tables);
    db.pragma('foreign_keys = ON');
    db.transaction(() => db.exec(script))();
  } finally {
    db.close();
  }
}

async function applyToPostgres(script: string, url: string): Promise<void> {
  const schema = postgresSchemaOfUrl(url);
  const client = new pg.Client({ connectionString: postgresConnectionString(url) });
  await client.connect();
  try {
    const { rows } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
      [schema],
    );
    if (rows.length > 0) throw notEmpty(url, rows.map((row) => row.table_name));
    // The engine's script starts with CREATE SCHEMA IF NOT EXISTS "<schema>" but leaves every other name unqualified,
    // so the tables land in whatever the search_path says: point it at the URL's schema.
    await client.query('BEGIN');
    try {
      await client.query(`SET LOCAL search_path TO ${quoteIdent(schema)}`);
      await client.query(script);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
  } finally {
    await client.end();
  }
}

type MariadbConnection = { query(sql: string, params?: unknown[]): Promise<unknown>; end(): Promise<void> };
type MariadbDriver = { createConnection(options: object): Promise<MariadbConnection> };

/** A connection of the mariadb driver (@prisma/adapter-mariadb's), to the URL's server; `database` null for none. */
async function mariadbConnection(url: string, database: string | null): Promise<MariadbConnection> {
  const parsed = new URL(url);
  const mariadb = (await import('mariadb')) as unknown as { default?: MariadbDriver } & MariadbDriver;
  const { createConnection } = mariadb.default ?? mariadb;
  return createConnection({
    host: parsed.hostname, port: Number(parsed.port || 3306), user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password), database: database ?? undefined, multipleStatements: true,
  });
}

/**
 * Creates the database (utf8mb4, as migrate does) when missing, refuses one with tables, and runs the script. MySQL
 * commits each DDL statement by itself: a script that fails halfway leaves its first tables (drop the database).
 */
async function applyToMysql(script: string, url: string): Promise<void> {
  const database = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!database) throw new SchemaApplyError(`${redact(url)} names no database`);
  const server = await mariadbConnection(url, null);
  try {
    await server.query(`CREATE DATABASE IF NOT EXISTS \`${database.replaceAll('`', '``')}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await server.end();
  }
  const db = await mariadbConnection(url, database);
  try {
    const tables = (await db.query('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name')) as { name: string }[];
    if (tables.length > 0) throw notEmpty(url, tables.map((t) => t.name));
    await db.query(script);
  } finally {
    await db.end();
  }
}

/** Creates the URL's database when the server says it does not exist (what `prisma db push` does). */
async function ensurePostgresDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresConnectionString(url) });
  try {
    await client.connect();
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') {
      throw new SchemaApplyError(`Cannot connect to ${redact(url)}: ${(error as Error).message}`);
    }
  } finally {
    await client.end().catch(() => {});
  }
  const target = new URL(postgresConnectionString(url));
  const database = decodeURIComponent(target.pathname.slice(1));
  target.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: target.toString() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${quoteIdent(database)}`);
  } finally {
    await admin.end();
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function notEmpty(url: string, tables: string[]): SchemaApplyError {
  const shown = tables.slice(0, 5).join(', ') + (tables.length > 5 ? ', ...' : '');
  return new SchemaApplyError(
    `${redact(url)} already has tables (${shown}): applySchema only fills an empty database; use a fresh one or drop them`,
  );
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  return url.replace(/(\/\/[^:/@]+):[^@/]*@/, '$1:***@');
}
