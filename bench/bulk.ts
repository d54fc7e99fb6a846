// The bulk edit scenario of `npm run bench` (`--only bulk`, `--bulk-rows N`, default 100,000): on a fresh demo database
// per engine, N draft posts among N/5 published ones; the same rows set to "archived" once by a bare `updateMany` and
// once through the admin ("Select all N" with the status filter, "Edit selected", Apply: batches of 2,000 locked and
// read again, one transaction, an audit entry with its field diff per row), side by side in alternating rounds
// (--bulk-rounds, default 5; the medians are reported, and each round's ratio). Reports rows/s of both,
// the CPU time of this process during each (on SQLite, whose work runs inside it, their ratio by CPU) and the growth of this process's RSS during it: its peak, sampled every 10 ms by a
// worker thread (the main thread is busy in better-sqlite3's synchronous calls), over the RSS after a full GC before.
import v8 from 'node:v8';
import vm from 'node:vm';
import { Worker } from 'node:worker_threads';
import { openDemoClient } from '../scripts/db/demo-client.ts';
import { prepareDemoDatabase } from '../scripts/db/demo-schema.ts';
import { buildDemoServer, ensureDemoSuperuser } from '../scripts/demo-server.ts';
import { Browser } from '../test/support/cookie-jar.ts';
import type { Engine } from './data.ts';
import { freshBenchDatabase } from './fresh-database.ts';

export interface BulkBenchResult {
  engine: Engine;
  rows: number;
  updateManySeconds: number;
  /** CPU time of this process during the updateMany (SQLite runs inside it; PostgreSQL's server is not counted). */
  updateManyCpuSeconds: number;
  bulkSeconds: number;
  bulkCpuSeconds: number;
  rssGrowthMiB: number;
  /** Audit entries each round wrote (one per row). */
  auditEntries: number;
  rounds: number;
  /** updateMany / bulk edit by time, per round. */
  ratios: number[];
}

const LOGIN = { username: 'bench-bulk', password: 'bench-bulk-password-0x19' };

/** A full garbage collection, without starting node with --expose-gc. */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

/**
 * Samples the process's RSS from another thread until stopped; resolves with the peak. Resolves once the thread runs:
 * its start (~25 ms, ~35 ms of CPU) is the instrument's, not the measured run's.
 */
async function rssSampler(): Promise<{ stop(): Promise<number> }> {
  const worker = new Worker(`const { parentPort } = require('node:worker_threads'); let peak = process.memoryUsage.rss();
    const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, 10);
    parentPort.on('message', () => { clearInterval(timer); parentPort.postMessage(Math.max(peak, process.memoryUsage.rss())); });`, { eval: true });
  await new Promise((resolve) => worker.once('online', resolve));
  return {
    stop: () => new Promise((resolve) => {
      worker.once('message', (peak: number) => { void worker.terminate(); resolve(peak); });
      worker.postMessage('stop');
    }),
  };
}

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

/** One round: the updateMany and the admin's bulk edit of the same rows, one after the other. */
type BulkRound = Pick<BulkBenchResult, 'updateManySeconds' | 'updateManyCpuSeconds' | 'bulkSeconds' | 'bulkCpuSeconds' | 'rssGrowthMiB'>;

