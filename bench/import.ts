// The import scenario of `npm run bench` (`--only import`, `--import-rows N`, default 100,000): on a fresh demo database
// per engine, the same N posts written once by a bare `createMany` and once through the admin's import page (upload,
// preview, confirm: every row parsed by the form's zod schema, written a batch at a time, an audit entry per row), side
// by side.
import { openDemoClient } from '../scripts/db/demo-client.ts';
import { prepareDemoDatabase } from '../scripts/db/demo-schema.ts';
import { buildDemoServer, ensureDemoSuperuser } from '../scripts/demo-server.ts';
import { Browser } from '../test/support/cookie-jar.ts';
import { chosenMapping, csvOf, importCounts, previewedOf, uploadImport } from '../test/support/import-files.ts';
import type { Engine } from './data.ts';
import { freshBenchDatabase } from './fresh-database.ts';

export interface ImportBenchResult {
  engine: Engine;
  rows: number;
  createManySeconds: number;
  /** The same rows by createMany 1,000 at a time in one transaction (the import's batch size): Prisma's best case. */
  batchedSeconds: number;
  batchedCpu: number;
  previewSeconds: number;
  importSeconds: number;
  /** CPU seconds (user + system) of this process, which runs the admin (and SQLite): createMany, preview, confirm. */
  createManyCpu: number;
  previewCpu: number;
  importCpu: number;
}

const LOGIN = { username: 'bench-import', password: 'bench-import-password-0x1e' };

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const cpuSince = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
};

export async function runImportBench(engine: Engine, rows: number): Promise<ImportBenchResult> {
  const db = await freshBenchDatabase(engine, 'pa_bench_import');
  try {
    await prepareDemoDatabase(db.url);
    const prisma = await openDemoClient(db.url);
    const author = await prisma.author.create({ data: { name: 'Bench author', email: 'bench-import@example.com' } });
    const posts = Array.from({ length: rows }, (_, i) => ({ title: `Imported post ${i}`, slug: `imported-${i}`, body: `Body of post ${i}, with a comma and "quotes".`, status: 'published' as const, viewCount: i % 1000, authorId: author.id }));

    let start = process.hrtime.bigint();
    let cpu = process.cpuUsage();
    await prisma.post.createMany({ data: posts });
    const createManySeconds = seconds(start);
    const createManyCpu = cpuSince(cpu);
    await prisma.post.deleteMany({});
    start = process.hrtime.bigint();
    cpu = process.cpuUsage();
    await prisma.$transaction(async (tx) => {
      for (let at = 0; at < posts.length; at += 1000) await tx.post.createMany({ data: posts.slice(at, at + 1000) });
    }, { timeout: 30 * 60_000 });
    const batchedSeconds = seconds(start);
    const batchedCpu = cpuSince(cpu);
    await prisma.post.deleteMany({});

    await ensureDemoSuperuser(db.url, { ADMIN_USERNAME: LOGIN.username, ADMIN_PASSWORD: LOGIN.password });
    // The confirm answers when its rows are written (not as a job with a progress page): the same confirmImport,
    // timed and its CPU counted in this request.
    const app = await buildDemoServer(db.url, { maxUploadBytes: 256 * 1024 * 1024, runAsJobAbove: Number.MAX_SAFE_INTEGER });
    try {
      const browser = await new Browser(app).login(LOGIN);
      const file = csvOf(['title', 'slug', 'body', 'status', 'viewCount', 'author'], posts.map((p) => ({ ...p, author: p.authorId })));
      start = process.hrtime.bigint();
      cpu = process.cpuUsage();
      const { response, job } = await uploadImport(browser, 'post', file, 'posts.csv');
      const previewSeconds = seconds(start);
      const previewCpu = cpuSince(cpu);
      const counts = importCounts(response.body);
      if (!job || counts.new !== rows) throw new Error(`The preview did not show ${rows} new rows: ${response.statusCode} ${JSON.stringify(counts)}`);
      start = process.hrtime.bigint();
      cpu = process.cpuUsage();
      const done = await browser.post('/admin/post/import', { job, map: chosenMapping(response.body), mode: 'create', key: 'id', previewed: previewedOf(response.body), _confirm: '1' });
      const importSeconds = seconds(start);
      const importCpu = cpuSince(cpu);
      if (done.statusCode !== 303) throw new Error(`The confirm failed: ${done.statusCode} ${pageProblem(done.body)}`);
      const written = await prisma.post.count();
      if (written !== rows) throw new Error(`The import wrote ${written} rows, not ${rows}`);
      return { engine, rows, createManySeconds, batchedSeconds, batchedCpu, previewSeconds, importSeconds, createManyCpu, previewCpu, importCpu };
    } finally {
      await app.close();
      await prisma.$disconnect();
    }
  } finally {
    await db.drop();
  }
}

