// The large data sets (1,000,000 posts; 10,000,000 on PostgreSQL behind --sizes): the 100,000-post benchmark
// database copied, then its posts, their tag links and their comments repeated inside the database
// (INSERT … SELECT, no rows travel through Node) with shifted ids and slugs, so every copy has the same authors,
// categories, statuses and words: a search or a filter matches 10× the rows at 10× the size, and growth is a ratio.
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';
import { postgresConnectionString, quoteIdent } from '../scripts/db/apply-schema.ts';

/** Bump when the way copies are made changes. */
const SCALE_REVISION = 1;

export const SIZES = { '100k': 1, '1m': 10, '10m': 100 } as const;
export type SizeName = keyof typeof SIZES;

export function scaledVersion(version: string, factor: number): string {
  return factor === 1 ? version : `${version}-x${factor}-r${SCALE_REVISION}`;
}

/** Per table, the column expressions of copy number `k` (others are copied as they are). */
function shifted(q: (name: string) => string, k: string, posts: number, comments: number, concat: (a: string, b: string) => string): Record<string, Record<string, string>> {
  return {
    Post: { id: `${q('id')} + ${k} * ${posts}`, slug: concat(q('slug'), `'--copy-' || ${k}`) },
    _PostToTag: { A: `${q('A')} + ${k} * ${posts}` },
    Comment: { id: `${q('id')} + ${k} * ${comments}`, postId: `${q('postId')} + ${k} * ${posts}` },
  };
}

function insertCopies(table: string, columns: string[], q: (name: string) => string, expressions: Record<string, string>, copies: string, where: string): string {
  const list = columns.map(q).join(', ');
  const values = columns.map((c) => expressions[c] ?? q(c)).join(', ');
  return `INSERT INTO ${q(table)} (${list}) SELECT ${values} FROM ${q(table)} ${copies} WHERE ${where}`;
}

/** Copies the 100k SQLite file to `file` and multiplies it by `factor`. */
export function scaleSqlite(source: string, file: string, factor: number, marker: string, version: string): boolean {
  if (existsSync(file) && existsSync(marker) && readFileSync(marker, 'utf8').trim() === version) return false;
  for (const f of [file, `${file}-journal`, `${file}-wal`, `${file}-shm`, marker]) rmSync(f, { force: true });
  copyFileSync(source, file);
  const db = new Database(file);
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
    const max = (table: string) => (db.prepare(`SELECT MAX(${table === '_PostToTag' ? '"A"' : 'id'}) AS n FROM ${q(table)}`).get() as { n: number }).n;
    const posts = max('Post');
    const comments = max('Comment');
    const expressions = shifted(q, 'k.n', posts, comments, (a, b) => `${a} || ${b}`);
    // Rows go in faster without the secondary indexes (the copied file may have the advised ones): dropped, rebuilt after.
    const indexes = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('Post', '_PostToTag', 'Comment')`).all() as { name: string; sql: string }[];
    db.transaction(() => {
      for (const index of indexes) db.exec(`DROP INDEX ${q(index.name)}`);
      for (const table of ['Post', '_PostToTag', 'Comment']) {
        const columns = (db.prepare(`PRAGMA table_info(${q(table)})`).all() as { name: string }[]).map((c) => c.name);
        const source = table === 'Comment' ? `${q('id')} <= ${comments}` : `${q(table === 'Post' ? 'id' : 'A')} <= ${posts}`;
        const copies = `, (WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < ${factor - 1}) SELECT n FROM c) k`;
        db.exec(insertCopies(table, columns, q, expressions[table], copies, source));
      }
      for (const index of indexes) db.exec(index.sql);
    })();
    db.exec('ANALYZE');
  } finally {
    db.close();
  }
  writeFileSync(marker, `${version}\n`);
  return true;
}

/** Creates `database` from the 100k database `template` and multiplies it by `factor`; ANALYZE (autovacuum is off). */
export async function scalePostgres(serverUrl: string, template: string, database: string, factor: number, databaseUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
    // Nobody may be connected to a template while it is copied.
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [template]);
    await admin.query(`CREATE DATABASE ${quoteIdent(database)} TEMPLATE ${quoteIdent(template)}`);
  } finally {
    await admin.end();
  }
  const db = new pg.Client({ connectionString: postgresConnectionString(databaseUrl) });
  await db.connect();
  try {
    const max = async (sql: string) => Number((await db.query<{ n: string }>(sql)).rows[0].n);
    const posts = await max('SELECT MAX(id) AS n FROM "Post"');
    const comments = await max('SELECT MAX(id) AS n FROM "Comment"');
    const expressions = shifted(quoteIdent, 'k', posts, comments, (a, b) => `${a} || ${b}`);
    // Rows go in faster without the secondary indexes (the template may have the advised ones, GIN among them): the
    // indexes no constraint owns are dropped, and rebuilt from their definitions after.
    const { rows: indexes } = await db.query<{ name: string; definition: string }>(
      `SELECT indexname AS name, indexdef AS definition FROM pg_indexes i WHERE schemaname = current_schema() AND tablename IN ('Post', '_PostToTag', 'Comment')
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)`);
    for (const index of indexes) await db.query(`DROP INDEX ${quoteIdent(index.name)}`);
    for (const table of ['Post', '_PostToTag', 'Comment']) {
      const { rows } = await db.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`, [table]);
      const source = table === 'Comment' ? `"id" <= ${comments}` : `${quoteIdent(table === 'Post' ? 'id' : 'A')} <= ${posts}`;
      console.log(`  ${table}: ${factor - 1} more copies`);
      await db.query(insertCopies(table, rows.map((r) => r.column_name), quoteIdent, expressions[table], `, generate_series(1, ${factor - 1}) AS k`, source));
    }
    await db.query("SET maintenance_work_mem = '512MB'");
    for (const index of indexes) {
      console.log(`  ${index.definition}`);
      await db.query(index.definition);
    }
    for (const table of ['Post', 'Comment']) {
      await db.query(`SELECT setval(pg_get_serial_sequence($1, 'id'), (SELECT MAX(id) FROM ${quoteIdent(table)}) + 1, false)`, [quoteIdent(table)]);
    }
    await db.query('VACUUM ANALYZE');
  } finally {
    await db.end();
  }
}