/** `rounds` of both, side by side: the result has the medians of each (RSS: the largest growth) and each round's ratio. */
export async function runBulkBench(engine: Engine, rows: number, rounds = 5): Promise<BulkBenchResult> {
  const db = await freshBenchDatabase(engine, 'pa_bench_bulk');
  try {
    await prepareDemoDatabase(db.url);
    const prisma = await openDemoClient(db.url);
    const author = await prisma.author.create({ data: { name: 'Bench author', email: 'bench-bulk@example.com' } });
    const post = (i: number, status: 'draft' | 'published') => ({ title: `Post ${i}`, slug: `post-${i}`, body: `Body of post ${i}.`, status, viewCount: i % 1000, authorId: author.id });
    const total = rows + Math.floor(rows / 5);
    for (let at = 0; at < total; at += 10_000) {
      await prisma.post.createMany({ data: Array.from({ length: Math.min(10_000, total - at) }, (_, k) => post(at + k, at + k < rows ? 'draft' : 'published')) });
    }
    if (engine === 'postgres') await prisma.$executeRawUnsafe('ANALYZE');

    await ensureDemoSuperuser(db.url, { ADMIN_USERNAME: LOGIN.username, ADMIN_PASSWORD: LOGIN.password });
    // Inside the request, as the 100,000-row run is measured (above runAsJobAbove it would be a background job).
    const app = await buildDemoServer(db.url, { runAsJobAbove: Number.MAX_SAFE_INTEGER });
    try {
      const browser = await new Browser(app).login(LOGIN);
      const form = { action: 'bulk_edit', select_across: '1', _across_query: 'status__exact=draft', be_on_status: '1', in_status: 'archived' };
      const runs: BulkRound[] = [];
      // Rounds alternate the two, each from the same table (the rows back to draft, the audit log emptied).
      for (let round = 0; round < rounds; round++) {
        const updateManyCpu = process.cpuUsage();
        let start = process.hrtime.bigint();
        const { count } = await prisma.post.updateMany({ where: { status: 'draft' }, data: { status: 'archived' } });
        const updateManySeconds = seconds(start);
        const updateManyUsed = process.cpuUsage(updateManyCpu);
        if (count !== rows) throw new Error(`updateMany changed ${count} rows, not ${rows}`);
        await prisma.post.updateMany({ where: { status: 'archived' }, data: { status: 'draft' } });

        collectGarbage();
        const rssBefore = process.memoryUsage.rss();
        const sampler = await rssSampler();
        const cpu = process.cpuUsage();
        start = process.hrtime.bigint();
        const done = await browser.post('/admin/post/action', { ...form, post: 'yes' });
        const bulkSeconds = seconds(start);
        const used = process.cpuUsage(cpu);
        const peak = await sampler.stop();
        if (done.statusCode !== 303) throw new Error(`The bulk edit failed: ${done.statusCode} ${done.body.slice(0, 500)}`);
        const archived = await prisma.post.count({ where: { status: 'archived' } });
        if (archived !== rows) throw new Error(`The bulk edit archived ${archived} rows, not ${rows}`);
        const auditEntries = await prisma.adminLogEntry.count({ where: { action: 'change', model: 'Post' } });
        if (auditEntries !== rows) throw new Error(`The bulk edit wrote ${auditEntries} audit entries, not ${rows}`);
        runs.push({ updateManySeconds, updateManyCpuSeconds: (updateManyUsed.user + updateManyUsed.system) / 1e6, bulkSeconds, bulkCpuSeconds: (used.user + used.system) / 1e6, rssGrowthMiB: Math.max(0, peak - rssBefore) / 1024 ** 2 });
        await prisma.post.updateMany({ where: { status: 'archived' }, data: { status: 'draft' } });
        await prisma.adminLogEntry.deleteMany({ where: { model: 'Post' } });
        if (engine === 'postgres') await prisma.$executeRawUnsafe('VACUUM ANALYZE "Post", "AdminLogEntry"');
      }
      const median = (pick: (r: BulkRound) => number) => {
        const sorted = runs.map(pick).sort((a, b) => a - b);
        return sorted[Math.floor(sorted.length / 2)];
      };
      return {
        engine,
        rows,
        rounds: runs.length,
        updateManySeconds: median((r) => r.updateManySeconds),
        updateManyCpuSeconds: median((r) => r.updateManyCpuSeconds),
        bulkSeconds: median((r) => r.bulkSeconds),
        bulkCpuSeconds: median((r) => r.bulkCpuSeconds),
        rssGrowthMiB: Math.max(...runs.map((r) => r.rssGrowthMiB)),
        ratios: runs.map((r) => r.updateManySeconds / r.bulkSeconds),
        auditEntries: rows,
      };
    } finally {
      await app.close();
      await prisma.$disconnect();
    }
  } finally {
    await db.drop();
  }
}

export function bulkMarkdown(results: BulkBenchResult[]): string {
  const rate = (rows: number, s: number) => Math.round(rows / s).toLocaleString('en-US');
  return [
    '## Bulk edit (select all N with a filter, "Edit selected" status, vs one bare updateMany of the same rows)',
    '',
    `Each database runs ${results[0]?.rounds ?? 1} rounds of the two, alternating on the same table (put back to draft and its audit log emptied between rounds); the table has the medians (RSS: the largest growth) and each round's ratio.`,
    '',
    '| database | rows | updateMany rows/s | bulk edit rows/s | bulk / updateMany | per round | CPU updateMany / bulk edit | bulk / updateMany by CPU | CPU µs per row | RSS growth | audit entries per round |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.map((r) => `| ${r.engine} | ${r.rows.toLocaleString('en-US')} | ${rate(r.rows, r.updateManySeconds)} | ${rate(r.rows, r.bulkSeconds)} | ${Math.round((100 * r.updateManySeconds) / r.bulkSeconds)}% | ${r.ratios.map((x) => `${Math.round(100 * x)}%`).join(', ')} | ${r.updateManyCpuSeconds.toFixed(2)} s / ${r.bulkCpuSeconds.toFixed(2)} s | ${r.engine === 'sqlite' ? `${Math.round((100 * r.updateManyCpuSeconds) / r.bulkCpuSeconds)}%` : 'n/a (server CPU)'} | ${((1e6 * r.bulkCpuSeconds) / r.rows).toFixed(1)} | ${r.rssGrowthMiB.toFixed(0)} MiB | ${r.auditEntries.toLocaleString('en-US')} |`),
    '',
  ].join('\n');
}
