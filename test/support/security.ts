// Helpers of the security suite (test/routes/security-*.test.ts): the admin's routes read from the app itself and
// expanded to concrete URLs, a snapshot of every table to prove a refused request changed nothing, staff users with
// chosen permissions, logins from an address of the test's choosing, and the demo on a fresh PostgreSQL database.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { DemoClient } from '../../scripts/db/demo-client.ts';
import { DEMO_SCHEMA } from '../../scripts/demo-server.ts';
import { testPasswordHash } from './test-passwords.ts';
import { encodeRecordId } from '../../src/data/record-id.ts';
import { readSchema } from '../../src/index.ts';
import { modelUrlName, delegateName } from '../../src/schema/lookup.ts';
import type { SchemaMeta } from '../../src/schema/types.ts';
import { Browser } from './cookie-jar.ts';
import { freshPostgresDatabase } from './databases.ts';
import { startDemoAppOn, type DemoApp } from './demo-app.ts';
import { mainOf, textOf } from './html.ts';

export const PREFIX = '/admin';

/** A short description of a response for assertion messages. */
export const show = (r: { statusCode: number; body: string; headers?: Record<string, unknown> }) =>
  `${r.statusCode}${r.headers?.location ? ` → ${String(r.headers.location)}` : ''}: ${textOf(mainOf(r.body)).slice(0, 300)}`;

// ---------------------------------------------------------------------------------------------------------------------
// Routes, read from the app (so a route added tomorrow is tried too)

export interface RouteTemplate {
  method: 'GET' | 'POST';
  /** The route's URL as fastify knows it; parameters keep the router's names, `:a|:b` where routes share a node. */
  path: string;
}

/**
 * Every GET and POST route of the app, from `app.printRoutes()` (the router's tree: each line a node, its text the
 * part of the path it adds, its methods in parentheses).
 */
export function routeTemplates(app: FastifyInstance): RouteTemplate[] {
  const routes: RouteTemplate[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes().split('\n')) {
    const marker = /[├└]── /.exec(line);
    if (!marker) continue;
    const depth = marker.index / 4;
    const m = /^(.*?)(?: \(([^)]*)\))?$/.exec(line.slice(marker.index + 4))!;
    stack.length = depth;
    stack.push(m[1]);
    for (const method of (m[2] ?? '').split(',').map((s) => s.trim())) {
      if (method === 'GET' || method === 'POST') routes.push({ method, path: stack.join('') });
    }
  }
  return routes;
}

export interface ConcreteRoute {
  method: 'GET' | 'POST';
  url: string;
  template: string;
  /** The model of a model route (its URL name), and the page kind. */
  model?: string;
  page: string;
}

/** The record pages behind `/:model/*` (src/http/routes.ts), by method. */
export const RECORD_PAGES = { GET: ['', 'change', 'delete', 'history'], POST: ['change', 'delete'] } as const;

export interface RouteExpansion {
  schema: SchemaMeta;
  /** A real record id per model URL name (models without records are left out of record routes). */
  ids: Map<string, string>;
  /** Paths of the site's own pages (`/pages/<path>`), and of model pages (`<model>/<path>`). */
  sitePages: string[];
  modelPages: string[];
}

/** The admin's models (every model with a primary key), by URL name. */
export function modelNames(schema: SchemaMeta): string[] {
  return schema.models.filter((m) => m.primaryKey.fields.length > 0).map((m) => modelUrlName(m));
}

/**
 * Concrete URLs for every route template: `:model` becomes each model, record routes get a real id of that model,
 * static files a real file. A template this function does not know is still tried, with the first model and its id.
 */
