// The export scenario of `npm run bench` (issue 17): one export of every post of a SQLite database of `rows` posts
// (default 1,000,000), per format, through the admin server in production mode: time, bytes, and the server's RSS
// before and at its peak (sampled every 100 ms). The database is the demo's small preset topped up with copies of
// its posts written by SQLite itself (a recursive CTE), cached in bench/.data/ per row count.
import { existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { presets } from '../scripts/seed.ts';
import { ensureDemoDatabase } from '../scripts/demo-db.ts';
import { ensureDemoSuperuser } from '../scripts/demo-server.ts';
import { BENCH_LOGIN, root } from './data.ts';
import { logIn } from './http.ts';
import { rssOf, sampleRss, startServer } from './servers.ts';

export const EXPORT_FORMATS = ['csv', 'jsonl', 'xlsx'] as const;

export interface ExportRun {
  format: string;
  rows: number;
  seconds: number;
  bytes: number;
  rssBefore: number | null;
  rssPeak: number | null;
}

/** The cached export database of `rows` posts: created, seeded and topped up when missing. */
async function exportDatabase(rows: number): Promise<string> {
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

export async function measureExport(rows: number, formats: readonly string[] = EXPORT_FORMATS): Promise<ExportRun[]> {
  console.log(`\nExport, ${rows.toLocaleString('en-US')} posts on SQLite (all fields)`);
  const url = await exportDatabase(rows);
  const server = await startServer('admin', url);
  try {
    const cookie = await logIn(server.base, BENCH_LOGIN);
    const runs: ExportRun[] = [];
    for (const format of formats) {
      const rssBefore = rssOf(server.pid);
      const sampler = sampleRss(server.pid);
      const started = performance.now();
      const { bytes, lines } = await download(`${server.base}/admin/post/export?_columns=all&_format=${format}`, cookie);
      const seconds = (performance.now() - started) / 1000;
      const { peak } = sampler.stop();
      if (format === 'jsonl' && lines !== rows) throw new Error(`The JSON Lines export has ${lines} lines, not ${rows}`);
      runs.push({ format, rows, seconds, bytes, rssBefore, rssPeak: peak });
      console.log(`  ${format.padEnd(6)} ${seconds.toFixed(1).padStart(7)} s  ${(bytes / 1e6).toFixed(1).padStart(8)} MB  RSS ${mb(rssBefore)} → peak ${mb(peak)} MB`);
    }
    return runs;
  } finally {
    await server.stop();
  }
}

const mb = (bytes: number | null) => (bytes === null ? '?' : (bytes / 2 ** 20).toFixed(0));

/** The section of RESULTS.md. */
export function exportMarkdown(runs: ExportRun[]): string {
  if (!runs.length) return '';
  const rowsText = runs[0].rows.toLocaleString('en-US');
  return [
    `## Export (${rowsText} posts, SQLite, all fields)`,
    '',
    'One download per format through the admin (bench/export.ts); RSS of the server process, sampled every 100 ms.',
    '',
    '| format | time | rows/s | size | RSS before | RSS peak | growth |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...runs.map((r) => `| ${r.format} | ${r.seconds.toFixed(1)} s | ${Math.round(r.rows / r.seconds).toLocaleString('en-US')} | ${(r.bytes / 1e6).toFixed(1)} MB | ${mb(r.rssBefore)} MB | ${mb(r.rssPeak)} MB | ${r.rssBefore !== null && r.rssPeak !== null ? mb(r.rssPeak - r.rssBefore) : '?'} MB |`),
    '',
  ].join('\n');
}
