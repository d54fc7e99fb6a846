// The benchmark's databases: the demo blog at benchmark size on SQLite (a cached file under bench/.data/) and on
// PostgreSQL (a cached database). Both are reused while their seed version matches: a hash of the seed scripts, the
// demo schema and the preset, so a change to any of them reseeds on the next run.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { postgresConnectionString, quoteIdent, redact } from '../scripts/db/apply-schema.ts';
import { openDemoClient } from '../scripts/db/demo-client.ts';
import { prepareDemoDatabase } from '../scripts/db/demo-schema.ts';
import { ensureDemoSuperuser } from '../scripts/demo-server.ts';
import { demoSchemaPath } from '../scripts/generate-pg-client.ts';
import { presets, progressPrinter, seed } from '../scripts/seed.ts';
import { createAdvisedIndexes, type AdvisedIndexes } from './indexes.ts';
import { SIZES, scaledVersion, scalePostgres, scaleSqlite, type SizeName } from './scale.ts';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.join(root, 'bench/.data');

/** The login the benchmark uses (an AdminUser row, upserted at every run). */
export const BENCH_LOGIN = { username: 'bench', password: 'bench-password-0x5eed' };

export type Engine = 'sqlite' | 'postgres';

export interface BenchDatabase {
  engine: Engine;
  size: SizeName;
  url: string;
  /** Whether this run seeded it (false: reused the cached one). */
  seeded: boolean;
  seedSeconds: number | null;
  /** The indexes `check` advises for the demo's admin, created where missing (bench/indexes.ts). */
  indexes?: AdvisedIndexes;
}

/** Bump to reseed every cached database (e.g. after changing how the benchmark prepares them). */
const BENCH_DATA_REVISION = 1;

export function seedVersion(): string {
  const hash = createHash('sha256').update(`revision ${BENCH_DATA_REVISION}\n`).update(JSON.stringify(presets.bench));
  const files = [
    'scripts/seed.ts',
    'scripts/seed-data.ts',
    ...readdirSync(demoSchemaPath).filter((f) => f.endsWith('.prisma')).sort().map((f) => path.join('prisma/schema', f)),
  ];
  for (const file of files) hash.update(file).update('\0').update(readFileSync(path.join(root, file))).update('\0');
  return hash.digest('hex').slice(0, 16);
}

