// The schema corpus (test/fixtures/corpus/*.prisma: fragments of real apps' schemas) behind the admin plugin, over a
// fresh database of each provider the schema fits: a SQLite schema runs on SQLite, PostgreSQL and MariaDB (its
// provider switched, as test/support/databases.ts does); a PostgreSQL or MySQL one only there. The client is the
// CLI's (ensureGeneratedClient, cached by content), the schema is read as the person wrote it (removed preview
// features and all); rows are generated from the model metadata (corpus-rows.ts) before the tests run.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { applySchema, providerOfSchema, quoteIdent, readSchemaFiles, withProvider, type Provider, type SchemaFile } from '../../scripts/db/apply-schema.ts';
import { admin, parseSchemaFiles } from '../../src/index.ts';
import type { SchemaMeta } from '../../src/schema/types.ts';
import { ensureGeneratedClient } from '../../src/client/generate-client.ts';
import { openPrismaClient, type OpenedClient } from '../../src/client/open-client.ts';
import { parseDatabaseUrl } from '../../src/client/database-url.ts';
import { openSqlConnection, type SqlConnection } from '../../src/cli/sql-connection.ts';
import { withoutUnknownPreviewFeatures } from '../../src/schema/preview-features.ts';
import { Browser, testCredentials } from './cookie-jar.ts';
import { POSTGRES_ADMIN_URL, postgresAvailable } from './databases.ts';
import { MYSQL_ADMIN_URL, mysqlAdmin, mysqlAvailable } from '../cli/support/cli-fixture.ts';
import { insertCorpusRows, storeJsonNulls } from './corpus-rows.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const CORPUS = path.join(root, 'test/fixtures/corpus');

export interface CorpusSchema {
  /** The file name without `.prisma`. */
  name: string;
  files: SchemaFile[];
  /** Providers it runs on: all three for a SQLite schema, else its own. */
  providers: Provider[];
  /** CREATE VIEW statements (`<name>.views.sql`), one per line. */
  views: string[];
}

export function corpusSchemas(): CorpusSchema[] {
  return readdirSync(CORPUS).filter((f) => f.endsWith('.prisma')).sort().map((file) => {
    const files = readSchemaFiles(path.join(CORPUS, file));
    const own = providerOfSchema(files).replace(/^postgres$/, 'postgresql') as Provider;
    const name = file.replace(/\.prisma$/, '');
    const viewsFile = path.join(CORPUS, `${name}.views.sql`);
    const views = existsSync(viewsFile) ? readFileSync(viewsFile, 'utf8').split('\n').filter((l) => /^\s*CREATE VIEW/i.test(l)) : [];
    return { name, files, providers: own === 'sqlite' ? ['sqlite', 'postgresql', 'mysql'] : [own], views };
  });
}

/** Which providers have a test server here (SQLite always). */
export async function availableProviders(): Promise<Record<Provider, boolean>> {
  return { sqlite: true, postgresql: await postgresAvailable(), mysql: await mysqlAvailable() };
}

export interface CorpusApp {
  provider: Provider;
  schema: SchemaMeta;
  app: FastifyInstance;
  browser: Browser;
  prisma: OpenedClient;
  /** Raw SQL on the same database (the rows as stored, without the admin or Prisma in between). */
  sql: SqlConnection;
  close(): Promise<void>;
}

export async function startCorpusApp(corpus: CorpusSchema, provider: Provider): Promise<CorpusApp> {
  testCredentials();
  const files = provider === providerOfSchema(corpus.files) ? corpus.files : withProvider(corpus.files, provider);
  const db = await freshDatabase(provider);
  const closers: (() => Promise<unknown>)[] = [db.cleanup];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch(() => {});
  };
  try {
    // Dev tooling (the schema engine) wants a schema Prisma accepts; the admin gets the schema as written.
    await applySchema(withoutUnknownPreviewFeatures(files).files, db.url);
    const sql = await openSqlConnection(db.url);
    closers.push(() => sql.close());
    for (const statement of corpus.views) await sql.run(statement, []);
    const schema = parseSchemaFiles(files);
    const generated = await ensureGeneratedClient(files, { isFolder: false, env: { PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath } });
    const prisma = await openPrismaClient(generated.clientFile, parseDatabaseUrl(db.url));
    closers.push(() => prisma.$disconnect());
    await storeJsonNulls(schema, await insertCorpusRows(schema, prisma), sql);
    const app = Fastify();
    closers.push(() => app.close());
    await app.register(admin, { prefix: '/admin', schema, prisma: prisma as never });
    await app.ready();
    const browser = await new Browser(app).login();
    return { provider, schema, app, browser, prisma, sql, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function freshDatabase(provider: Provider): Promise<{ url: string; cleanup: () => Promise<void> }> {
  const name = `pa_corpus_${randomBytes(5).toString('hex')}`;
  if (provider === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'pa-corpus-'));
    return { url: `file:${path.join(dir, 'test.db')}`, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  if (provider === 'postgresql') {
    const url = new URL(POSTGRES_ADMIN_URL);
    url.pathname = `/${name}`;
    await postgresAdmin(`CREATE DATABASE ${quoteIdent(name)}`);
    return { url: url.toString(), cleanup: () => postgresAdmin(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`) };
  }
  const url = new URL(MYSQL_ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), cleanup: async () => void (await mysqlAdmin((c) => c.query(`DROP DATABASE IF EXISTS \`${name}\``))) };
}

async function postgresAdmin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
