// The export scenario of `npm run bench` (issue 17): one export of every post of a database of `rows` posts (default
// 1,000,000), per format and engine, through the admin server in production mode: time, bytes, the server's CPU time
// (user + system, from /proc) and its RSS before and at its peak (sampled every 100 ms). The database is the demo's
// small preset topped up with copies of its posts written by the database itself (a recursive CTE on SQLite,
// generate_series on PostgreSQL), cached per row count (bench/.data/ on SQLite, a database of its own on PostgreSQL).
import { fork } from 'node:child_process';
import path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';
import { postgresConnectionString } from '../scripts/db/apply-schema.ts';
import { presets } from '../scripts/seed.ts';
import { ensureDemoDatabase } from '../scripts/demo-db.ts';
import { ensureDemoSuperuser } from '../scripts/demo-server.ts';
import { BENCH_LOGIN, postgresBenchUrl, root, type Engine } from './data.ts';
import { logIn } from './http.ts';
import { EXPORT_BATCH_SIZE } from '../src/views/export/export-view.ts';
import { cpuMsOf, rssOfAll, sampleRss, startServer } from './servers.ts';

export const EXPORT_FORMATS = ['csv', 'jsonl', 'xlsx'] as const;

export interface ExportRun {
  engine: Engine;
  format: string;
  rows: number;
  seconds: number;
  bytes: number;
  rssBefore: number | null;
  rssPeak: number | null;
  /** CPU seconds (user + system) of the server's processes during the download. */
  cpuSeconds: number | null;
}

/** CPU time of processes so far, in seconds (Linux /proc; null elsewhere). */
function cpuOf(pids: number[]): number | null {
  const ms = cpuMsOf(pids);
  return ms === null ? null : ms / 1000;
}

/** The cached export database of `rows` posts on the engine: created, seeded and topped up when missing. */
async function exportDatabase(engine: Engine, rows: number): Promise<string> {
  return engine === 'sqlite' ? sqliteExportDatabase(rows) : postgresExportDatabase(rows);
}

async function sqliteExportDatabase(rows: number): Promise<string> {
  const file = path.join(root, `bench/.data/export-${rows}.db`);
  const url = `file:${file}`;
  if (!existsSync(file)) await ensureDemoDatabase(url, { size: presets.small, log: (line) => console.log(`  ${line}`) });
  await ensureDemoSuperuser(url, { ADMIN_USERNAME: BENCH_LOGIN.username, ADMIN_PASSWORD: BENCH_LOGIN.password });
  const db = new Database(file);
  try {
    const count = () => (db.prepare('SELECT COUNT(*) AS n FROM Post').get() as { n: number }).n;
    const missing = rows - count();
    if (missing > 0) {
      console.log(`  Writing ${missing.toLocaleString('en-US')} posts for the export scenario…`);
      db.exec(`
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${missing})
        INSERT INTO Post (title, slug, body, status, publishedAt, createdAt, updatedAt, viewCount, rating, authorId, categoryId)
        SELECT p.title || ' #' || (i + ${count()}), 'export-' || (i + ${count()}), p.body, p.status, p.publishedAt, p.createdAt, p.updatedAt, i, p.rating, p.authorId, p.categoryId
        FROM n JOIN Post AS p ON p.id = 1 + (i % ${presets.small.posts})`);
    }
  } finally {
    db.close();
  }
  return url;
}

async function postgresExportDatabase(rows: number): Promise<string> {
  const url = new URL(postgresBenchUrl());
  url.pathname = `/pa_bench_export_${rows}`;
  const text = url.toString();
  await ensureDemoDatabase(text, { size: presets.small, log: (line) => console.log(`  ${line}`) });
  await ensureDemoSuperuser(text, { ADMIN_USERNAME: BENCH_LOGIN.username, ADMIN_PASSWORD: BENCH_LOGIN.password });
  const db = new pg.Client({ connectionString: postgresConnectionString(text) });
  await db.connect();
  try {
    const count = Number((await db.query('SELECT COUNT(*) AS n FROM "Post"')).rows[0].n);
    const missing = rows - count;
    if (missing > 0) {
      console.log(`  Writing ${missing.toLocaleString('en-US')} posts for the export scenario…`);
      await db.query(`
        INSERT INTO "Post" (title, slug, body, status, "publishedAt", "createdAt", "updatedAt", "viewCount", rating, "authorId", "categoryId")
        SELECT p.title || ' #' || (i + ${count}), 'export-' || (i + ${count}), p.body, p.status, p."publishedAt", p."createdAt", p."updatedAt", i, p.rating, p."authorId", p."categoryId"
        FROM generate_series(1, ${missing}) AS i JOIN "Post" AS p ON p.id = 1 + (i % ${presets.small.posts})`);
      await db.query('ANALYZE');
    }
  } finally {
    await db.end();
  }
  return text;
}

