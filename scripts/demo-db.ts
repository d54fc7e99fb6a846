// Dev only: the database behind `npm start`. A missing demo database is created and seeded; an existing one is left
// alone (delete the file, or run `node --import tsx scripts/seed.ts --reset`, to start over).
import { existsSync, rmSync } from 'node:fs';
import pg from 'pg';
import {
  applySchema, postgresConnectionString, postgresSchemaOfUrl, providerOfUrl, readSchemaFiles, redact, sqliteFileOfUrl,
  withProvider,
} from './db/apply-schema.ts';
import { openDemoClient } from './db/demo-client.ts';
import { demoSchemaPath } from './generate-pg-client.ts';
import { presets, progressPrinter, seed, type SeedSize } from './seed.ts';

export interface EnsureDemoOptions {
  /** Rows to seed (default: the demo preset). */
  size?: SeedSize;
  /** Where progress goes (default: stdout). */
  log?: (line: string) => void;
}

/** Creates and seeds the demo database when it does not exist yet; leaves an existing one alone. */
export async function ensureDemoDatabase(url: string, options: EnsureDemoOptions = {}): Promise<{ created: boolean }> {
  const log = options.log ?? ((line: string) => console.log(line));
  if (!(await prepareDemoDatabase(url))) return { created: false };
  log(`Creating the demo database in ${redact(url)}`);
  try {
    const prisma = await openDemoClient(url);
    try {
      const result = await seed(prisma, {
        ...(options.size ?? presets.demo),
        onProgress: options.log ? undefined : progressPrinter(),
      });
      log(`Seeded ${result.posts} posts, ${result.comments} comments and ${result.authors} authors in ${(result.ms / 1000).toFixed(1)} s`);
    } finally {
      await prisma.$disconnect();
    }
  } catch (error) {
    // A half-seeded SQLite file would be "present" next time and never be seeded again: remove it.
    if (providerOfUrl(url) === 'sqlite') rmSync(sqliteFileOfUrl(url), { force: true });
    throw error;
  }
  return { created: true };
}

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
