// One scenario on one data set: a request of each side outside the load (SQL, size, whether the pages agree), then
// the load runs, both sides (and Django's admin) alike.
import { get, postForm, formFields } from './http.ts';
import { combine, run, settle, throughput, type LoadOptions, type Plan, type RunSample } from './load.ts';
import type { ScenarioResult, SideResult } from './report.ts';
import { changePath, listPath, type ListCase, type Scenario, type Side } from './scenarios.ts';
import type { DatabaseCpu } from './database-cpu.ts';
import { waitDatabaseIdle } from './database-idle.ts';
import { cpuMsOf, recordQueries, waitIdle, type RunningServer } from './servers.ts';

/** The longest half-run of a slow scenario, in seconds. */
const MAX_HALF_SECONDS = 15;

export type Servers = Partial<Record<Side, RunningServer>> & { admin: RunningServer; baseline: RunningServer };
export type Cookies = Partial<Record<Side, string>>;

// The login's look-ups: the admin's session, user and permissions; Django's session and user.
const isAuthQuery = (sql: string) => /Admin(Session|User)\b|AdminUserPermission|"django_session"|"auth_user"\./.test(sql) && !/AdminLogEntry/.test(sql);

function side(queries: string[] | null, bytes: number): Omit<SideResult, 'measurement'> {
  return { queries, authQueries: queries ? queries.filter(isAuthQuery).length : 0, bytes };
}

const rowIds = (html: string, pattern: RegExp) => [...html.matchAll(pattern)].map((m) => m[1]);
const ROWS: Record<Side, RegExp> = {
  admin: /<input type="checkbox" name="_selected"[^>]*value="([^"]+)"/g,
  baseline: /<tr data-id="([^"]+)"/g,
  django: /<input type="checkbox" name="_selected_action" value="([^"]+)"/g,
};

export const sidesOf = (servers: Servers) => (['admin', 'baseline', 'django'] as const).filter((s) => servers[s]);
/** Sides that run a scenario: Django's save (its inline formsets' management form) is not driven. */
const sidesFor = (scenario: Scenario, servers: Servers) => sidesOf(servers).filter((s) => s !== 'django' || scenario.kind !== 'save');

/** The anchor of the Next link on the admin's page before the scenario's (from=…&after=…). */
export async function nextLinkAnchor(admin: RunningServer, list: ListCase, cookie: string): Promise<{ from: string; after: string }> {
  const previous = await get(admin.base + listPath('admin', { ...list, viaNext: false, anchor: undefined, page: (list.page ?? 1) - 1 }), cookie);
  const href = /<a href="([^"]*)" rel="next">/.exec(previous.body)?.[1]?.replace(/&amp;/g, '&') ?? '';
  const query = new URLSearchParams(href.replace(/^[^?]*\?/, ''));
  const from = query.get('from');
  const after = query.get('after');
  if (!from || !after) throw new Error(`The admin's page ${(list.page ?? 1) - 1} has no anchored Next link (${href || 'none'})`);
  return { from, after };
}

export interface Check {
  sides: Partial<Record<Side, Omit<SideResult, 'measurement'>>>;
  notes: string[];
  estimatedTotal?: boolean;
  countQuery?: ScenarioResult['countQuery'];
  /** One request alone (a save: its GET and POST), in ms: sizes the scenario's runs. */
  single: Partial<Record<Side, number>>;
}

