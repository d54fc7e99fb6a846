// Fresh databases for tests: a SQLite file in a temp folder, or a uniquely named PostgreSQL database, each with a
// Prisma schema applied (scripts/db/apply-schema.ts), and a cleanup that removes it.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { applySchema, providerOfSchema, quoteIdent, readSchemaFiles, withProvider } from '../../scripts/db/apply-schema.ts';
import { openDemoClient, type DemoClient } from '../../scripts/db/demo-client.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The server the PostgreSQL tests use: TEST_POSTGRES_URL, or postgres@127.0.0.1:5432 (trust auth) by default. */
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface FreshSqliteDatabase {
  /** `file:<absolute path>` */
  url: string;
  path: string;
  cleanup(): Promise<void>;
}

export interface FreshPostgresDatabase {
  url: string;
  /** The database name (pa_test_<random>). */
  name: string;
  cleanup(): Promise<void>;
}

/** A schema path taken from the repository root when relative, so tests work from any working directory. */
function schemaFiles(schemaPath: string) {
  return readSchemaFiles(path.resolve(root, schemaPath));
}

/** A new SQLite file in a temp folder with the schema (file or folder) applied. */
export async function freshSqliteDatabase(schemaPath = 'prisma/schema'): Promise<FreshSqliteDatabase> {
  const dir = mkdtempSync(path.join(tmpdir(), 'pa-test-'));
  const file = path.join(dir, 'test.db');
  const url = `file:${file}`;
  const cleanup = async () => rmSync(dir, { recursive: true, force: true });
  try {
    const files = schemaFiles(schemaPath);
    await applySchema(providerOfSchema(files) === 'sqlite' ? files : withProvider(files, 'sqlite'), url);
  } catch (error) {
    await cleanup();
    throw error;
  }
  return { url, path: file, cleanup };
}

/**
 * A new database `pa_test_<random>` on the test server with the schema applied, its provider switched to postgresql.
 * `schema` puts the tables in that PostgreSQL schema (the URL gets `?schema=`). cleanup() drops it WITH (FORCE).
 */
export async function freshPostgresDatabase(
  schemaPath = 'prisma/schema',
  options: { schema?: string } = {},
): Promise<FreshPostgresDatabase> {
  const name = `pa_test_${randomBytes(6).toString('hex')}`;
  const target = new URL(POSTGRES_ADMIN_URL);
  target.pathname = `/${name}`;
  if (options.schema) target.searchParams.set('schema', options.schema);
  const url = target.toString();
  await adminQuery(`CREATE DATABASE ${quoteIdent(name)}`);
  const cleanup = () => adminQuery(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  try {
    await applySchema(withProvider(schemaFiles(schemaPath), 'postgresql'), url);
  } catch (error) {
    await cleanup();
    throw error;
  }
  return { url, name, cleanup };
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Whether the test PostgreSQL server answers (for `{ skip }` on machines without one). */
export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * A Prisma client of the demo blog schema on a SQLite or PostgreSQL URL (the PostgreSQL client is generated into
 * prisma/generated-pg/ on first use). Call `$disconnect()` when done.
 */
export function demoClient(url: string): Promise<DemoClient> {
  return openDemoClient(url);
}

export type { DemoClient };
