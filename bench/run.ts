// `npm run bench`: seeds (or reuses) the demo blog at benchmark size on SQLite and PostgreSQL, starts the admin and
// the baseline in production mode, drives every scenario with autocannon, and writes bench/RESULTS.md.
//   npm run bench -- [--db sqlite,postgres] [--seconds 10] [--warmup 2] [--connections 8] [--only list-page-1,save]
//                    [--fresh] [--no-startup] [--startup-runs 5] [--out bench/RESULTS.md]
//                    [--no-export] [--export-rows 1000000] [--export-formats csv,jsonl,xlsx]
//   npm run bench -- --only import [--import-rows 100000]   (the import scenario alone: bench/import.ts)
//   npm run bench -- --only bulk [--bulk-rows 100000]       (the bulk edit scenario alone: bench/bulk.ts)
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { postgresConnectionString, sqliteFileOfUrl } from '../scripts/db/apply-schema.ts';
import { presets } from '../scripts/seed.ts';
import { BENCH_LOGIN, prepareDatabase, root, type BenchDatabase, type Engine } from './data.ts';
import { get, logIn, postForm, formFields } from './http.ts';
import { combine, run, throughput, type LoadOptions, type Plan, type RunSample } from './load.ts';
import { markdown, queriesCell, type DatabaseResult, type Machine, type MemoryTrack, type ScenarioResult, type SideResult } from './report.ts';
import { changePath, listPath, scenarios, type ListCase, type Scenario, type Side } from './scenarios.ts';
import { recordQueries, serverMemory, startServer, waitIdle, type RunningServer } from './servers.ts';
import { measureStartup, type StartupResult } from './startup.ts';
import { EXPORT_FORMATS, exportMarkdown, measureExport, type ExportRun } from './export.ts';
import { importMarkdown, runImportBench, type ImportBenchResult } from './import.ts';
import { bulkMarkdown, runBulkBench, type BulkBenchResult } from './bulk.ts';

interface Args extends LoadOptions {
  engines: Engine[];
  only: Set<string> | null;
  fresh: boolean;
  startup: boolean;
  startupRuns: number;
  out: string;
  exportRows: number | null;
  exportFormats: string[];
}

function parseArgs(argv: string[]): Args {
  const value = (flag: string) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
  const engines = (value('--db') ?? 'sqlite,postgres').split(',').map((e) => (e === 'postgresql' || e === 'pg' ? 'postgres' : e));
  for (const e of engines) if (e !== 'sqlite' && e !== 'postgres' && e !== 'none') throw new Error(`--db takes sqlite and/or postgres (or none), not ${e}`);
  const only = value('--only');
  return {
    engines: engines.filter((e) => e !== 'none') as Engine[],
    only: only ? new Set(only.split(',')) : null,
    fresh: argv.includes('--fresh'),
    startup: !argv.includes('--no-startup'),
    startupRuns: Number(value('--startup-runs') ?? 5),
    connections: Number(value('--connections') ?? 8),
    seconds: Number(value('--seconds') ?? 10),
    warmupSeconds: Number(value('--warmup') ?? 2),
    out: path.resolve(root, value('--out') ?? 'bench/RESULTS.md'),
    exportRows: argv.includes('--no-export') ? null : Number(value('--export-rows') ?? 1_000_000),
    exportFormats: (value('--export-formats') ?? EXPORT_FORMATS.join(',')).split(','),
  };
}

/** The longest half-run of a slow scenario, in seconds. */
const MAX_HALF_SECONDS = 15;

const isAuthQuery = (sql: string) => /Admin(Session|User)\b|AdminUserPermission/.test(sql) && !/AdminLogEntry/.test(sql);

function side(queries: string[], bytes: number): Omit<SideResult, 'measurement'> {
  return { queries, authQueries: queries.filter(isAuthQuery).length, bytes };
}

const rowIds = (html: string, pattern: RegExp) => [...html.matchAll(pattern)].map((m) => m[1]);
const ADMIN_ROW = /<input type="checkbox" name="_selected"[^>]*value="([^"]+)"/g;
const BASELINE_ROW = /<tr data-id="([^"]+)"/g;