export function postgresBenchUrl(): string {
  if (process.env.BENCH_POSTGRES_URL) return process.env.BENCH_POSTGRES_URL;
  const server = new URL(process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
  server.pathname = '/prisma_admin_bench';
  return server.toString();
}

export async function prepareDatabase(engine: Engine, options: { fresh: boolean; size?: SizeName }): Promise<BenchDatabase> {
  const version = seedVersion();
  const base = engine === 'sqlite' ? await prepareSqlite(version, options.fresh) : await preparePostgres(version, options.fresh);
  const size = options.size ?? '100k';
  const db = size === '100k' ? base : engine === 'sqlite' ? await scaledSqlite(base, size, version) : await scaledPostgres(base, size, version);
  console.log(`${engine} ${size}: the indexes \`check\` advises`);
  db.indexes = await createAdvisedIndexes(db.url);
  return db;
}

async function scaledSqlite(base: BenchDatabase, size: SizeName, version: string): Promise<BenchDatabase> {
  const file = path.join(dataDir, `blog-${size}.db`);
  const url = `file:${file}`;
  const began = performance.now();
  console.log(`SQLite ${size}: ${path.relative(root, file)}`);
  const seeded = scaleSqlite(sqliteFile(base.url), file, SIZES[size], path.join(dataDir, `blog-${size}.version`), scaledVersion(version, SIZES[size]));
  await resetRunState(url);
  return { engine: 'sqlite', size, url, seeded, seedSeconds: seeded ? (performance.now() - began) / 1000 : null };
}

async function scaledPostgres(base: BenchDatabase, size: SizeName, version: string): Promise<BenchDatabase> {
  const template = decodeURIComponent(new URL(base.url).pathname.slice(1));
  const database = `${template}_${size}`;
  const url = new URL(base.url);
  url.pathname = `/${database}`;
  const server = new URL(postgresConnectionString(base.url));
  server.pathname = '/postgres';
  const expected = `prisma-admin-site bench ${scaledVersion(version, SIZES[size])}`;
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  let cached: boolean;
  try {
    const { rows } = await admin.query<{ comment: string | null }>(`SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`, [database]);
    cached = rows.length === 1 && rows[0].comment === expected;
  } finally {
    await admin.end();
  }
  const began = performance.now();
  if (cached) console.log(`PostgreSQL ${size}: reusing database ${database}`);
  else {
    console.log(`PostgreSQL ${size}: copying ${template} to ${database} and multiplying it by ${SIZES[size]}`);
    await scalePostgres(server.toString(), template, database, SIZES[size], url.toString());
    const marker = new pg.Client({ connectionString: server.toString() });
    await marker.connect();
    await marker.query(`COMMENT ON DATABASE ${quoteIdent(database)} IS '${expected}'`).finally(() => marker.end());
  }
  await resetRunState(url.toString());
  return { engine: 'postgres', size, url: url.toString(), seeded: !cached, seedSeconds: cached ? null : (performance.now() - began) / 1000 };
}

const sqliteFile = (url: string) => url.replace(/^file:/, '');

async function prepareSqlite(version: string, fresh: boolean): Promise<BenchDatabase> {
  const file = path.join(dataDir, 'blog.db');
  const marker = path.join(dataDir, 'blog.version');
  const url = `file:${file}`;
  const cached = !fresh && existsSync(file) && existsSync(marker) && readFileSync(marker, 'utf8').trim() === version;
  if (cached) {
    console.log(`SQLite: reusing ${path.relative(root, file)} (seed version ${version})`);
    await resetRunState(url);
    return { engine: 'sqlite', size: '100k', url, seeded: false, seedSeconds: null };
  }
  mkdirSync(dataDir, { recursive: true });
  for (const f of [file, `${file}-journal`, `${file}-wal`, `${file}-shm`, marker]) rmSync(f, { force: true });
  console.log(`SQLite: seeding ${path.relative(root, file)} (seed version ${version})`);
  const seconds = await seedDemo(url);
  writeFileSync(marker, `${version}\n`);
  return { engine: 'sqlite', size: '100k', url, seeded: true, seedSeconds: seconds };
}

async function preparePostgres(version: string, fresh: boolean): Promise<BenchDatabase> {
  const url = postgresBenchUrl();
  const database = decodeURIComponent(new URL(url).pathname.slice(1));
  const server = new URL(postgresConnectionString(url));
  server.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: server.toString() });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable at ${redact(server.toString())} (${(error as Error).message}). Start it, set BENCH_POSTGRES_URL, or run only SQLite: npm run bench -- --db sqlite`);
  }
  try {
    const { rows } = await admin.query<{ comment: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`, [database]);
    const expected = `prisma-admin-site bench ${version}`;
    if (!fresh && rows.length === 1 && rows[0].comment === expected) {
      console.log(`PostgreSQL: reusing database ${database} (seed version ${version})`);
      await resetRunState(url);
      return { engine: 'postgres', size: '100k', url, seeded: false, seedSeconds: null };
    }
    if (rows.length === 1) await admin.query(`DROP DATABASE ${quoteIdent(database)} WITH (FORCE)`);
    console.log(`PostgreSQL: seeding database ${database} (seed version ${version})`);
    const seconds = await seedDemo(url);
    // A production database has planner statistics (autovacuum); a freshly loaded one has none until it runs.
    const db = new pg.Client({ connectionString: postgresConnectionString(url) });
    await db.connect();
    try {
      await db.query('VACUUM ANALYZE');
    } finally {
      await db.end();
    }
    await admin.query(`COMMENT ON DATABASE ${quoteIdent(database)} IS '${expected}'`);
    return { engine: 'postgres', size: '100k', url, seeded: true, seedSeconds: seconds };
  } finally {
    await admin.end();
  }
}

/** Applies the demo schema, seeds the bench preset with progress, and creates the benchmark's login. */
async function seedDemo(url: string): Promise<number> {
  await prepareDemoDatabase(url);
  const prisma = await openDemoClient(url);
  let seconds: number;
  try {
    const result = await seed(prisma, { ...presets.bench, onProgress: progressPrinter() });
    seconds = result.ms / 1000;
    console.log(`  seeded ${result.posts.toLocaleString('en-US')} posts, ${result.comments.toLocaleString('en-US')} comments, ${result.authors.toLocaleString('en-US')} authors in ${seconds.toFixed(1)} s`);
  } finally {
    await prisma.$disconnect();
  }
  await resetRunState(url);
  return seconds;
}

/** Every run starts alike: the benchmark's login (sessions and audit entries of earlier runs removed). */
async function resetRunState(url: string): Promise<void> {
  const prisma = await openDemoClient(url);
  try {
    await prisma.adminSession.deleteMany();
    await prisma.adminLogEntry.deleteMany();
  } finally {
    await prisma.$disconnect();
  }
  await ensureDemoSuperuser(url, { ADMIN_USERNAME: BENCH_LOGIN.username, ADMIN_PASSWORD: BENCH_LOGIN.password });
}
