// The results as markdown: the machine, one table per database, the targets with a verdict each, and start-up.
import type { Measurement } from './load.ts';
import type { Scenario } from './scenarios.ts';
import type { StartupResult } from './startup.ts';

export interface SideResult {
  measurement: Measurement;
  /** SQL statements for one request (for a save: the POST; the form GET is the change-form row); null: not counted (Django). */
  queries: string[] | null;
  /** Of those, the session and user look-ups (the admin checks the login on every request). */
  authQueries: number;
  bytes: number;
  /** heapUsed after a full GC once the scenario's runs are over, in bytes. */
  heapAfter?: number;
}

export interface ScenarioResult {
  scenario: Scenario;
  admin: SideResult;
  baseline: SideResult;
  /** Django's admin on the same database, where it runs (not for the save scenario). */
  django?: SideResult;
  /** Anything the checks found wrong (rows that differ from the baseline's, a failed save, ...). */
  notes: string[];
  loadAverage: number;
  /** List pages: whether the admin's page says its total is an estimate, and whether it ran a COUNT over the rows. */
  estimatedTotal?: boolean;
  countQuery?: 'none' | 'bounded' | 'whole table';
  /** Measured seconds per side. */
  seconds: number;
  /** How requests/s was computed (see throughput() in load.ts). */
  estimator: 'completed' | 'little';
}

export interface MemoryTrack {
  /** After a full GC, before the first scenario and after the last. */
  heapStart: number;
  heapEnd: number;
  /** RSS after the first measured run, and after the last. */
  rssFirst: number | null;
  rssEnd: number | null;
}

export interface DatabaseResult {
  engine: string;
  /** The data set: 100k, 1m or 10m posts. */
  size: string;
  posts: number;
  version: string;
  seeded: string;
  scenarios: ScenarioResult[];
  memory: { admin: MemoryTrack; baseline: MemoryTrack };
}

export interface Machine {
  date: string;
  cpu: string;
  cores: number;
  ramGiB: number;
  node: string;
  os: string;
  loadStart: number[];
  loadEnd: number[];
  /** The commit, and how many files under src/ and views/ differ from it. */
  revision: string;
}

export interface Settings {
  connections: number;
  seconds: number;
  warmupSeconds: number;
  /** Processes of the admin and of the baseline (cluster workers when > 1). */
  workers: number;
}

