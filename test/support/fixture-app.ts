// A fixture schema of the test's own (test/fixtures/real-schemas/*.prisma) behind the admin plugin on a bare fastify
// app, over a fresh PostgreSQL database. The fixture's client is generated before the tests (and again whenever the
// schema or prisma changes) into the generated-pg folder beside it (gitignored).
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PrismaPg } from '@prisma/adapter-pg';
import Fastify, { type FastifyInstance } from 'fastify';
import { postgresConnectionString, postgresSchemaOfUrl, readSchemaFiles } from '../../scripts/db/apply-schema.ts';
import { ensurePostgresClient } from '../../scripts/generate-pg-client.ts';
import { admin, parseSchemaFiles, type AdminSite } from '../../src/index.ts';
import { Browser, testCredentials } from './cookie-jar.ts';
import { freshPostgresDatabase } from './databases.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The generated client, loosely typed (its types exist only once generated). */
export type FixtureClient = any;

export interface FixtureApp {
  app: FastifyInstance;
  prisma: FixtureClient;
  /** Logged in as the test superuser. */
  browser: Browser;
  close(): Promise<void>;
}

/** The fixture schemas the route tests serve (test/support/generate-test-clients.ts generates their clients first). */
export const FIXTURE_SCHEMAS = ['test/fixtures/real-schemas/postgres.prisma'];

/**
 * Generates the fixture's PostgreSQL client when missing or stale, into generated-pg/<schema name>/ beside it (one
 * folder per schema: two fixtures of one folder would otherwise regenerate over each other); returns its `client.ts`.
 */
export function ensureFixtureClient(schemaPath: string): string {
  const absolute = path.resolve(root, schemaPath);
  if (!FIXTURE_SCHEMAS.some((listed) => path.resolve(root, listed) === absolute)) {
    throw new Error(`Add ${schemaPath} to FIXTURE_SCHEMAS (test/support/fixture-app.ts), so its client is generated before the tests run in parallel`);
  }
  return ensurePostgresClient(absolute, path.join(path.dirname(absolute), 'generated-pg', path.basename(absolute, '.prisma')));
}

/** A fresh PostgreSQL database of `schemaPath` (relative to the repository root), a client on it, the admin at /admin. */
export async function startFixtureApp(schemaPath: string, options: { site?: AdminSite } = {}): Promise<FixtureApp> {
  testCredentials();
  const absolute = path.resolve(root, schemaPath);
  const clientFile = ensureFixtureClient(absolute);
  const { PrismaClient } = (await import(pathToFileURL(clientFile).href)) as { PrismaClient: new (options: object) => FixtureClient };
  const db = await freshPostgresDatabase(absolute);
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: postgresConnectionString(db.url) }, { schema: postgresSchemaOfUrl(db.url) }) });
  const app = Fastify();
  try {
    await app.register(admin, { prefix: '/admin', schema: parseSchemaFiles(readSchemaFiles(absolute)), prisma, site: options.site });
    await app.ready();
  } catch (error) {
    await app.close().catch(() => {});
    await prisma.$disconnect();
    await db.cleanup();
    throw error;
  }
  const browser = await new Browser(app).login();
  return {
    app,
    prisma,
    browser,
    async close() {
      await app.close();
      await prisma.$disconnect();
      await db.cleanup();
    },
  };
}
