// The demo's schema in a database: applied where it is missing (SQLite file or PostgreSQL database/schema).
import { existsSync } from 'node:fs';
import pg from 'pg';
import {
  applySchema, postgresConnectionString, postgresSchemaOfUrl, providerOfUrl, readSchemaFiles, sqliteFileOfUrl,
  withProvider,
} from './apply-schema.ts';
import { demoSchemaPath } from '../generate-pg-client.ts';

/**
 * Applies the demo schema when the database does not have it: a missing SQLite file, or a PostgreSQL database (or
 * `?schema=`) without a "Post" table. Returns whether it did.
 */
export async function prepareDemoDatabase(url: string): Promise<boolean> {
  const provider = providerOfUrl(url);
  if (provider === 'sqlite') {
    if (existsSync(sqliteFileOfUrl(url))) return false;
    await applySchema(readSchemaFiles(demoSchemaPath), url);
    return true;
  }
  if (provider !== 'postgresql') throw new Error(`The demo database runs on SQLite or PostgreSQL, not ${provider}`);
  if (await postgresHasPostTable(url)) return false;
  await applySchema(withProvider(readSchemaFiles(demoSchemaPath), 'postgresql'), url);
  return true;
}

async function postgresHasPostTable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: postgresConnectionString(url) });
  try {
    await client.connect();
  } catch (error) {
    if ((error as { code?: string }).code === '3D000') return false; // no such database: applySchema creates it
    throw error;
  }
  try {
    const { rows } = await client.query(
      `SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'Post'`,
      [postgresSchemaOfUrl(url)],
    );
    return rows.length > 0;
  } finally {
    await client.end();
  }
}