const mb = (bytes: number | null) => (bytes === null ? 'n/a' : `${(bytes / 1024 / 1024).toFixed(0)}`);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)}`;
const num = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const ms = (n: number) => (Number.isFinite(n) ? (n >= 100 ? n.toFixed(0) : n.toFixed(1)) : 'n/a');
const ratio = (n: number) => (Number.isFinite(n) ? `${(n * 100).toFixed(0)}%` : 'n/a');
const cpu = (side?: SideResult) => (side?.measurement.cpuMsPerRequest == null ? 'n/a' : ms(side.measurement.cpuMsPerRequest));
const dbCpu = (side?: SideResult) => (side?.measurement.dbCpuMsPerRequest == null ? 'n/a' : ms(side.measurement.dbCpuMsPerRequest));
const yes = (ok: boolean) => (ok ? '**holds**' : '**does not hold**');

export function queriesCell(side: SideResult): string {
  if (!side.queries) return 'n/a';
  const page = side.queries.length - side.authQueries;
  return side.authQueries ? `${side.queries.length} (${side.authQueries} auth + ${page})` : `${side.queries.length}`;
}

export function markdown(machine: Machine, settings: Settings, databases: DatabaseResult[], startup: StartupResult | null, dataSize: string): string {
  const lines: string[] = [];
  lines.push('# Benchmark results', '');
  lines.push(`Written by \`npm run bench\` (bench/run.ts) on ${machine.date}.`, '');
  lines.push('| Machine | |', '|---|---|');
  lines.push(`| CPU | ${machine.cpu}, ${machine.cores} cores |`);
  lines.push(`| RAM | ${machine.ramGiB.toFixed(1)} GiB |`);
  lines.push(`| Node.js | ${machine.node} |`);
  lines.push(`| OS | ${machine.os} |`);
  lines.push(`| Code | ${machine.revision} |`);
  lines.push(`| Load average (1/5/15 min) | start ${machine.loadStart.map((n) => n.toFixed(2)).join(' / ')}, end ${machine.loadEnd.map((n) => n.toFixed(2)).join(' / ')} |`);
  lines.push('');
  lines.push(`Data: ${dataSize}. Load: autocannon, ${settings.connections} connections, ${settings.warmupSeconds} s warm-up per side (the first scenario ${settings.warmupSeconds * 4} s), then runs in the order `
    + `admin, baseline, Django, Django, baseline, admin of at least ${settings.seconds / 2} s each (a slow page runs longer: 2 × connections × its time alone, up to 15 s; `
    + 'the "s" column is the measured time per side), the server left to finish what a run left in flight before the next one; '
    + 'logged in, over HTTP on 127.0.0.1; NODE_ENV=production. '
    + (settings.workers > 1
      ? `The admin and the baseline each run as ${settings.workers} workers of node's cluster module behind one port, started and supervised by the machinery of \`serve --workers ${settings.workers}\` (src/cli/workers.ts; bench/server.ts), as a user deploys the admin on a ${settings.workers}-CPU machine and as Django runs ${settings.workers} gunicorn workers; `
      : 'The admin and the baseline each run in one process; ')
    + 'the baseline is a bare fastify '
    + 'route running the same Prisma query for the same page (count + findMany with the same where / orderBy / skip / take, '
    + 'relation labels as nested selects) and rendering the rows through a minimal eta template (bench/baseline/). '
    + 'Django is Django\'s admin (bench/django/: the same tables as unmanaged models, PostAdmin configured option for option like the demo\'s, '
    + 'list_select_related, show_full_result_count = False) served by gunicorn with 2 sync workers (a connection per request: see bench/connection-close.ts) and persistent database connections (CONN_MAX_AGE), DEBUG off, logged in as a superuser; '
    + 'the 1,000 authors behind a search box on its form (autocomplete_fields) and in its filters (AuthorSearchFilter), as the admin shows them; '
    + 'no tags field or filter (Django\'s admin cannot use Prisma\'s implicit many-to-many table) and no view-count range filter (Django has none); its save is not driven.', '');
  lines.push('Columns: requests/s (a save: saves/s, each after a GET of its form; † = from Little\'s law, connections ÷ mean '
    + 'latency, where a side completed fewer than 200 responses and the requests still in flight when a run stops would '
    + 'weigh too much; otherwise completed responses ÷ time); '
    + 'CPU ms per request: user + system CPU time of the server\'s processes (/proc/<pid>/stat, added up over every process: the cluster\'s primary and its workers; for Django gunicorn\'s master and its workers) from the start of a run until it had served every request the run sent, ÷ requests sent (a save: per GET + POST); the database\'s own CPU is not in it; DB CPU ms per request: the same of PostgreSQL\'s backend processes connected to the benchmark\'s database over the run (one side runs at a time; bench/database-cpu.ts); '
    + 'latency p50 / p99 in ms; '
    + 'SQL statements for one request, counted in the server\'s driver adapter, the statements Prisma sends (bench/counting-adapter.ts; admin: session and user look-ups + the page\'s own; Django: its session and user look-ups + the page\'s own, recorded by bench/django/record_queries.py); '
    + 'response size in KiB; peak RSS of the server\'s processes together during the scenario, and their V8 heaps (workers) after a full GC once the scenario is over, in MiB; the 1-minute load average when the scenario started.', '');

  for (const db of databases) {
    lines.push(`## ${db.engine}, ${db.posts.toLocaleString('en-US')} posts (${db.version})`, '');
    lines.push(db.seeded, '');
    lines.push('| Scenario | req/s admin | req/s baseline | req/s Django | admin / baseline | admin / Django | CPU ms/request admin / baseline / Django | DB CPU ms/request admin / baseline / Django | p50 / p99 admin | p50 / p99 baseline | p50 / p99 Django | SQL admin | SQL baseline | SQL Django | KiB admin / baseline | peak RSS admin / baseline | heap after GC admin / baseline | s | load |');
    lines.push('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
    for (const r of db.scenarios) {
      const a = r.admin.measurement;
      const b = r.baseline.measurement;
      const mark = r.estimator === 'little' ? ' †' : '';
      const d = r.django?.measurement;
      const rps = (m: Measurement) => `${num(m.rps, m.rps < 10 ? 1 : 0)}${mark}`;
      lines.push(`| ${r.scenario.label} | ${rps(a)} | ${rps(b)} | ${d ? rps(d) : 'n/a'} | ${ratio(a.rps / b.rps)} | ${d ? `${num(a.rps / d.rps, 1)}×` : 'n/a'} | ${cpu(r.admin)} / ${cpu(r.baseline)} / ${cpu(r.django)} | ${dbCpu(r.admin)} / ${dbCpu(r.baseline)} / ${dbCpu(r.django)} | ${ms(a.p50)} / ${ms(a.p99)} | ${ms(b.p50)} / ${ms(b.p99)} | ${d ? `${ms(d.p50)} / ${ms(d.p99)}` : 'n/a'} | ${queriesCell(r.admin)} | ${queriesCell(r.baseline)} | ${r.django ? queriesCell(r.django) : 'n/a'} | ${kb(r.admin.bytes)} / ${kb(r.baseline.bytes)} | ${mb(a.peakRss)} / ${mb(b.peakRss)} | ${mb(r.admin.heapAfter ?? null)} / ${mb(r.baseline.heapAfter ?? null)} | ${r.seconds.toFixed(0)} | ${r.loadAverage.toFixed(1)} |`);
    }
    lines.push('');
    const notes = db.scenarios.flatMap((r) => r.notes.map((n) => `- ${r.scenario.label}: ${n}`));
    for (const r of db.scenarios) {
      for (const [side, m] of [['admin', r.admin.measurement], ['baseline', r.baseline.measurement], ...(r.django ? [['Django', r.django.measurement] as const] : [])] as const) {
        const bad = Object.entries(m.unexpected).map(([status, count]) => `${count}× ${status}`);
        if (m.errors) bad.push(`${m.errors} connection errors/timeouts`);
        if (bad.length) notes.push(`- ${r.scenario.label}, ${side}: unexpected responses during the run: ${bad.join(', ')}`);
      }
    }
    const { admin, baseline } = db.memory;
    lines.push(`Memory (heap after a full GC, before the first scenario → after the last; RSS after the first scenario → after the last): `
      + `admin ${mb(admin.heapStart)} → ${mb(admin.heapEnd)} MiB heap, ${mb(admin.rssFirst)} → ${mb(admin.rssEnd)} MiB RSS; `
      + `baseline ${mb(baseline.heapStart)} → ${mb(baseline.heapEnd)} MiB heap, ${mb(baseline.rssFirst)} → ${mb(baseline.rssEnd)} MiB RSS.`, '');
    if (notes.length) lines.push('Notes:', ...notes, '');
  }

  if (startup) {
    lines.push('## Start-up (100-model schema)', '');
    lines.push(`test/fixtures/schemas/hundred-models.prisma; median of ${startup.runs} fresh processes each. "Ready" is createAdminServer() (schema read `
      + 'with Prisma\'s WASM parser, metadata, admin classes, plugins, routes) to `app.ready()`; module imports are timed apart. '
      + 'The bare start is `Fastify()` with one route to `ready()`.', '');
    lines.push('| | import ms | first start ms | second start in the same process ms |', '|---|--:|--:|--:|');
    lines.push(`| admin | ${ms(startup.admin.importMs)} | ${ms(startup.admin.readyMs)} | ${ms(startup.admin.warmReadyMs)} |`);
    lines.push(`| bare fastify | ${ms(startup.bare.importMs)} | ${ms(startup.bare.readyMs)} | ${ms(startup.bare.warmReadyMs)} |`);
    lines.push(`| admin / bare | ${num(startup.admin.importMs / startup.bare.importMs, 1)}× | ${num(startup.admin.readyMs / startup.bare.readyMs, 1)}× | ${num(startup.admin.warmReadyMs / startup.bare.warmReadyMs, 1)}× |`, '');
  }

  lines.push('## Targets (issue 7)', '');
  for (const db of databases.filter((d) => d.size === '100k')) {
    const lists = db.scenarios.filter((r) => r.scenario.kind === 'list');
    const worst = lists.reduce((w, r) => (r.admin.measurement.rps / r.baseline.measurement.rps < w.admin.measurement.rps / w.baseline.measurement.rps ? r : w), lists[0]);
    if (!worst) continue;
    const ratioOk = lists.every((r) => r.admin.measurement.rps / r.baseline.measurement.rps >= 0.6);
    lines.push(`- ${db.engine}: every list scenario ≥ 60% of the baseline's requests/s: ${yes(ratioOk)} (lowest: ${worst.scenario.label}, ${ratio(worst.admin.measurement.rps / worst.baseline.measurement.rps)}).`);
    const pageQueries = lists.map((r) => (r.admin.queries?.length ?? 0) - r.admin.authQueries);
    const totalQueries = lists.map((r) => r.admin.queries?.length ?? 0);
    lines.push(`- ${db.engine}: ≤ 3 SQL queries per list page: ${yes(Math.max(...pageQueries) <= 3)} for the page's own queries (${Math.min(...pageQueries)}–${Math.max(...pageQueries)}); `
      + `with the session and user look-ups ${Math.min(...totalQueries)}–${Math.max(...totalQueries)} per request.`);
    const first = lists.find((r) => r.scenario.id === 'list-page-1');
    const deep = lists.find((r) => r.scenario.id === 'list-page-1000');
    const linked = lists.find((r) => r.scenario.id === 'list-page-1000-next');
    if (first && (deep || linked)) {
      const slowerThanFirst = (r: ScenarioResult) => first.admin.measurement.rps / r.admin.measurement.rps;
      const describe = (r: ScenarioResult) => `${num(slowerThanFirst(r), 2)}× fewer requests/s, p50 ${ms(first.admin.measurement.p50)} → ${ms(r.admin.measurement.p50)} ms`;
      // Keyset pagination (the issue's "index-backed or keyset pagination") serves a deep page reached by its
      // neighbour's link; a page number typed into the address bar walks the index up to it.
      const verdict = linked ?? deep!;
      lines.push(`- ${db.engine}: page 1,000 no more than 2× slower than page 1: ${yes(slowerThanFirst(verdict) <= 2)} (`
        + [linked && `by page 999's Next link (keyset): ${describe(linked)}`, deep && `by its number alone (keys through the index): ${describe(deep)}`].filter(Boolean).join('; ') + ').');
    }
    // Flat: the admin's heap grows no more than the baseline's over the run (both warm Prisma's caches), and no
    // scenario needs much more memory than the first list page (nothing loads a whole table).
    const m = db.memory.admin;
    const growth = m.heapEnd - m.heapStart;
    const baselineGrowth = db.memory.baseline.heapEnd - db.memory.baseline.heapStart;
    const peaks = db.scenarios.map((r) => r.admin.measurement.peakRss ?? 0);
    const firstPeak = peaks[0] || 1;
    const flat = growth - baselineGrowth < 10 * 1024 * 1024 && Math.max(...peaks) <= 1.5 * firstPeak;
    lines.push(`- ${db.engine}: memory flat: ${yes(flat)} (heap after a full GC ${mb(m.heapStart)} → ${mb(m.heapEnd)} MiB over the run, the baseline's `
      + `${mb(db.memory.baseline.heapStart)} → ${mb(db.memory.baseline.heapEnd)} MiB; peak RSS per scenario ${mb(Math.min(...peaks))}–${mb(Math.max(...peaks))} MiB, `
      + `the baseline's ${mb(Math.min(...db.scenarios.map((r) => r.baseline.measurement.peakRss ?? 0)))}–${mb(Math.max(...db.scenarios.map((r) => r.baseline.measurement.peakRss ?? 0)))} MiB).`);
    if (db.engine === 'PostgreSQL' && first) {
      const counted = { none: 'runs no COUNT', bounded: 'counts at most a bounded number of rows (a COUNT over a LIMIT, which PostgreSQL runs only where the estimate is within the threshold)', 'whole table': 'runs a COUNT over the whole table' }[first.countQuery ?? 'none'];
      lines.push(`- ${db.engine}: an estimated total on a large table instead of COUNT(*): ${yes(Boolean(first.estimatedTotal) && first.countQuery !== 'whole table')} `
        + `(page 1 ${counted}, and ${first.estimatedTotal ? 'says its total is an estimate' : 'shows no estimate'}).`);
    }
  }
  if (startup) lines.push(`- Start-up under 1 s for a 100-model schema: ${yes(startup.admin.readyMs < 1000)} (first start in a fresh process ${ms(startup.admin.readyMs)} ms, ${num(startup.admin.readyMs / startup.bare.readyMs, 1)}× a bare fastify start; a second start ${ms(startup.admin.warmReadyMs)} ms).`);
  lines.push('');
  return lines.join('\n');
}
