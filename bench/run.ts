// `npm run bench`: seeds (or reuses) the demo blog at benchmark size on SQLite and PostgreSQL, at 100,000 and
// 1,000,000 posts (bench/scale.ts), starts the admin, the baseline and Django's admin (bench/django.ts) on each, drives
// every scenario with autocannon on every data set in turn, and writes bench/RESULTS.md.
//   npm run bench -- [--db sqlite,postgres] [--sizes 100k,1m | 100k,1m,10m] [--no-django] [--profile-seconds 8]
//                     [--seconds 10] [--warmup 2] [--connections 8] [--only list-page-1,save]
//                    [--fresh] [--no-startup] [--startup-runs 5] [--out bench/RESULTS.md]
//                    [--no-export] [--export-rows 1000000] [--export-formats csv,jsonl,xlsx]
//                    [--workers 2]  (admin and baseline processes, as `serve --workers`; default: Django's 2)
//   npm run bench -- --only export,import,bulk [--import-rows 100000] [--export-rows 1000000] [--bulk-rows 100000]
//                    [--bulk-rounds 5 (bench/bulk.ts's default)]
//                    (those scenarios alone, bench/export.ts, bench/import.ts and bench/bulk.ts, on each --db engine;
//                    their sections of RESULTS.md are replaced and the rest is kept)
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { postgresConnectionString, sqliteFileOfUrl } from '../scripts/db/apply-schema.ts';
import { presets } from '../scripts/seed.ts';
import { BENCH_LOGIN, prepareDatabase, root, type BenchDatabase, type Engine } from './data.ts';
import { databaseCpu, type DatabaseCpu } from './database-cpu.ts';
import { DJANGO_WORKERS, djangoQueries, ensureDjango, logInDjango, startDjango } from './django.ts';
import { growthMarkdown } from './growth.ts';
import { logIn } from './http.ts';
import type { LoadOptions } from './load.ts';
import { check, measure, nextLinkAnchor, sidesOf, type Check, type Cookies, type Servers } from './measure.ts';
import { profileMarkdown, profilePage } from './profile.ts';
import { markdown, queriesCell, type DatabaseResult, type Machine, type MemoryTrack, type ScenarioResult } from './report.ts';
import { SIZES, type SizeName } from './scale.ts';
import { listPath, scenarios as allScenarios, type Scenario } from './scenarios.ts';
import { serverMemory, startServer } from './servers.ts';
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
  sizes: SizeName[];
  django: boolean;
  profileSeconds: number;
  /** Processes of the admin and of the baseline: cluster workers as `serve --workers` runs them (Django runs as many). */
  workers: number;
  /** The command line, for the report. */
  command: string;
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
    sizes: parseSizes(value('--sizes') ?? '100k,1m', engines),
    django: !argv.includes('--no-django'),
    profileSeconds: Number(value('--profile-seconds') ?? 8),
    workers: Number(value('--workers') ?? DJANGO_WORKERS),
    command: ['npm run bench', ...(argv.length ? ['--', ...argv] : [])].join(' '),
  };
}

