// Dev/test only: a Prisma client of the demo blog schema for a SQLite or PostgreSQL URL. A generated client is tied to
// one provider: prisma/generated/ is the sqlite one (`npm start` generates it); the PostgreSQL one is generated on
// first use into prisma/generated-pg/ (scripts/generate-pg-client.ts). Both have the same model API, so both are typed
// as the sqlite client.
import { pathToFileURL } from 'node:url';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '../../prisma/generated/client.ts';
import { parseDatabaseUrl } from '../../src/client/database-url.ts';
import { driverAdapterFor } from '../../src/client/driver-adapter.ts';
import { ensurePostgresClient } from '../generate-pg-client.ts';
import { providerOfUrl, sqliteFileOfUrl } from './apply-schema.ts';

export type DemoClient = PrismaClient;

/**
 * Opens a client of the demo schema; on PostgreSQL, `?schema=name` in the URL selects the schema. `options`: more of
 * PrismaClient's options (a test's `log`). Call `$disconnect()`.
 */
export async function openDemoClient(url: string, options: { log?: unknown[] } = {}): Promise<DemoClient> {
  switch (providerOfUrl(url)) {
    case 'sqlite':
      return new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: sqliteFileOfUrl(url) }), ...(options as object) });
    case 'postgresql': {
      const module = (await import(pathToFileURL(ensurePostgresClient()).href)) as { PrismaClient: typeof PrismaClient };
      // The CLI's adapter for the URL: its pool (queries of one connection queue in the client, see serialPgClient)
      // and its prepared statements (pg-statement-names.ts).
      const adapter = await driverAdapterFor(parseDatabaseUrl(url));
      return new module.PrismaClient({ adapter: adapter as never, ...(options as object) });
    }
    default:
      throw new Error(`The demo client supports SQLite and PostgreSQL URLs, not ${url.split(':')[0]}:`);
  }
}
