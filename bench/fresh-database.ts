// A database of its own for one bench scenario (import, bulk edit): a temporary SQLite file, or a new PostgreSQL
// database on the test server; drop() removes it.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { postgresConnectionString, quoteIdent } from '../scripts/db/apply-schema.ts';
import type { Engine } from './data.ts';

const POSTGRES_ADMIN = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export async function freshBenchDatabase(engine: Engine, prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  if (engine === 'sqlite') {
    const file = path.join(os.tmpdir(), `${name}.db`);
    return { url: `file:${file}`, drop: async () => rmSync(file, { force: true }) };
  }
  const url = new URL(POSTGRES_ADMIN);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: postgresConnectionString(POSTGRES_ADMIN) });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`).finally(() => client.end());
    },
  };
}
