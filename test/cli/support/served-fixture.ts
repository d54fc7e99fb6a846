// `prisma-admin-site serve` over the CLI fixture schema on a new database of one provider, logged in as a browser would:
// the setup the CLI suites share (each test file fills its database as it needs before the server starts).
import { postgresAvailable } from '../../support/databases.ts';
import { freshDatabase, mysqlAvailable, writeFixtureSchema, type CliProvider, type FixtureSchema, type FreshDatabase } from './cli-fixture.ts';
import { startServe, type ServeProcess } from './cli-process.ts';
import { HttpBrowser } from './http-browser.ts';

export const CLI_PROVIDERS: CliProvider[] = ['sqlite', 'postgresql', 'mysql'];

/** Which providers have a test server here (SQLite always). */
export async function availableProviders(): Promise<Record<CliProvider, boolean>> {
  return { sqlite: true, postgresql: await postgresAvailable(), mysql: await mysqlAvailable() };
}

export interface ServedFixture {
  schema: FixtureSchema;
  db: FreshDatabase;
  serve: ServeProcess;
  browser: HttpBrowser;
  /** Stops the server (its exit code), then drops the database and the schema folder. */
  close(): Promise<number | null>;
}

export async function serveFixture(provider: CliProvider, fill?: (db: FreshDatabase) => Promise<void>): Promise<ServedFixture> {
  const schema = writeFixtureSchema(provider);
  const db = await freshDatabase(provider, schema.path);
  await fill?.(db);
  const serve = await startServe(['--schema', schema.path, '--url', db.url]);
  const browser = await new HttpBrowser(serve.origin).login();
  return {
    schema, db, serve, browser,
    async close() {
      const code = await serve.stop();
      await db.cleanup();
      schema.cleanup();
      return code;
    },
  };
}
