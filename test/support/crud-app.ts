// The CRUD fixture (test/fixtures/crud/schema.prisma: every id type, every scalar type) behind the admin plugin on a
// bare fastify app, over a fresh SQLite or PostgreSQL database. Its Prisma clients are generated on first use into
// test/fixtures/crud/generated and generated-pg (both gitignored), and again whenever the schema or prisma changes.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import Fastify, { type FastifyInstance } from 'fastify';
import { postgresConnectionString, postgresSchemaOfUrl, readSchemaFiles, withProvider } from '../../scripts/db/apply-schema.ts';
import { ensurePostgresClient } from '../../scripts/generate-pg-client.ts';
import { admin, parseSchemaFiles } from '../../src/index.ts';
import { Browser, testCredentials } from './cookie-jar.ts';
import { freshPostgresDatabase, freshSqliteDatabase } from './databases.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const CRUD_SCHEMA = path.join(root, 'test/fixtures/crud/schema.prisma');
const GENERATED = path.join(root, 'test/fixtures/crud/generated');
const GENERATED_PG = path.join(root, 'test/fixtures/crud/generated-pg');
const STAMP = path.join(GENERATED, '.schema-hash');

export type CrudProvider = 'sqlite' | 'postgresql';

/** The generated client, loosely typed (its types exist only once generated): the tests read records back with it. */
export type CrudClient = any;
type ClientModule = { PrismaClient: new (options: object) => CrudClient };

export interface QueryEvent {
  query: string;
  params: string;
}

/** Runs `prisma generate` for the fixture (SQLite client) when its client is missing or stale. */
export function ensureCrudClient(): string {
  const require = createRequire(import.meta.url);
  const prismaVersion = (require('prisma/package.json') as { version: string }).version;
  const hash = createHash('sha256').update(readFileSync(CRUD_SCHEMA)).update(prismaVersion).digest('hex');
  const client = path.join(GENERATED, 'client.ts');
  if (existsSync(client) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === hash) return client;
  // Generate never runs the schema engine, but the CLI looks for its binary first: any executable will do (see
  // scripts/generate-client.ts).
  const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1' };
  const cli = path.join(root, 'node_modules/prisma/build/index.js');
  const result = spawnSync(process.execPath, [cli, 'generate', '--schema', CRUD_SCHEMA], { cwd: root, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`prisma generate failed for ${CRUD_SCHEMA}:\n${result.stdout}\n${result.stderr}`);
  writeFileSync(STAMP, hash);
  return client;
}

/** Generates the fixture's PostgreSQL client when missing or stale; returns its `client.ts`. */
export function ensureCrudPostgresClient(): string {
  return ensurePostgresClient(CRUD_SCHEMA, GENERATED_PG);
}

export interface CrudApp {
  provider: CrudProvider;
  app: FastifyInstance;
  prisma: CrudClient;
  url: string;
  /** Logged in as the test superuser. */
  browser: Browser;
  close(): Promise<void>;
}

/** A fresh database of the fixture schema, a client on it, and the admin mounted at /admin of a bare fastify app. */
export async function startCrudApp(options: { provider?: CrudProvider; onQuery?: (event: QueryEvent) => void } = {}): Promise<CrudApp> {
  const provider = options.provider ?? 'sqlite';
  testCredentials();
  const clientFile = provider === 'sqlite' ? ensureCrudClient() : ensureCrudPostgresClient();
  const { PrismaClient } = (await import(pathToFileURL(clientFile).href)) as ClientModule;
  const db = provider === 'sqlite' ? await freshSqliteDatabase(CRUD_SCHEMA) : await freshPostgresDatabase(CRUD_SCHEMA);
  const adapter = provider === 'sqlite'
    ? new PrismaBetterSqlite3({ url: (db as { path: string }).path })
    : new PrismaPg({ connectionString: postgresConnectionString(db.url) }, { schema: postgresSchemaOfUrl(db.url) });
  const prisma = new PrismaClient({ adapter, ...(options.onQuery ? { log: [{ emit: 'event', level: 'query' }] } : {}) });
  if (options.onQuery) prisma.$on('query', options.onQuery);
  const schemaFiles = readSchemaFiles(CRUD_SCHEMA);
  const schema = parseSchemaFiles(provider === 'sqlite' ? schemaFiles : withProvider(schemaFiles, 'postgresql'));
  const app = Fastify();
  try {
    await app.register(admin, { prefix: '/admin', schema, prisma });
    await app.ready();
  } catch (error) {
    await app.close().catch(() => {});
    await prisma.$disconnect();
    await db.cleanup();
    throw error;
  }
  const browser = await new Browser(app).login();
  return {
    provider,
    app,
    prisma,
    url: db.url,
    browser,
    async close() {
      await app.close();
      await prisma.$disconnect();
      await db.cleanup();
    },
  };
}