/** The anchor of the Next link on the admin's page before the scenario's (from=…&after=…). */
async function nextLinkAnchor(admin: RunningServer, list: ListCase, cookie: string): Promise<{ from: string; after: string }> {
  const previous = await get(admin.base + listPath('admin', { ...list, viaNext: false, anchor: undefined, page: (list.page ?? 1) - 1 }), cookie);
  const href = /<a href="([^"]*)" rel="next">/.exec(previous.body)?.[1]?.replace(/&amp;/g, '&') ?? '';
  const query = new URLSearchParams(href.replace(/^[^?]*\?/, ''));
  const from = query.get('from');
  const after = query.get('after');
  if (!from || !after) throw new Error(`The admin's page ${(list.page ?? 1) - 1} has no anchored Next link (${href || 'none'})`);
  return { from, after };
}

/** One request of the scenario on each side, outside the load: SQL, size, and whether the pages agree. */
async function check(scenario: Scenario, servers: Record<Side, RunningServer>, cookie: string) {
  const notes: string[] = [];
  let estimatedTotal: boolean | undefined;
  let countQuery: ScenarioResult['countQuery'];
  /** One request alone (a save: its GET and POST), in ms: sizes the scenario's runs. */
  const single = { admin: 0, baseline: 0 };
  const sides = {} as Record<Side, Omit<SideResult, 'measurement'>>;
  const bodies = { admin: '', baseline: '' };
  for (const s of ['admin', 'baseline'] as const) {
    const server = servers[s];
    if (scenario.kind === 'list' || scenario.kind === 'form') {
      const url = server.base + (scenario.kind === 'list' ? listPath(s, scenario.list) : changePath(s, scenario.postId));
      let page = { status: 0, body: '', bytes: 0 };
      const began = performance.now();
      const sql = await recordQueries(server, async () => (page = await get(url, cookie)));
      single[s] = performance.now() - began;
      if (page.status !== 200) notes.push(`${s} answered ${page.status} to ${url}`);
      sides[s] = side(sql, page.bytes);
      bodies[s] = page.body;
    } else {
      const postId = scenario.postIds[0];
      const began = performance.now();
      const form = await get(server.base + changePath(s, postId), cookie);
      let saved = { status: 0, body: '', location: null as string | null };
      const sql = await recordQueries(server, async () => (saved = await postForm(server.base + changePath(s, postId), cookie, formFields(form.body, '/change'))));
      single[s] = performance.now() - began;
      if (saved.status !== 303) notes.push(`${s}: the save answered ${saved.status}, not 303: ${saved.body.slice(0, 200)}`);
      sides[s] = side(sql, form.bytes);
    }
  }
  if (scenario.kind === 'list') {
    const a = rowIds(bodies.admin, ADMIN_ROW);
    const b = rowIds(bodies.baseline, BASELINE_ROW);
    if (a.join() !== b.join()) notes.push(`the admin shows other rows than the baseline (admin ${a.length}: ${a.slice(0, 3).join(', ')}…; baseline ${b.length}: ${b.slice(0, 3).join(', ')}…)`);
    estimatedTotal = /estimat/i.test(/<p class="result-count">[\s\S]*?<\/p>/.exec(bodies.admin)?.[0] ?? '');
    // A COUNT over the whole table, or one bounded by a LIMIT (to tell a small table's exact total from a large one).
    const counts = sides.admin.queries.filter((sql) => /\bCOUNT\(/i.test(sql));
    countQuery = counts.length === 0 ? 'none' : counts.every((sql) => /\bCOUNT\([^)]*\)[\s\S]*\bLIMIT\s+\d+\)/i.test(sql)) ? 'bounded' : 'whole table';
  }
  return { sides, notes, estimatedTotal, countQuery, single };
}

function planFor(scenario: Scenario, s: Side): Plan {
  if (scenario.kind === 'list') return { kind: 'get', path: listPath(s, scenario.list) };
  if (scenario.kind === 'form') return { kind: 'get', path: changePath(s, scenario.postId) };
  return { kind: 'save', formPath: (id) => changePath(s, id), postIds: scenario.postIds };
}

