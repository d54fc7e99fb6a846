// The CLI tests' schema and databases. The schema is put together per provider from test/fixtures/cli/ (a datasource
// block + models.prisma, + postgresql-extras.prisma on PostgreSQL, as a multi-file folder there and as one file
// elsewhere) in a temp folder; each database is new, made by the test and dropped by its cleanup.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { applySchema, quoteIdent, readSchemaFiles } from '../../../scripts/db/apply-schema.ts';
import { POSTGRES_ADMIN_URL } from '../../support/databases.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
export const FIXTURES = path.join(root, 'test/fixtures/cli');
const MODELS = readFileSync(path.join(FIXTURES, 'models.prisma'), 'utf8');
const PG_EXTRAS = readFileSync(path.join(FIXTURES, 'postgresql-extras.prisma'), 'utf8');

export type CliProvider = 'sqlite' | 'postgresql' | 'mysql';

/** The MariaDB server of the tests: TEST_MYSQL_URL, or root without a password at 127.0.0.1:3306. */
export const MYSQL_ADMIN_URL = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/mysql';

/** A datasource block, and a generator the person's project would have (prisma-admin-site must not run it). */
export function datasourceBlock(provider: CliProvider): string {
  return `generator client {\n  provider = "prisma-client-js"\n}\n\ndatasource db {\n  provider = "${provider}"\n}\n`;
}

export interface FixtureSchema {
  /** A schema.prisma file (SQLite, MySQL) or a schema folder (PostgreSQL). */
  path: string;
  dir: string;
  cleanup(): void;
}

/** Writes the fixture schema for a provider into a new temp folder; `extraFiles` are added to the folder form. */
export function writeFixtureSchema(provider: CliProvider, options: { extraFiles?: Record<string, string> } = {}): FixtureSchema {
  const dir = mkdtempSync(path.join(tmpdir(), 'pa-cli-schema-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  if (provider === 'postgresql' || options.extraFiles) {
    const folder = path.join(dir, 'schema');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'datasource.prisma'), datasourceBlock(provider));
    writeFileSync(path.join(folder, 'models.prisma'), MODELS);
    if (provider === 'postgresql') writeFileSync(path.join(folder, 'postgresql-extras.prisma'), PG_EXTRAS);
    for (const [name, content] of Object.entries(options.extraFiles ?? {})) writeFileSync(path.join(folder, name), content);
    return { path: folder, dir, cleanup };
  }
  const file = path.join(dir, 'schema.prisma');
  writeFileSync(file, `${datasourceBlock(provider)}\n${MODELS}`);
  return { path: file, dir, cleanup };
}

export interface FreshDatabase {
  url: string;
  /** The PostgreSQL / MySQL database name, or the SQLite file. */
  name: string;
  cleanup(): Promise<void>;
}

/** A new database for the provider; `apply` (default true) creates the schema's tables in it. */
export async function freshDatabase(provider: CliProvider, schemaPath: string, { apply = true, pgSchema }: { apply?: boolean; pgSchema?: string } = {}): Promise<FreshDatabase> {
  const name = `pa_cli_${randomBytes(6).toString('hex')}`;
  if (provider === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'pa-cli-db-'));
    const file = path.join(dir, 'test.db');
    const url = `file:${file}`;
    const cleanup = async () => rmSync(dir, { recursive: true, force: true });
    if (apply) await applySchema(readSchemaFiles(schemaPath), url);
    else writeFileSync(file, '');
    return { url, name: file, cleanup };
  }
  if (provider === 'postgresql') {
    const target = new URL(POSTGRES_ADMIN_URL);
    target.pathname = `/${name}`;
    if (pgSchema) target.searchParams.set('schema', pgSchema);
    const url = target.toString();
    await postgresAdmin(`CREATE DATABASE ${quoteIdent(name)}`);
    const cleanup = async () => void (await postgresAdmin(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
    try {
      if (apply) await applySchema(readSchemaFiles(schemaPath), url);
    } catch (error) {
      await cleanup();
      throw error;
    }
    return { url, name, cleanup };
  }
  const target = new URL(MYSQL_ADMIN_URL);
  target.pathname = `/${name}`;
  const url = target.toString();
  const cleanup = async () => void (await mysqlAdmin((connection) => connection.query(`DROP DATABASE IF EXISTS \`${name}\``)));
  await mysqlAdmin((connection) => connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`));
  try {
    if (apply) await applySchema(readSchemaFiles(schemaPath), url);
  } catch (error) {
    await cleanup();
    throw error;
  }
  return { url, name, cleanup };
}

export async function postgresAdmin(sql: string, params: unknown[] = [], url = POSTGRES_ADMIN_URL): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql, params);
  } finally {
    await client.end();
  }
}

type MysqlConnection = { query(sql: string, params?: unknown[]): Promise<unknown>; end(): Promise<void> };

/** The mariadb driver that @prisma/adapter-mariadb brings. */
function mariadbDriver(): { createConnection(options: object): Promise<MysqlConnection> } {
  const require = createRequire(import.meta.url);
  return createRequire(require.resolve('@prisma/adapter-mariadb'))('mariadb');
}

export async function mysqlAdmin<T>(job: (connection: MysqlConnection) => Promise<T>, database?: string): Promise<T> {
  const url = new URL(MYSQL_ADMIN_URL);
  const connection = await mariadbDriver().createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database,
    multipleStatements: true,
  });
  try {
    return await job(connection);
  } finally {
    await connection.end();
  }
}

/** Whether the test MariaDB server answers. */
export async function mysqlAvailable(): Promise<boolean> {
  try {
    await mysqlAdmin((c) => c.query('SELECT 1'));
    return true;
  } catch {
    return false;
  }
}
