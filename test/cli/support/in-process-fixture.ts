// The CLI fixture schema on a new database of one provider (SQLite, PostgreSQL, MariaDB), served in this process by the
// admin plugin with an AdminSite of the test's own (admin classes whose hooks the test controls), for inject tests that
// need MariaDB or the fixture's every-type models. Its client is generated as `serve` generates it (cached).
import type { FastifyInstance } from 'fastify';
import { ensureGeneratedClient } from '../../../src/client/generate-client.ts';
import { parseDatabaseUrl } from '../../../src/client/database-url.ts';
import { openPrismaClient } from '../../../src/client/open-client.ts';
import { type AdminSite, createAdminServer, readSchema } from '../../../src/index.ts';
import type { AdminServerOptions } from '../../../src/http/server.ts';
import { loadSchemaFiles } from '../../../src/schema/schema-files.ts';
import { Browser, testCredentials } from '../../support/cookie-jar.ts';
import { freshDatabase, writeFixtureSchema, type CliProvider, type FixtureSchema, type FreshDatabase } from './cli-fixture.ts';

export interface InProcessAdmin {
  app: FastifyInstance;
  /** The client the admin was given (the generated client of the fixture schema, loosely typed). */
  prisma: any;
  /** Logged in as the test superuser (ADMIN_USERNAME / ADMIN_PASSWORD); null when the schema has the admin's models. */
  browser: Browser | null;
  db: FreshDatabase;
  /** The schema file or folder served. */
  schemaPath: string;
  close(): Promise<void>;
}

/**
 * `extraFiles` are added to the schema as a folder (see writeFixtureSchema); `site` gets the fixture's models;
 * `pgSchema` puts PostgreSQL's tables in that schema (the URL's `?schema=`, the plugin's postgresSchema); `server`: more
 * options of the admin (bulkBatchSize, ...).
 */
export async function startInProcessAdmin(provider: CliProvider, site: AdminSite, options: { extraFiles?: Record<string, string>; pgSchema?: string; server?: Partial<AdminServerOptions> } = {}): Promise<InProcessAdmin> {
  testCredentials();
  // `prisma generate` never runs the schema engine, but the CLI looks for its binary first (see cli-process.ts).
  process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
  const schema: FixtureSchema = writeFixtureSchema(provider, options);
  let db: FreshDatabase | undefined;
  let prisma: any;
  let app: FastifyInstance | undefined;
  try {
    db = await freshDatabase(provider, schema.path, { pgSchema: options.pgSchema });
    const files = await loadSchemaFiles(schema.path);
    const { clientFile } = await ensureGeneratedClient(files, { isFolder: !schema.path.endsWith('.prisma') });
    prisma = await openPrismaClient(clientFile, parseDatabaseUrl(db.url));
    app = await createAdminServer({ schema: await readSchema(schema.path), prisma, site, ...(options.pgSchema ? { postgresSchema: options.pgSchema } : {}), ...options.server });
    await app.ready();
  } catch (error) {
    await app?.close().catch(() => {});
    await prisma?.$disconnect().catch(() => {});
    await db?.cleanup();
    schema.cleanup();
    throw error;
  }
  const started = app;
  const browser = options.extraFiles && Object.values(options.extraFiles).some((text) => /^model AdminUser\b/m.test(text)) ? null : await new Browser(started).login();
  const database = db;
  return {
    app: started, prisma, browser, db: database, schemaPath: schema.path,
    async close() {
      await started.close();
      await prisma.$disconnect();
      await database.cleanup();
      schema.cleanup();
    },
  };
}
