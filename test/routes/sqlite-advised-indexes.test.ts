// SQLite: with the indexes `check` advises for the demo's post filters (data/index-advice.ts, created as createIndexSql
// writes them), the admin's own statements of a filtered list use them: the page reads an advised index in the list's
// order (no sort of the matches), and the bounded count reads an index alone (no row). Each statement the admin ran for
// the page (recorded from Prisma's query events, with its parameters) is put to EXPLAIN QUERY PLAN.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { PrismaClient } from '../../prisma/generated/client.ts';
import { demoSite } from '../../prisma/demo-admin.ts';
import { readSchemaFiles, sqliteFileOfUrl } from '../../scripts/db/apply-schema.ts';
import { buildDemoServer, DEMO_SCHEMA, ensureDemoSuperuser } from '../../scripts/demo-server.ts';
import { seed } from '../../scripts/seed.ts';
import { buildModelRegistry } from '../../src/admin/model-registry.ts';
import { createIndexSql, listIndexAdvice } from '../../src/data/index-advice.ts';
import { parseListParams } from '../../src/data/list-params.ts';
import { parseSchemaFiles } from '../../src/index.ts';
import { Browser, testCredentials } from '../support/cookie-jar.ts';
import { freshSqliteDatabase } from '../support/databases.ts';
import { TEST_SIZE } from '../support/demo-app.ts';
import { testPasswordHash } from '../support/test-passwords.ts';

const FILTER = { status__exact: 'published', category__exact: '2' };

let db: Awaited<ReturnType<typeof freshSqliteDatabase>>;
let prisma: PrismaClient;
let app: FastifyInstance;
let browser: Browser;
let explainer: Database.Database;
let recorded: { query: string; params: string }[] | null = null;

before(async () => {
  db = await freshSqliteDatabase(DEMO_SCHEMA);
  prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: sqliteFileOfUrl(db.url) }), log: [{ emit: 'event', level: 'query' }] });
  (prisma as unknown as { $on(e: 'query', cb: (e: { query: string; params: string }) => void): void }).$on('query', (e) => recorded?.push({ query: e.query, params: e.params }));
  await seed(prisma as never, TEST_SIZE);
  explainer = new Database(sqliteFileOfUrl(db.url));
  const schema = parseSchemaFiles(readSchemaFiles(DEMO_SCHEMA));
  const admin = buildModelRegistry(schema, demoSite()).get('post')!;
  for (const advice of listIndexAdvice(schema, admin, parseListParams(admin, FILTER))) explainer.exec(createIndexSql('sqlite', advice));
  explainer.exec('ANALYZE');
  const credentials = testCredentials();
  await ensureDemoSuperuser(db.url, { ADMIN_USERNAME: credentials.username, ADMIN_PASSWORD: credentials.password }, { hash: testPasswordHash });
  app = await buildDemoServer(db.url, { prisma: prisma as never, countEstimateAbove: 30 });
  await app.ready();
  browser = await new Browser(app).login();
});

after(async () => {
  await app?.close();
  explainer?.close();
  await prisma?.$disconnect();
  await db?.cleanup();
});

/** The statements of Post the admin ran for the list page, each with its query plan. */
async function plansOf(query: Record<string, string>): Promise<{ sql: string; plan: string }[]> {
  recorded = [];
  const page = await browser.get(`/admin/post/?${new URLSearchParams(query)}`);
  assert.equal(page.statusCode, 200);
  const statements = recorded.filter((r) => /FROM [`"](main[`"]\.[`"])?Post[`"]/.test(r.query));
  recorded = null;
  return statements.map(({ query: sql, params }) => {
    const values = (JSON.parse(params) as unknown[]).map((v) => (typeof v === 'boolean' ? Number(v) : v));
    const plan = explainer.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...values) as { detail: string }[];
    return { sql, plan: plan.map((p) => p.detail).join('\n') };
  });
}

test('a filter combination: its page reads an advised index in the list’s order, its count an index alone', async () => {
  const plans = await plansOf(FILTER);
  const page = plans.find((p) => /ORDER BY/.test(p.sql) && /LIMIT/.test(p.sql));
  assert.ok(page, plans.map((p) => p.sql).join('\n'));
  assert.match(page.plan, /SEARCH (main\.)?Post USING INDEX Post_(status|categoryId)_createdAt_id_\w+_idx/, page.plan);
  assert.doesNotMatch(page.plan, /TEMP B-TREE/, page.plan);
  const count = plans.find((p) => /COUNT\(\*\)/i.test(p.sql));
  assert.ok(count, plans.map((p) => p.sql).join('\n'));
  assert.match(count.plan, /SEARCH (main\.)?Post USING COVERING INDEX Post_(status|categoryId)_createdAt_id_\w+_idx/, count.plan);
});