export function concreteRoutes(templates: RouteTemplate[], x: RouteExpansion): ConcreteRoute[] {
  const out: ConcreteRoute[] = [];
  const models = modelNames(x.schema);
  const param = '(:[\\w|:]+)';
  const known: [RegExp, (t: RouteTemplate, m: RegExpExecArray) => ConcreteRoute[]][] = [
    [/^\/admin\/static\/\*$/, (t) => ['admin.css', 'admin.js'].map((f) => ({ method: t.method, url: `${PREFIX}/static/${f}`, template: t.path, page: 'static' }))],
    [new RegExp(`^/admin/pages/${param}$`), (t) => x.sitePages.map((p) => ({ method: t.method, url: `${PREFIX}/pages/${p}`, template: t.path, page: 'site-page' }))],
    [new RegExp(`^/admin/pages/${param}/${param}$`), (t) =>
      (x.modelPages.length ? x.modelPages : ['post/no-such-page']).map((p) => ({ method: t.method, url: `${PREFIX}/pages/${p}`, template: t.path, model: p.split('/')[0], page: 'model-page' }))],
    [new RegExp(`^/admin/adminuser/${param}/permissions$`), (t) =>
      x.ids.has('adminuser') ? [{ method: t.method, url: `${PREFIX}/adminuser/${x.ids.get('adminuser')}/permissions`, template: t.path, model: 'adminuser', page: 'permissions' }] : []],
    [new RegExp(`^/admin/${param}$`), (t) => models.map((model) => ({ method: t.method, url: `${PREFIX}/${model}`, template: t.path, model, page: 'list-redirect' }))],
    [new RegExp(`^/admin/${param}/([\\w-]*)$`), (t, m) => models.map((model) => ({ method: t.method, url: `${PREFIX}/${model}/${m[2]}`, template: t.path, model, page: m[2] || 'list' }))],
    [new RegExp(`^/admin/${param}/\\*$`), (t) => models.flatMap((model) => {
      const id = x.ids.get(model);
      if (id === undefined) return [];
      const meta = x.schema.models.find((mm) => modelUrlName(mm) === model)!;
      const bytes = meta.fields.find((f) => f.kind === 'scalar' && f.type === 'Bytes');
      const pages: string[] = [...RECORD_PAGES[t.method], ...(t.method === 'GET' ? [`download/${bytes?.name ?? 'no-such-file'}`] : [])];
      return pages.map((page) => ({ method: t.method, url: `${PREFIX}/${model}/${encodeURIComponent(id)}/${page}`, template: t.path, model, page: page.split('/')[0] || 'detail' }));
    })],
  ];
  for (const t of templates) {
    if (!t.path.startsWith(PREFIX)) continue;
    const hit = known.find(([re]) => re.test(t.path));
    if (hit) {
      out.push(...hit[1](t, hit[0].exec(t.path)!));
      continue;
    }
    if (!/[:*]/.test(t.path)) {
      out.push({ method: t.method, url: t.path, template: t.path, page: t.path.slice(PREFIX.length) || '/' });
      continue;
    }
    // Unknown shape: the first model for the first parameter, its id for the rest.
    let n = 0;
    const url = t.path.replace(/:[\w|:]+|\*/g, () => (n++ === 0 ? models[0] : encodeURIComponent(x.ids.get(models[0]) ?? '1')));
    out.push({ method: t.method, url, template: t.path, page: `unknown:${t.path}` });
  }
  return out;
}

/** A real id of each model of the database (the first record by primary key). */
export async function firstIds(prisma: DemoClient, schema: SchemaMeta): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const model of schema.models) {
    if (model.primaryKey.fields.length === 0) continue;
    const delegate = (prisma as unknown as Record<string, { findFirst(args: object): Promise<Record<string, unknown> | null> }>)[delegateName(model)];
    const record = await delegate.findFirst({ orderBy: model.primaryKey.fields.map((f) => ({ [f]: 'asc' })) });
    if (record) ids.set(modelUrlName(model), encodeRecordId(model, record));
  }
  return ids;
}

export async function demoSchema(): Promise<SchemaMeta> {
  return readSchema(DEMO_SCHEMA);
}

// ---------------------------------------------------------------------------------------------------------------------
// The database, table by table

/**
 * Every row of every table (SQLite or PostgreSQL), as sorted JSON lines per table: equal snapshots, equal data. The
 * login counters (AdminLoginThrottle) are left out: a refused login request is counted by design, before any check.
 */
