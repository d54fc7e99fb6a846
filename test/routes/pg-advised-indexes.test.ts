// PostgreSQL: with the indexes `check` advises for the demo's post admin (data/index-advice.ts, created as
// createIndexSql writes them), the admin's own queries of a search, a sort and a filter use them. Each statement the
// admin ran for the page (recorded from Prisma's query events, with its parameters) is EXPLAINed with sequential
// scans disabled: a plan that still reads the table from end to end, or sorts it, could not use the index.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { PrismaPg } from '@prisma/adapter-pg';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import type { PrismaClient } from '../../prisma/generated/client.ts';
import { demoSite } from '../../prisma/demo-admin.ts';
import { postgresConnectionString, readSchemaFiles, withProvider } from '../../scripts/db/apply-schema.ts';
import { buildDemoServer, DEMO_SCHEMA, ensureDemoSuperuser } from '../../scripts/demo-server.ts';
import { ensurePostgresClient } from '../../scripts/generate-pg-client.ts';
import { seed } from '../../scripts/seed.ts';
import { buildModelRegistry } from '../../src/admin/model-registry.ts';
import { createIndexSql, listIndexAdvice, TRIGRAM_EXTENSION } from '../../src/data/index-advice.ts';
import { parseListParams } from '../../src/data/list-params.ts';
import { parseSchemaFiles } from '../../src/index.ts';
import { Browser, testCredentials } from '../support/cookie-jar.ts';
import { freshPostgresDatabase, postgresAvailable } from '../support/databases.ts';
import { TEST_SIZE } from '../support/demo-app.ts';

const available = await postgresAvailable();
const LISTS = { search: { q: 'prisma' }, sortTitle: { sort: 'title' }, sortPublished: { sort: '-publishedAt' }, filter: { status__exact: 'published', category__exact: '2' } };

let db: Awaited<ReturnType<typeof freshPostgresDatabase>>;
let prisma: PrismaClient;
let app: FastifyInstance;
let browser: Browser;
let explainer: pg.Client;
let recorded: { query: string; params: string }[] | null = null;

before(async () => {
  if (!available) return;
  db = await freshPostgresDatabase(DEMO_SCHEMA);
  const { PrismaClient: Client } = (await import(pathToFileURL(ensurePostgresClient()).href)) as { PrismaClient: typeof PrismaClient };
  prisma = new Client({ adapter: new PrismaPg({ connectionString: postgresConnectionString(db.url) }) as never, log: [{ emit: 'event', level: 'query' }] }) as PrismaClient;
  (prisma as unknown as { $on(e: 'query', cb: (e: { query: string; params: string }) => void): void }).$on('query', (e) => recorded?.push({ query: e.query, params: e.params }));
  await seed(prisma as never, TEST_SIZE);
  explainer = new pg.Client({ connectionString: postgresConnectionString(db.url) });
  await explainer.connect();
  // The indexes the advice code names for these lists, as the benchmark creates them.
  const schema = parseSchemaFiles(withProvider(readSchemaFiles(DEMO_SCHEMA), 'postgresql'));
  const admin = buildModelRegistry(schema, demoSite()).get('post')!;
  const advice = Object.values(LISTS).flatMap((query) => listIndexAdvice(schema, admin, parseListParams(admin, query)));
  await explainer.query(TRIGRAM_EXTENSION);
  for (const sql of new Set(advice.map((a) => createIndexSql('postgresql', a)))) await explainer.query(sql);
  await explainer.query('ANALYZE');
  const credentials = testCredentials();
  await ensureDemoSuperuser(db.url, { ADMIN_USERNAME: credentials.username, ADMIN_PASSWORD: credentials.password });
  app = await buildDemoServer(db.url, { prisma: prisma as never });
  await app.ready();
  browser = await new Browser(app).login();
});

after(async () => {
  await app?.close();
  await explainer?.end();
  await db?.cleanup();
});

/** The statements of Post the admin ran for the list page, each with its plan (sequential scans off). */
async function plansOf(query: Record<string, string>, settings: string[] = [], on = browser): Promise<{ sql: string; plan: string }[]> {
  recorded = [];
  const page = await on.get(`/admin/post/?${new URLSearchParams(query)}`);
  assert.equal(page.statusCode, 200);
  const statements = recorded.filter((r) => /FROM "(public"\.")?Post"/.test(r.query) && !/^(EXPLAIN|SET|SAVEPOINT|RELEASE)/.test(r.query));
  recorded = null;
  const plans: { sql: string; plan: string }[] = [];
  await explainer.query('RESET ALL');
  for (const setting of ['enable_seqscan', ...settings]) await explainer.query(`SET ${setting} = off`);
  for (const { query: sql, params } of statements) {
    const values = (JSON.parse(params) as unknown[]).map((v) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : v));
    const { rows } = await explainer.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, values);
    plans.push({ sql, plan: rows.map((r) => r['QUERY PLAN']).join('\n') });
  }
  return plans;
}

