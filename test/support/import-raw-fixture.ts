// The fixtures of test/routes/import-raw-create.test.ts (test/fixtures/import-raw): their Prisma clients, generated on
// first use (and whenever the schema or prisma changes; generate-test-clients.ts runs this first), and a fresh database
// of one (with the admin's own models) with a client on it and the admin's metadata of its schema.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { postgresConnectionString, postgresSchemaOfUrl, readSchemaFiles, withProvider } from '../../scripts/db/apply-schema.ts';
import { ensurePostgresClient } from '../../scripts/generate-pg-client.ts';
import { parseSchemaFiles } from '../../src/index.ts';
import type { SchemaMeta } from '../../src/schema/types.ts';
import { freshPostgresDatabase, freshSqliteDatabase } from './databases.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const folder = path.join(root, 'test/fixtures/import-raw');
export const EVERYTHING_SCHEMA = path.join(folder, 'everything.prisma');
export const POSTGRES_ONLY_SCHEMA = path.join(folder, 'postgres-only.prisma');

/** The generated client, loosely typed (its types exist only once generated). */
export type FixtureClient = any;

/**
 * The fixture with the admin's own models beside it (the import keeps its file in AdminImportJob), as a schema folder
 * under generated/ (rewritten when either changes).
 */
function withAdminModels(schemaPath: string): string {
  const name = path.basename(schemaPath, '.prisma');
  const target = path.join(folder, 'generated', 'schemas', name);
  const files = [...readSchemaFiles(schemaPath), ...readSchemaFiles(path.join(root, 'prisma/schema/prisma-admin-site.prisma'))];
  mkdirSync(target, { recursive: true });
  for (const file of files) {
    const copy = path.join(target, path.basename(file.path));
    const content = file.content.replace(/\boutput\s*=\s*"[^"]*"/, `output = ${JSON.stringify(path.join(folder, 'generated', name))}`);
    if (!existsSync(copy) || readFileSync(copy, 'utf8') !== content) writeFileSync(copy, content);
  }
  return target;
}

/** Generates the fixture's clients that are missing or stale; returns the `client.ts` of the one asked for. */
export function ensureImportRawClient(fixturePath: string, provider: 'sqlite' | 'postgresql'): string {
  const name = path.basename(fixturePath, '.prisma');
  const schemaPath = withAdminModels(fixturePath);
  if (provider === 'postgresql') return ensurePostgresClient(schemaPath, path.join(folder, 'generated-pg', name));
  const require = createRequire(import.meta.url);
  const prismaVersion = (require('prisma/package.json') as { version: string }).version;
  const hash = createHash('sha256').update(prismaVersion);
  for (const file of readSchemaFiles(schemaPath)) hash.update(file.content);
  const generated = path.join(folder, 'generated', name);
  const client = path.join(generated, 'client.ts');
  const stamp = path.join(generated, '.schema-hash');
  if (existsSync(client) && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash.copy().digest('hex')) return client;
  // As crud-app.ts: generate never runs the schema engine, but the CLI looks for its binary first.
  const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1' };
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules/prisma/build/index.js'), 'generate', '--schema', schemaPath], { cwd: root, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`prisma generate failed for ${schemaPath}:\n${result.stdout}\n${result.stderr}`);
  writeFileSync(stamp, hash.digest('hex'));
  return client;
}

export function ensureImportRawClients(): void {
  ensureImportRawClient(EVERYTHING_SCHEMA, 'sqlite');
  ensureImportRawClient(EVERYTHING_SCHEMA, 'postgresql');
  ensureImportRawClient(POSTGRES_ONLY_SCHEMA, 'postgresql');
}

export interface ImportRawDatabase {
  prisma: FixtureClient;
  schema: SchemaMeta;
  close(): Promise<void>;
}

/** A fresh database of the fixture, a client on it (`onQuery` hears its statements) and its schema's metadata. */
export async function openImportRawDatabase(fixturePath: string, provider: 'sqlite' | 'postgresql', onQuery?: (sql: string) => void, sqliteOptions: { timestampFormat?: 'iso8601' | 'unixepoch-ms' } = {}): Promise<ImportRawDatabase> {
  const { PrismaClient } = (await import(pathToFileURL(ensureImportRawClient(fixturePath, provider)).href)) as { PrismaClient: new (options: object) => FixtureClient };
  const schemaPath = withAdminModels(fixturePath);
  const db = provider === 'sqlite' ? await freshSqliteDatabase(schemaPath) : await freshPostgresDatabase(schemaPath);
  const adapter = provider === 'sqlite'
    ? new PrismaBetterSqlite3({ url: (db as { path: string }).path }, sqliteOptions)
    : new PrismaPg({ connectionString: postgresConnectionString(db.url) }, { schema: postgresSchemaOfUrl(db.url) });
  const prisma = new PrismaClient({ adapter, ...(onQuery ? { log: [{ emit: 'event', level: 'query' }] } : {}) });
  if (onQuery) prisma.$on('query', (e: { query: string }) => onQuery(e.query));
  const files = readSchemaFiles(schemaPath);
  return {
    prisma,
    schema: parseSchemaFiles(provider === 'postgresql' ? withProvider(files, 'postgresql') : files),
    async close() {
      await prisma.$disconnect();
      await db.cleanup();
    },
  };
}