export async function databaseSnapshot(prisma: DemoClient): Promise<Record<string, string[]>> {
  const raw = prisma as unknown as { $queryRawUnsafe<T>(sql: string): Promise<T> };
  const sqlite = (await raw.$queryRawUnsafe<{ v: string }[]>('SELECT sqlite_version() AS v').then(() => true, () => false));
  const tables = sqlite
    ? (await raw.$queryRawUnsafe<{ name: string }[]>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")).map((r) => r.name)
    : (await raw.$queryRawUnsafe<{ name: string }[]>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")).map((r) => r.name);
  const snapshot: Record<string, string[]> = {};
  for (const table of tables.sort()) {
    if (table === 'AdminLoginThrottle') continue;
    const rows = await raw.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${table.replace(/"/g, '""')}"`);
    snapshot[table] = rows.map((row) => JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))).sort();
  }
  return snapshot;
}

// ---------------------------------------------------------------------------------------------------------------------
// Users and logins

export interface Credentials {
  username: string;
  password: string;
}

/** An AdminUser with exactly these permissions (`'Post.view'`, ...), straight through Prisma. */
export async function createAdminUser(prisma: DemoClient, username: string, permissions: string[], options: { isSuperuser?: boolean; isActive?: boolean } = {}): Promise<Credentials & { id: number }> {
  const password = `${username}-password-for-tests`;
  const user = await prisma.adminUser.create({
    data: {
      username,
      passwordHash: await testPasswordHash(password),
      isSuperuser: options.isSuperuser ?? false,
      isActive: options.isActive ?? true,
      permissions: { create: permissions.map((p) => ({ model: p.split('.')[0], action: p.split('.')[1] })) },
    },
  });
  return { id: user.id, username, password };
}

let nextAddress = 10;
/** A fresh client address for each login, so the per-IP login limit of one test never blocks another's login. */
export function freshAddress(): string {
  nextAddress++;
  return `198.51.100.${nextAddress % 250}`;
}

/** Logs in through the login form from `address`; throws when that fails. */
export async function loginAs(app: FastifyInstance, credentials: Credentials, address = freshAddress()): Promise<Browser> {
  const browser = new Browser(app);
  await browser.request({ method: 'GET', url: `${PREFIX}/login`, remoteAddress: address });
  const response = await postForm(browser, `${PREFIX}/login`, { ...credentials, next: `${PREFIX}/` }, { remoteAddress: address });
  if (response.statusCode !== 303 || !browser.jar.has('prisma_admin_session')) {
    throw new Error(`Login of ${credentials.username} failed: ${show(response)}`);
  }
  // As a browser does: the page after the login holds a token of the CSRF secret the login rotated.
  await browser.follow(response);
  return browser;
}

/** POSTs an urlencoded form with the browser (its cookies and CSRF token), with extra inject options. */
export function postForm(browser: Browser, url: string, form: Record<string, string | string[]>, options: { remoteAddress?: string; headers?: Record<string, string> } = {}): Promise<LightMyRequestResponse> {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) for (const v of Array.isArray(value) ? value : [value]) params.append(name, v);
  return browser.request({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...options.headers },
    payload: params.toString(),
    ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
  });
}

// ---------------------------------------------------------------------------------------------------------------------
// The demo on PostgreSQL

/** startDemoApp on a fresh PostgreSQL database (the test server of databases.ts). */
export async function startDemoAppOnPostgres(): Promise<DemoApp> {
  return startDemoAppOn(await freshPostgresDatabase(DEMO_SCHEMA));
}


/** A valid add form of a demo Post (a unique title and slug). */
export function newPostForm(tag = Math.random().toString(36).slice(2, 10)): Record<string, string> {
  return { title: `New post ${tag}`, slug: `new-post-${tag}`, body: 'Written by the security tests.', status: 'draft', author: '2', viewCount: '0' };
}

/** The model list links of a page's navigation sidebar (`/admin/<model>/`). */
export function navModels(html: string): string[] {
  const nav = /<nav class="sidebar"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
  return [...nav.matchAll(/href="\/admin\/(\w+)\/"/g)].map((m) => m[1]);
}

/** The model links of the index's tables (`/admin/<model>/` and `/admin/<model>/add`). */
export function indexModels(html: string): { lists: string[]; adds: string[] } {
  const main = mainOf(html);
  const table = [...main.matchAll(/<table class="dashboard">[\s\S]*?<\/table>/g)].map((m) => m[0]).join('');
  return {
    lists: [...table.matchAll(/href="\/admin\/(\w+)\/"/g)].map((m) => m[1]),
    adds: [...table.matchAll(/href="\/admin\/(\w+)\/add"/g)].map((m) => m[1]),
  };
}

/** Which rows a table gained and lost between two snapshots (short, for assertion messages); empty when equal. */
export function snapshotDifference(before: Record<string, string[]>, after: Record<string, string[]>): string {
  const lines: string[] = [];
  for (const table of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = new Set(before[table] ?? []);
    const b = new Set(after[table] ?? []);
    const gone = [...a].filter((row) => !b.has(row));
    const added = [...b].filter((row) => !a.has(row));
    if (gone.length || added.length) {
      lines.push(`${table}: -${gone.length} +${added.length}`);
      for (const row of gone.slice(0, 2)) lines.push(`  - ${row.slice(0, 200)}`);
      for (const row of added.slice(0, 2)) lines.push(`  + ${row.slice(0, 200)}`);
    }
  }
  return lines.join('\n');
}

/** Asserts that the database is as `before` (naming the changed rows when it is not). */
export async function assertUnchanged(prisma: DemoClient, before: Record<string, string[]>, message: string): Promise<void> {
  const difference = snapshotDifference(before, await databaseSnapshot(prisma));
  if (difference) throw new Error(`${message}: the database changed\n${difference}`);
}