async function databaseVersion(db: BenchDatabase): Promise<string> {
  if (db.engine === 'sqlite') {
    const sqlite = new Database(sqliteFileOfUrl(db.url), { readonly: true });
    try {
      return `SQLite ${(sqlite.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v}, better-sqlite3`;
    } finally {
      sqlite.close();
    }
  }
  const client = new pg.Client({ connectionString: postgresConnectionString(db.url) });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    return `PostgreSQL ${rows[0].v}, @prisma/adapter-pg`;
  } finally {
    await client.end();
  }
}

async function benchDatabase(engine: Engine, args: Args): Promise<DatabaseResult> {
  const db = await prepareDatabase(engine, { fresh: args.fresh });
  const version = await databaseVersion(db);
  console.log(`\n${version}: starting the admin and the baseline`);
  const servers = { admin: await startServer('admin', db.url), baseline: await startServer('baseline', db.url) };
  try {
    const cookie = await logIn(servers.admin.base, BENCH_LOGIN);
    const chosen = scenarios.filter((s) => !args.only || args.only.has(s.id));
    for (const scenario of chosen) if (scenario.kind === 'list' && scenario.list.viaNext) scenario.list.anchor = await nextLinkAnchor(servers.admin, scenario.list, cookie);
    const checks = new Map<string, Awaited<ReturnType<typeof check>>>();
    for (const scenario of chosen) checks.set(scenario.id, await check(scenario, servers, cookie));
    const heapStart = { admin: (await serverMemory(servers.admin)).heapUsed, baseline: (await serverMemory(servers.baseline)).heapUsed };
    const results: ScenarioResult[] = [];
    for (const scenario of chosen) {
      const loadAverage = os.loadavg()[0];
      // A run stops with a request in flight on every connection, so a run must last several times the time a
      // request takes under load (about connections × its time alone on this database-bound server): slow pages get
      // longer runs, up to MAX_HALF_SECONDS.
      const { single } = checks.get(scenario.id)!;
      const half = Math.min(MAX_HALF_SECONDS, Math.max(args.seconds / 2, (2 * args.connections * Math.max(single.admin, single.baseline)) / 1000));
      // Both sides warm up, then run in the order admin, baseline, baseline, admin, so that a change in the machine's
      // load during the scenario weighs on both alike. After each run the server finishes what the run left behind.
      // The first scenario also warms the processes up (V8 optimises the code of every request), so it warms longer.
      const warmup = args.warmupSeconds * (results.length === 0 ? 4 : 1);
      for (const s of ['admin', 'baseline'] as const) {
        if (warmup > 0) await run(servers[s].base, cookie, planFor(scenario, s), args.connections, warmup, servers[s].pid);
        await waitIdle(servers[s]);
      }
      const samples: Record<Side, RunSample[]> = { admin: [], baseline: [] };
      for (const s of ['admin', 'baseline', 'baseline', 'admin'] as const) {
        samples[s].push(await run(servers[s].base, cookie, planFor(scenario, s), args.connections, half, servers[s].pid));
        await waitIdle(servers[s]);
      }
      const measured = {} as Record<Side, SideResult>;
      for (const s of ['admin', 'baseline'] as const) measured[s] = { ...checks.get(scenario.id)!.sides[s], measurement: combine(samples[s]) };
      const estimator = throughput([measured.admin.measurement, measured.baseline.measurement]);
      for (const s of ['admin', 'baseline'] as const) {
        const m = measured[s].measurement;
        console.log(`  ${scenario.label.padEnd(32)} ${s.padEnd(8)} ${m.rps.toFixed(1).padStart(8)} req/s${estimator === 'little' ? '†' : ' '} p50 ${m.p50.toFixed(1).padStart(7)} ms  p99 ${m.p99.toFixed(1).padStart(7)} ms  SQL ${queriesCell(measured[s])}`);
      }
      for (const s of ['admin', 'baseline'] as const) measured[s].heapAfter = (await serverMemory(servers[s])).heapUsed;
      const { notes, estimatedTotal, countQuery } = checks.get(scenario.id)!;
      results.push({ scenario, admin: measured.admin, baseline: measured.baseline, notes, loadAverage, estimatedTotal, countQuery, estimator, seconds: 2 * half });
    }
    const memory = {} as Record<Side, MemoryTrack>;
    for (const s of ['admin', 'baseline'] as const) {
      memory[s] = {
        heapStart: heapStart[s],
        heapEnd: (await serverMemory(servers[s])).heapUsed,
        rssFirst: results[0]?.[s].measurement.lastRss ?? null,
        rssEnd: results.at(-1)?.[s].measurement.lastRss ?? null,
      };
    }
    const seeded = db.seeded ? `Seeded in this run in ${db.seedSeconds!.toFixed(1)} s.` : 'Reused the cached seeded database (same seed version).';
    return { engine: engine === 'sqlite' ? 'SQLite' : 'PostgreSQL', version, seeded, scenarios: results, memory };
  } finally {
    await servers.admin.stop();
    await servers.baseline.stop();
  }
}