const readsWholeTable = (plan: string) => /Seq Scan on "?Post"?/.test(plan);

test('a search: the count reads the trigram indexes of title and body', { skip: !available && 'no PostgreSQL test server' }, async () => {
  const plans = await plansOf(LISTS.search);
  const count = plans.find((p) => /COUNT\(\*\)/i.test(p.sql) && /ILIKE/.test(p.sql));
  assert.ok(count, plans.map((p) => p.sql).join('\n'));
  assert.match(count.plan, /Bitmap Index Scan on "?Post_title_trgm_idx"?/, count.plan);
  assert.match(count.plan, /Bitmap Index Scan on "?Post_body_trgm_idx"?/, count.plan);
  assert.ok(!readsWholeTable(count.plan), count.plan);
});

test('a sort by a column reads the (column, id) index in the ORDER BY’s order: no sort of the table', { skip: !available && 'no PostgreSQL test server' }, async () => {
  for (const [list, index] of [[LISTS.sortTitle, 'Post_title_id_idx'], [LISTS.sortPublished, 'Post_publishedAt_id_idx']] as const) {
    // Sorting costs more than any index read here: an index that can give the ORDER BY's order is the plan.
    const page = (await plansOf(list, ['enable_sort', 'enable_incremental_sort'])).find((p) => /ORDER BY/.test(p.sql) && /LIMIT/.test(p.sql));
    assert.ok(page);
    assert.match(page.plan, new RegExp(`Index Scan(?: Backward)? using "?${index}"?`), page.plan);
    assert.doesNotMatch(page.plan, /Sort\b/, page.plan);
  }
});

test('a filter: its count and its page use the filter’s indexes, not the whole table', { skip: !available && 'no PostgreSQL test server' }, async () => {
  const plans = await plansOf(LISTS.filter);
  assert.ok(plans.length >= 2, plans.map((p) => p.sql).join('\n'));
  for (const { sql, plan } of plans) assert.ok(!readsWholeTable(plan), `${sql}\n${plan}`);
  assert.ok(plans.some((p) => /Index Scan on "?Post_(status|categoryId)(_id)?_idx"?/.test(p.plan)), plans.map((p) => p.plan).join('\n\n'));
});

test('a large table’s filtered count below the threshold counts in SQL, without first sorting the matches by key', { skip: !available && 'no PostgreSQL test server' }, async () => {
  // A threshold of 60 makes the 120 posts a large table; one category of five has fewer posts than that.
  const small = await buildDemoServer(db.url, { prisma: prisma as never, countEstimateAbove: 60 });
  try {
    const plans = await plansOf({ category__exact: '2' }, [], await new Browser(small).login());
    const counts = plans.filter((p) => /COUNT\(/i.test(p.sql));
    assert.ok(counts.length, plans.map((p) => p.sql).join('\n'));
    for (const { sql, plan } of counts) {
      assert.doesNotMatch(sql, /ORDER BY/, sql);
      assert.doesNotMatch(plan, /Sort\b/, plan);
    }
  } finally {
    await small.close();
  }
});

test('a search of author.name too: the page reads the authors’ keys first, and its rows through the trigram indexes of title and body', { skip: !available && 'no PostgreSQL test server' }, async () => {
  // At the test's size walking the ordering's index is cheapest whatever the where: index scans off, what remains is
  // what the where itself can use (the join's OR could use nothing: a scan of the whole table).
  const plans = await plansOf(LISTS.search, ['enable_indexscan', 'enable_indexonlyscan']);
  const page = plans.find((p) => /ORDER BY/.test(p.sql) && /LIMIT/.test(p.sql) && /ILIKE/.test(p.sql));
  assert.ok(page, plans.map((p) => p.sql).join('\n'));
  // The relation filter was a join to Author with an OR across it, which no index serves: the ordering's index walked.
  assert.doesNotMatch(page.sql, /JOIN "(public"\.")?Author"/, page.sql);
  assert.match(page.plan, /BitmapOr/, page.plan);
  assert.match(page.plan, /Bitmap Index Scan on "?Post_title_trgm_idx"?/, page.plan);
  assert.match(page.plan, /Bitmap Index Scan on "?Post_body_trgm_idx"?/, page.plan);
  assert.ok(!readsWholeTable(page.plan), page.plan);
});