/** Reads the whole download as a browser would, counting bytes (and lines, for JSON Lines). */
async function download(url: string, cookie: string): Promise<{ bytes: number; lines: number }> {
  const response = await fetch(url, { headers: { cookie } });
  if (response.status !== 200) throw new Error(`Export answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  let bytes = 0;
  let lines = 0;
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.length;
    for (let i = value.indexOf(0x0a); i !== -1; i = value.indexOf(0x0a, i + 1)) lines++;
  }
  return { bytes, lines };
}

export async function measureExport(engine: Engine, rows: number, formats: readonly string[] = EXPORT_FORMATS): Promise<ExportRun[]> {
  console.log(`\nExport, ${rows.toLocaleString('en-US')} posts on ${engine} (all fields)`);
  const url = await exportDatabase(engine, rows);
  const server = await startServer('admin', url);
  try {
    const cookie = await logIn(server.base, BENCH_LOGIN);
    const runs: ExportRun[] = [];
    for (const format of formats) {
      const rssBefore = rssOfAll(server.pids());
      const sampler = sampleRss(server.pids());
      const cpuBefore = cpuOf(server.pids());
      const started = performance.now();
      const { bytes, lines } = await download(`${server.base}/admin/post/export?_columns=all&_format=${format}`, cookie);
      const seconds = (performance.now() - started) / 1000;
      const { peak } = sampler.stop();
      const cpuAfter = cpuOf(server.pids());
      const cpuSeconds = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
      if (format === 'jsonl' && lines !== rows) throw new Error(`The JSON Lines export has ${lines} lines, not ${rows}`);
      runs.push({ engine, format, rows, seconds, bytes, rssBefore, rssPeak: peak, cpuSeconds });
      console.log(`  ${format.padEnd(6)} ${seconds.toFixed(1).padStart(7)} s  CPU ${cpuSeconds?.toFixed(1) ?? '?'} s  ${(bytes / 1e6).toFixed(1).padStart(8)} MB  RSS ${mb(rssBefore)} → peak ${mb(peak)} MB`);
    }
    runs.push(await measureBareRead(engine, url, rows));
    return runs;
  } finally {
    await server.stop();
  }
}

/** The label of the baseline's row: bench/bare-read.ts, Prisma alone reading what the export reads. */
export const BARE_READ = 'bare findMany';

/** The baseline (bench/bare-read.ts) in a process of its own, measured as the exports are: RSS sampled every 100 ms. */
async function measureBareRead(engine: Engine, url: string, rows: number): Promise<ExportRun> {
  const child = fork(path.join(root, 'bench/bare-read.ts'), [url, String(EXPORT_BATCH_SIZE)], {
    cwd: root,
    execArgv: ['--import', 'tsx', '--no-deprecation'],
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = () => new Promise<{ ready?: boolean; rows?: number }>((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`bench/bare-read.ts exited with code ${code}`)));
  });
  try {
    await next();
    const pids = [child.pid!];
    const rssBefore = rssOfAll(pids);
    const sampler = sampleRss(pids);
    const cpuBefore = cpuOf(pids);
    const started = performance.now();
    child.send('go');
    const done = await next();
    const seconds = (performance.now() - started) / 1000;
    const { peak } = sampler.stop();
    const cpuAfter = cpuOf(pids);
    if (done.rows !== rows) throw new Error(`The bare read saw ${done.rows} posts, not ${rows}`);
    const cpuSeconds = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
    console.log(`  ${BARE_READ} ${seconds.toFixed(1).padStart(7)} s  CPU ${cpuSeconds?.toFixed(1) ?? '?'} s  RSS ${mb(rssBefore)} → peak ${mb(peak)} MB`);
    return { engine, format: BARE_READ, rows, seconds, bytes: 0, rssBefore, rssPeak: peak, cpuSeconds };
  } finally {
    if (child.exitCode === null) child.kill();
  }
}

const mb = (bytes: number | null) => (bytes === null ? '?' : (bytes / 2 ** 20).toFixed(0));

/** The section of RESULTS.md. */
export function exportMarkdown(runs: ExportRun[]): string {
  if (!runs.length) return '';
  const rowsText = runs[0].rows.toLocaleString('en-US');
  const growth = (r: ExportRun) => (r.rssBefore !== null && r.rssPeak !== null ? r.rssPeak - r.rssBefore : null);
  const exports = runs.filter((r) => r.format !== BARE_READ);
  const worst = Math.max(...exports.map((r) => growth(r) ?? 0));
  const bare = runs.filter((r) => r.format === BARE_READ);
  return [
    `## Export (${rowsText} posts, all fields)`,
    '',
    `One download per format and engine through the admin in production mode (bench/export.ts), read as fast as the client can; RSS of the server process sampled every 100 ms; CPU = user + system seconds of the server process during the download (the database server's own CPU not included on PostgreSQL). The machine is shared: compare the CPU column and the ratios, not the wall times. The row "${BARE_READ}" is the baseline: the same posts read by a bare Prisma findMany keyset walk (the same client and batch size, no admin, no HTTP, no format) in a fresh process of its own (bench/bare-read.ts), which is what Prisma alone grows reading them.`,
    '',
    '| engine | format | time | rows/s | server CPU | CPU µs / row | size | RSS before | RSS peak | growth |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...runs.map((r) => `| ${r.engine} | ${r.format} | ${r.seconds.toFixed(1)} s | ${Math.round(r.rows / r.seconds).toLocaleString('en-US')} | ${r.cpuSeconds === null ? '?' : `${r.cpuSeconds.toFixed(1)} s`} | ${r.cpuSeconds === null ? '?' : ((1e6 * r.cpuSeconds) / r.rows).toFixed(1)} | ${r.format === BARE_READ ? '—' : `${(r.bytes / 1e6).toFixed(1)} MB`} | ${mb(r.rssBefore)} MB | ${mb(r.rssPeak)} MB | ${growth(r) === null ? '?' : mb(growth(r))} MB |`),
    '',
    `Target (issue 17): RSS growth under 50 MB per export: **${worst < 50 * 2 ** 20 ? 'holds' : 'misses'}** (largest growth ${mb(worst)} MB)${bare.length ? `; the bare findMany walk of the same rows grew ${bare.map((r) => `${mb(growth(r))} MB on ${r.engine}`).join(', ')}` : ''}.`,
    '',
  ].join('\n');
}