/** The page's error note (what the admin told the user), else the start of the page. */
function pageProblem(html: string): string {
  const note = /<div class="errornote"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1];
  return note ? note.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim() : html.slice(0, 500);
}

export function importMarkdown(results: ImportBenchResult[]): string {
  const rate = (rows: number, s: number) => Math.round(rows / s).toLocaleString('en-US');
  const holds = (ok: boolean) => (ok ? 'holds' : 'misses');
  return [
    '## Import (posts through the import page vs a bare createMany)',
    '',
    'The same rows on a fresh demo database per engine, in one process (bench/import.ts): first a bare `createMany` of all the rows in one call, then `createMany` 1,000 rows at a time in one transaction (Prisma\'s best case, the import\'s batch size), then the admin\'s import page (upload and dry run, then confirm: every row parsed by the form\'s zod schema, then written 1,000 rows a batch — with the default saveModel in multi-row raw INSERTs of bound values (rawCreateMany), else one createManyAndReturn per batch — an audit entry per row, in one transaction). CPU = user + system seconds of that process (SQLite runs inside it; PostgreSQL\'s server CPU is not included). The machine is shared: the ratio and the CPU columns are the claim.',
    '',
    '| database | rows | createMany rows/s | createMany ×1,000 rows/s | import rows/s | import / createMany | import / createMany ×1,000 | CPU createMany / ×1,000 / import | import rows per CPU s | CPU µs per imported row | preview (upload + dry run) | preview CPU |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.map((r) => `| ${r.engine} | ${r.rows.toLocaleString('en-US')} | ${rate(r.rows, r.createManySeconds)} | ${rate(r.rows, r.batchedSeconds)} | ${rate(r.rows, r.importSeconds)} | ${Math.round((100 * r.createManySeconds) / r.importSeconds)}% | ${Math.round((100 * r.batchedSeconds) / r.importSeconds)}% | ${r.createManyCpu.toFixed(1)} s / ${r.batchedCpu.toFixed(1)} s / ${r.importCpu.toFixed(1)} s | ${rate(r.rows, r.importCpu)} | ${((1e6 * r.importCpu) / r.rows).toFixed(0)} | ${r.previewSeconds.toFixed(2)} s | ${r.previewCpu.toFixed(1)} s |`),
    '',
    ...results.map((r) => `- ${r.engine}: ≥ 5,000 rows/s **${holds(r.rows / r.importSeconds >= 5000)}** (${rate(r.rows, r.importSeconds)} by the clock; ${rate(r.rows, r.importCpu)} per CPU second of this process); ≥ 50% of createMany **${holds(r.createManySeconds / r.importSeconds >= 0.5)}** (${Math.round((100 * r.createManySeconds) / r.importSeconds)}%; by CPU ${Math.round((100 * r.createManyCpu) / r.importCpu)}%; of createMany 1,000 at a time: ${Math.round((100 * r.batchedSeconds) / r.importSeconds)}%, by CPU ${Math.round((100 * r.batchedCpu) / r.importCpu)}%); preview under 10 s **${holds(r.previewSeconds < 10)}** (${r.previewSeconds.toFixed(1)} s, ${r.previewCpu.toFixed(1)} s CPU).`),
    '',
  ].join('\n');
}