/** `recordDjango`: the SQL Django runs for a path (djangoQueries of bench/django.ts). */
export async function check(scenario: Scenario, servers: Servers, cookies: Cookies, recordDjango?: (path: string) => string[]): Promise<Check> {
  const result: Check = { sides: {}, notes: [], single: {} };
  const bodies: Partial<Record<Side, string>> = {};
  for (const s of sidesFor(scenario, servers)) {
    const server = servers[s]!;
    const cookie = cookies[s]!;
    const record = (work: () => Promise<unknown>) => (s === 'django' ? work().then(() => null) : recordQueries(server, work));
    const began = performance.now();
    if (scenario.kind === 'list' || scenario.kind === 'form') {
      const pagePath = scenario.kind === 'list' ? listPath(s, scenario.list) : changePath(s, scenario.postId);
      const url = server.base + pagePath;
      let page = { status: 0, body: '', bytes: 0 };
      let sql = await record(async () => (page = await get(url, cookie)));
      result.single[s] = performance.now() - began;
      if (s === 'django' && recordDjango) sql = recordDjango(pagePath);
      if (page.status !== 200) result.notes.push(`${s} answered ${page.status} to ${url}`);
      result.sides[s] = side(sql, page.bytes);
      bodies[s] = page.body;
    } else {
      const postId = scenario.postIds[0];
      const form = await get(server.base + changePath(s, postId), cookie);
      let saved = { status: 0, body: '', location: null as string | null };
      const sql = await record(async () => (saved = await postForm(server.base + changePath(s, postId), cookie, formFields(form.body, '/change'))));
      result.single[s] = performance.now() - began;
      if (saved.status !== 303) result.notes.push(`${s}: the save answered ${saved.status}, not 303: ${saved.body.slice(0, 200)}`);
      result.sides[s] = side(sql, form.bytes);
    }
  }
  if (scenario.kind === 'form') {
    // The same post's form on every side: its title field's value (a login page or an error page has none).
    // (Django renders the text column as a textarea.)
    const title = (html: string) => /<input[^>]*name="title"[^>]*value="([^"]*)"|<textarea[^>]*name="title"[^>]*>\s*([^<]*)<\/textarea>/.exec(html)?.slice(1).find((v) => v !== undefined)?.trim();
    const admin = title(bodies.admin ?? '');
    for (const s of sidesFor(scenario, servers).filter((x) => x !== 'admin' && x !== 'baseline')) {
      if (!admin || title(bodies[s] ?? '') !== admin) result.notes.push(`${s}'s change form is not the admin's post (title ${JSON.stringify(title(bodies[s] ?? '') ?? null)}, the admin's ${JSON.stringify(admin ?? null)})`);
    }
  }
  if (scenario.kind === 'list') {
    const admin = rowIds(bodies.admin ?? '', ROWS.admin);
    for (const s of sidesFor(scenario, servers).filter((x) => x !== 'admin')) {
      const other = rowIds(bodies[s] ?? '', ROWS[s]);
      // A sorted list breaks ties (equal titles) its own way: Django by its default ordering (-createdAt, -pk), the
      // admin by the primary key; the page must hold the same rows.
      const same = scenario.list.sort ? [...admin].sort().join() === [...other].sort().join() : admin.join() === other.join();
      if (!same) result.notes.push(`the admin shows other rows than ${s} (admin ${admin.length}: ${admin.slice(0, 3).join(', ')}…; ${s} ${other.length}: ${other.slice(0, 3).join(', ')}…)`);
    }
    result.estimatedTotal = /estimat|about/i.test(/<p class="result-count">[\s\S]*?<\/p>/.exec(bodies.admin ?? '')?.[0] ?? '');
    // A COUNT over the whole table, or one bounded by a LIMIT (to tell a small table's exact total from a large one).
    const counts = (result.sides.admin?.queries ?? []).filter((sql) => /\bCOUNT\(/i.test(sql));
    result.countQuery = counts.length === 0 ? 'none' : counts.every((sql) => /\bCOUNT\([^)]*\)[\s\S]*\bLIMIT\s+\d+\)/i.test(sql)) ? 'bounded' : 'whole table';
  }
  return result;
}

/** Until processes (gunicorn's, which count no SQL) use no CPU for 0.6 s, 60 s at most. */
async function waitCpuIdle(pids: number[]): Promise<void> {
  const deadline = Date.now() + 60_000;
  let last = cpuMsOf(pids);
  let still = 0;
  while (still < 2 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const now = cpuMsOf(pids);
    still = now === last ? still + 1 : 0;
    last = now;
  }
}

function planFor(scenario: Scenario, s: Side): Plan {
  if (scenario.kind === 'list') return { kind: 'get', path: listPath(s, scenario.list) };
  if (scenario.kind === 'form') return { kind: 'get', path: changePath(s, scenario.postId) };
  return { kind: 'save', formPath: (id) => changePath(s, id), postIds: scenario.postIds };
}

/**
 * The load runs of a scenario. A run stops with a request in flight on every connection, so a run must last several
 * times the time a request takes under load (about connections × its time alone): slow pages get longer runs, up to
 * MAX_HALF_SECONDS. Every side warms up, then they run in the order admin, baseline, Django, Django, baseline, admin,
 * so that a change in the machine's load weighs on all alike; after each run the server finishes what the run left
 * behind (its CPU time counts until then). The first scenario warms longer (V8 optimises every request's code).
 */
export async function measure(scenario: Scenario, servers: Servers, cookies: Cookies, checked: Check, args: LoadOptions, first: boolean, database: DatabaseCpu | null = null) {
  const sides = sidesFor(scenario, servers);
  const slowest = Math.max(...sides.map((s) => checked.single[s] ?? 0));
  const half = Math.min(MAX_HALF_SECONDS, Math.max(args.seconds / 2, (2 * args.connections * slowest) / 1000));
  const warmup = args.warmupSeconds * (first ? 4 : 1);
  const runOn = (s: Side, seconds: number) => run(servers[s]!.base, cookies[s]!, planFor(scenario, s), args.connections, seconds, servers[s]!.pids());
  const idle = async (s: Side) => {
    if (s === 'django') await waitCpuIdle(servers[s]!.pids());
    else await waitIdle(servers[s]!);
    await waitDatabaseIdle(servers[s]!.databaseUrl);
  };
  for (const s of sides) {
    if (warmup > 0) await runOn(s, warmup);
    await idle(s);
  }
  const samples: Partial<Record<Side, RunSample[]>> = {};
  for (const s of [...sides, ...[...sides].reverse()]) {
    const backends = await database?.snapshot();
    const sample = await runOn(s, half);
    await idle(s);
    (samples[s] ??= []).push(settle(sample, servers[s]!.pids()));
    if (database && backends) sample.dbCpuMs = await database.since(backends);
  }
  const measured: Partial<Record<Side, SideResult>> = {};
  for (const s of sides) measured[s] = { ...checked.sides[s]!, measurement: combine(samples[s]!) };
  const estimator = throughput(sides.map((s) => measured[s]!.measurement));
  return { measured, estimator, seconds: 2 * half };
}