function revision(): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
    const changed = git('status', '--porcelain', '--', 'src', 'views').split('\n').filter(Boolean).length;
    return `commit ${git('rev-parse', '--short', 'HEAD')}${changed ? `, with ${changed} uncommitted change(s) under src/ and views/` : ''}`;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const machine: Machine = {
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.cpus().length,
    ramGiB: os.totalmem() / 1024 ** 3,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadStart: os.loadavg(),
    loadEnd: [],
    revision: revision(),
  };
  console.log(`prisma-admin-site benchmark: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, load ${machine.loadStart.map((n) => n.toFixed(2)).join(' ')}`);
  const databases: DatabaseResult[] = [];
  const importOnly = args.only?.size === 1 && (args.only.has('import') || args.only.has('bulk'));
  // --db none: only the export (and start-up) scenarios.
  if (!importOnly) for (const engine of args.engines) databases.push(await benchDatabase(engine, args));
  const imports: ImportBenchResult[] = [];
  if (!args.only || args.only.has('import')) {
    const rows = Number(process.argv[process.argv.indexOf('--import-rows') + 1] ?? 0) || 100_000;
    for (const engine of args.engines) {
      console.log(`\nImport, ${engine}: ${rows.toLocaleString('en-US')} posts`);
      imports.push(await runImportBench(engine, rows));
    }
    if (importOnly) {
      console.log(`\n${importMarkdown(imports)}`);
      return;
    }
  }
  const bulks: BulkBenchResult[] = [];
  if (!args.only || args.only.has('bulk')) {
    const rows = Number(process.argv[process.argv.indexOf('--bulk-rows') + 1] ?? 0) || 100_000;
    for (const engine of args.engines) {
      console.log(`\nBulk edit, ${engine}: ${rows.toLocaleString('en-US')} posts`);
      bulks.push(await runBulkBench(engine, rows));
    }
    if (importOnly) {
      console.log(`\n${bulkMarkdown(bulks)}`);
      return;
    }
  }
  const exportRuns: ExportRun[] = args.exportRows ? await measureExport(args.exportRows, args.exportFormats) : [];
  let startup: StartupResult | null = null;
  if (args.startup) {
    console.log(`\nStart-up, 100-model schema (${args.startupRuns} fresh processes each)`);
    startup = await measureStartup(args.startupRuns);
  }
  machine.loadEnd = os.loadavg();
  const size = presets.bench;
  const dataSize = `${size.posts.toLocaleString('en-US')} posts, ${size.comments.toLocaleString('en-US')} comments, ${size.authors.toLocaleString('en-US')} authors, ${size.categories} categories, ${size.tags} tags (scripts/seed.ts, preset \`bench\`)`;
  const text = markdown(machine, args, databases, startup, dataSize) + (exportRuns.length ? `\n${exportMarkdown(exportRuns)}` : '') + (imports.length ? `\n${importMarkdown(imports)}` : '') + (bulks.length ? `\n${bulkMarkdown(bulks)}` : '');
  writeFileSync(args.out, text);
  console.log(`\n${text}`);
  console.log(`Written to ${path.relative(process.cwd(), args.out)}`);
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exitCode = 1;
});
