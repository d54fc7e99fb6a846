// The server processes' Prisma client: the demo schema's client for the URL's provider, its driver adapter counting
// the SQL statements a request runs (what openDemoClient builds, plus bench/counting-adapter.ts).
import { pathToFileURL } from 'node:url';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '../prisma/generated/client.ts';
import { providerOfUrl, readSchemaFiles, sqliteFileOfUrl, withProvider } from '../scripts/db/apply-schema.ts';
import { demoSchemaPath, ensurePostgresClient } from '../scripts/generate-pg-client.ts';
import { parseSchemaFiles, type SchemaMeta } from '../src/index.ts';
import { parseDatabaseUrl } from '../src/client/database-url.ts';
import { driverAdapterFor } from '../src/client/driver-adapter.ts';
import { countingAdapter, type QueryCounter } from './counting-adapter.ts';

export type { QueryCounter } from './counting-adapter.ts';

export async function openCountingClient(url: string, counter: QueryCounter): Promise<PrismaClient> {
  if (providerOfUrl(url) === 'sqlite') return new PrismaClient({ adapter: countingAdapter(new PrismaBetterSqlite3({ url: sqliteFileOfUrl(url) }), counter) });
  const module = (await import(pathToFileURL(ensurePostgresClient()).href)) as { PrismaClient: typeof PrismaClient };
  // The adapter `serve` builds for the URL (its pool, its prepared statements).
  const adapter = await driverAdapterFor(parseDatabaseUrl(url));
  return new module.PrismaClient({ adapter: countingAdapter(adapter, counter) as never });
}

/**
 * The demo schema's metadata for the URL's provider. The schema files say `sqlite`; a PostgreSQL project's schema says
 * `postgresql`, and the admin builds its searches by provider (case-insensitive `mode` on PostgreSQL).
 */
export function demoSchemaFor(url: string): SchemaMeta {
  const files = readSchemaFiles(demoSchemaPath);
  return parseSchemaFiles(providerOfUrl(url) === 'sqlite' ? files : withProvider(files, 'postgresql'));
}