/** --sizes 100k,1m (the default), 100k,1m,10m: 10m on PostgreSQL only (SQLite skips it). */
function parseSizes(text: string, engines: string[]): SizeName[] {
  const sizes = text.toLowerCase().split(',');
  for (const size of sizes) if (!(size in SIZES)) throw new Error(`--sizes takes ${Object.keys(SIZES).join(', ')}, not ${size}`);
  if (!sizes.includes('100k')) sizes.unshift('100k');
  if (sizes.includes('10m') && engines.includes('sqlite')) console.log('--sizes 10m: on PostgreSQL only; SQLite runs the other sizes');
  return sizes as SizeName[];
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

interface SizeRun {
  db: BenchDatabase;
  servers: Servers;
  cookies: Cookies;
  scenarios: Scenario[];
  checks: Map<string, Check>;
  heapStart: Record<'admin' | 'baseline', number>;
  results: ScenarioResult[];
  /** The database's backends' CPU (PostgreSQL). */
  database: DatabaseCpu | null;
}

async function startSize(db: BenchDatabase, django: boolean, args: Args): Promise<SizeRun> {
  console.log(`\n${db.engine} ${db.size}: starting the admin, the baseline${django ? " and Django's admin" : ''}`);
  const servers: Servers = { admin: await startServer('admin', db.url, args.workers), baseline: await startServer('baseline', db.url, args.workers) };
  if (django) servers.django = await startDjango(db.url);
  const cookies: Cookies = { admin: await logIn(servers.admin.base, BENCH_LOGIN) };
  cookies.baseline = cookies.admin;
  if (servers.django) cookies.django = await logInDjango(servers.django.base);
  // Each data set reads its own Next-link anchors.
  const scenarios = structuredClone(allScenarios).filter((s) => !args.only || args.only.has(s.id));
  for (const scenario of scenarios) if (scenario.kind === 'list' && scenario.list.viaNext) scenario.list.anchor = await nextLinkAnchor(servers.admin, scenario.list, cookies.admin!);
  const checks = new Map<string, Check>();
  for (const scenario of scenarios) checks.set(scenario.id, await check(scenario, servers, cookies, (pagePath) => djangoQueries(db.url, pagePath)));
  const heapStart = { admin: (await serverMemory(servers.admin)).heapUsed, baseline: (await serverMemory(servers.baseline)).heapUsed };
  return { db, servers, cookies, scenarios, checks, heapStart, results: [], database: await databaseCpu(db.url) };
}

async function benchEngine(engine: Engine, args: Args, django: boolean): Promise<{ results: DatabaseResult[]; profiles: string[] }> {
  const dbs: BenchDatabase[] = [];
  for (const size of args.sizes.filter((s) => engine === 'postgres' || s !== '10m')) dbs.push(await prepareDatabase(engine, { fresh: args.fresh, size }));
  const version = await databaseVersion(dbs[0]);
  const runs: SizeRun[] = [];
  const profiles: string[] = [];
  try {
    for (const db of dbs) runs.push(await startSize(db, django, args));
    // Scenario by scenario, every data set in turn: the sizes are compared under the same machine load.
    for (const [i, scenario] of runs[0].scenarios.entries()) {
      for (const sized of runs) {
        const own = sized.scenarios[i];
        const loadAverage = os.loadavg()[0];
        const checked = sized.checks.get(own.id)!;
        const { measured, estimator, seconds } = await measure(own, sized.servers, sized.cookies, checked, args, i === 0, sized.database);
        for (const s of sidesOf(sized.servers)) {
          const m = measured[s]?.measurement;
          if (m) console.log(`  ${sized.db.size.padEnd(5)} ${own.label.padEnd(32)} ${s.padEnd(8)} ${m.rps.toFixed(1).padStart(8)} req/s${estimator === 'little' ? '†' : ' '} p50 ${m.p50.toFixed(1).padStart(7)} ms  p99 ${m.p99.toFixed(1).padStart(7)} ms  CPU ${m.cpuMsPerRequest?.toFixed(1) ?? 'n/a'} ms/request  DB CPU ${m.dbCpuMsPerRequest?.toFixed(1) ?? 'n/a'} ms/request  SQL ${queriesCell(measured[s]!)}`);
        }
        for (const s of ['admin', 'baseline'] as const) measured[s]!.heapAfter = (await serverMemory(sized.servers[s])).heapUsed;
        const { notes, estimatedTotal, countQuery } = checked;
        sized.results.push({ scenario: own, admin: measured.admin!, baseline: measured.baseline!, django: measured.django, notes, loadAverage, estimatedTotal, countQuery, estimator, seconds });
      }
    }
    if (args.profileSeconds > 0) {
      for (const sized of runs) {
        console.log(`\nProfiling the admin's list page, ${engine} ${sized.db.size} (${args.profileSeconds} s)`);
        profiles.push(profileMarkdown(`${engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ${SIZES[sized.db.size] * presets.bench.posts} posts`, await profilePage(sized.servers.admin, sized.cookies.admin!, listPath('admin', {}), args.profileSeconds)));
      }
    }
    const results: DatabaseResult[] = [];
    for (const sized of runs) {
      const memory = {} as Record<'admin' | 'baseline', MemoryTrack>;
      for (const s of ['admin', 'baseline'] as const) {
        memory[s] = {
          heapStart: sized.heapStart[s],
          heapEnd: (await serverMemory(sized.servers[s])).heapUsed,
          rssFirst: sized.results[0]?.[s].measurement.lastRss ?? null,
          rssEnd: sized.results.at(-1)?.[s].measurement.lastRss ?? null,
        };
      }
      const { db } = sized;
      const seeded = (db.seeded ? `Seeded in this run in ${db.seedSeconds!.toFixed(1)} s.` : 'Reused the cached seeded database (same seed version).') + indexesNote(db);
      results.push({ engine: engine === 'sqlite' ? 'SQLite' : 'PostgreSQL', size: db.size, posts: SIZES[db.size] * presets.bench.posts, version, seeded, scenarios: sized.results, memory });
    }
    return { results, profiles };
  } finally {
    for (const sized of runs) {
      for (const server of Object.values(sized.servers)) await server?.stop();
      await sized.database?.close();
    }
  }
}

/** What `check` says of the advised indexes after bench/indexes.ts made the missing ones. */
function indexesNote(db: BenchDatabase): string {
  const statuses = db.indexes?.statuses.filter((s) => s.model === 'Post') ?? [];
  if (!statuses.length) return '';
  const served = statuses.filter((s) => s.servedBy).length;
  const created = db.indexes!.created.length ? ` (${db.indexes!.created.length} created in this run, ${db.indexes!.seconds.toFixed(0)} s)` : '';
  const unserved = statuses.filter((s) => !s.servedBy).map((s) => s.serves);
  return ` The indexes \`check\` advises for the demo's admins are there${created}: of the post admin's ${statuses.length} searches, sorts and filters, ${served} served by an index${unserved.length ? `; none can serve ${unserved.join(', ')}` : ''}.`;
}

function pythonVersion(): string {
  try {
    return execFileSync('/usr/bin/python3', ['--version'], { encoding: 'utf8' }).trim().replace(/^Python /, '');
  } catch {
    return 'unknown';
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
  // --only export,import,bulk (any of them): those scenarios alone, their sections replaced in the existing RESULTS.md.
  const dataOnly = args.only !== null && [...args.only].every((id) => id === 'import' || id === 'export' || id === 'bulk');
  // --db none: only the export (and start-up) scenarios.
  const django = args.django && !dataOnly ? ensureDjango() : null;
  const profiles: string[] = [];
  if (!dataOnly) {
    for (const engine of args.engines) {
      const done = await benchEngine(engine, args, django !== null);
      databases.push(...done.results);
      profiles.push(...done.profiles);
    }
  }
  const imports: ImportBenchResult[] = [];
  if (!args.only || args.only.has('import')) {
    const rows = Number(process.argv[process.argv.indexOf('--import-rows') + 1] ?? 0) || 100_000;
    for (const engine of args.engines) {
      console.log(`\nImport, ${engine}: ${rows.toLocaleString('en-US')} posts`);
      imports.push(await runImportBench(engine, rows));
    }
  }
  const bulks: BulkBenchResult[] = [];
  if (!args.only || args.only.has('bulk')) {
    const rows = Number(process.argv[process.argv.indexOf('--bulk-rows') + 1] ?? 0) || 100_000;
    // Undefined: bench/bulk.ts's default.
    const rounds = Number(process.argv[process.argv.indexOf('--bulk-rounds') + 1] ?? 0) || undefined;
    for (const engine of args.engines) {
      console.log(`\nBulk edit, ${engine}: ${rows.toLocaleString('en-US')} posts${rounds ? `, ${rounds} rounds` : ''}`);
      bulks.push(await runBulkBench(engine, rows, rounds));
    }
  }
  const exportRuns: ExportRun[] = [];
  if (args.exportRows && (!args.only || !dataOnly || args.only.has('export'))) {
    for (const engine of args.engines.length ? args.engines : (['sqlite'] as Engine[])) exportRuns.push(...(await measureExport(engine, args.exportRows, args.exportFormats)));
  }
  if (dataOnly) {
    let text = existsSync(args.out) ? readFileSync(args.out, 'utf8') : '# Benchmark results\n';
    const stamp = `Run by \`npm run bench -- ${process.argv.slice(2).filter((a, i, all) => a !== '--out' && all[i - 1] !== '--out').join(' ')}\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${machine.revision}, ${machine.cores} cores, Node ${machine.node}; load average (1 min) ${machine.loadStart[0].toFixed(2)} at the start, ${os.loadavg()[0].toFixed(2)} at the end.\n`;
    if (exportRuns.length) text = withSection(text, '## Export', `${exportMarkdown(exportRuns)}\n${stamp}`);
    if (imports.length) text = withSection(text, '## Import', `${importMarkdown(imports)}\n${stamp}`);
    if (bulks.length) text = withSection(text, '## Bulk edit', `${bulkMarkdown(bulks)}\n${stamp}`);
    writeFileSync(args.out, text);
    const written = [exportRuns.length && exportMarkdown(exportRuns), imports.length && importMarkdown(imports), bulks.length && bulkMarkdown(bulks)].filter(Boolean);
    console.log(`\n${written.join('\n')}\nSections written to ${path.relative(process.cwd(), args.out)} (${machine.revision}, load ${machine.loadStart.map((n) => n.toFixed(2)).join(' ')} → ${os.loadavg().map((n) => n.toFixed(2)).join(' ')})`);
    return;
  }
  let startup: StartupResult | null = null;
  if (args.startup) {
    console.log(`\nStart-up, 100-model schema (${args.startupRuns} fresh processes each)`);
    startup = await measureStartup(args.startupRuns);
  }
  machine.loadEnd = os.loadavg();
  const size = presets.bench;
  const dataSize = `${size.posts.toLocaleString('en-US')} posts, ${size.comments.toLocaleString('en-US')} comments, ${size.authors.toLocaleString('en-US')} authors, ${size.categories} categories, ${size.tags} tags (scripts/seed.ts, preset \`bench\`)`;
  const command = `Command: \`${args.command}\`${django ? ` (${django}; Python ${pythonVersion()})` : ' (without Django\'s admin)'}.\n\n`;
  const text = markdown(machine, args, databases, startup, dataSize).replace(/\n## /, `\n${command}${growthMarkdown(databases)}${profiles.join('\n')}\n## `) + (exportRuns.length ? `\n${exportMarkdown(exportRuns)}` : '') + (imports.length ? `\n${importMarkdown(imports)}` : '') + (bulks.length ? `\n${bulkMarkdown(bulks)}` : '');
  writeFileSync(args.out, text);
  console.log(`\n${text}`);
  console.log(`Written to ${path.relative(process.cwd(), args.out)}`);
}

/** `text` with the section that starts with the heading `prefix` replaced by `section` (or appended). */
function withSection(text: string, prefix: string, section: string): string {
  const start = text.search(new RegExp(`^${prefix}\\b`, 'm'));
  if (start < 0) return `${text.trimEnd()}\n\n${section}`;
  const next = text.slice(start + 1).search(/^## /m);
  return text.slice(0, start) + section + (next < 0 ? '' : `\n${text.slice(start + 1 + next)}`);
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exitCode = 1;
});
