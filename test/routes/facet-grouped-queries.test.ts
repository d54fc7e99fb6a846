// Issue 18 point 4: the facet counts of a path through a relation (`author.country`, `author.verified`) and of a
// to-many relation (`tags`) are one grouped query per filter, on SQLite, PostgreSQL and MariaDB, over a small schema
// of its own. Every count is checked against Prisma's count of the same rows: a post with two tags counts once per
// tag, a post without an author has no country (not "None"), and a where the raw query cannot take (a to-many filter)
// still counts right, choice by choice.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { applySchema, withProvider, type Provider } from '../../scripts/db/apply-schema.ts';
import { admin, AdminSite, ModelAdmin, parseSchemaFiles } from '../../src/index.ts';
import { ensureGeneratedClient } from '../../src/client/generate-client.ts';
import { openPrismaClient } from '../../src/client/open-client.ts';
import { parseDatabaseUrl } from '../../src/client/database-url.ts';
import { Browser, testCredentials } from '../support/cookie-jar.ts';
import { POSTGRES_ADMIN_URL, postgresAvailable } from '../support/databases.ts';
import { MYSQL_ADMIN_URL, mysqlAdmin, mysqlAvailable, postgresAdmin } from '../cli/support/cli-fixture.ts';
import { mainOf, resultCount, textOf } from '../support/html.ts';

const SCHEMA = `
generator client {
  provider = "prisma-client-js"
}

datasource db {
  provider = "sqlite"
}

model Writer {
  id       Int      @id @default(autoincrement())
  name     String
  country  String?
  verified Boolean  @default(false)
  articles Article[]
}

model Article {
  id       Int     @id @default(autoincrement())
  title    String
  status   String
  writer   Writer? @relation(fields: [writerId], references: [id])
  writerId Int?
  labels   Label[]
}

model Label {
  id       Int       @id @default(autoincrement())
  name     String    @unique
  articles Article[]
}
`;

class ArticleAdmin extends ModelAdmin {
  listDisplay = ['title', 'status'];
  listFilter = ['writer.country', 'writer.verified', 'labels', 'status'];
  searchFields = ['title', 'writer.name'];
}

type Where = Record<string, unknown>;
interface Client {
  writer: { create(args: object): Promise<{ id: number }> };
  article: { create(args: object): Promise<{ id: number }>; count(args: object): Promise<number> };
  label: { create(args: object): Promise<{ id: number; name: string }> };
  $disconnect(): Promise<void>;
}

async function freshDatabase(provider: Provider): Promise<{ url: string; cleanup: () => Promise<unknown> }> {
  const name = `pa_facets_${randomBytes(5).toString('hex')}`;
  if (provider === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'pa-facets-'));
    return { url: `file:${path.join(dir, 'test.db')}`, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const url = new URL(provider === 'postgresql' ? POSTGRES_ADMIN_URL : MYSQL_ADMIN_URL);
  url.pathname = `/${name}`;
  if (provider === 'postgresql') {
    await postgresAdmin(`CREATE DATABASE "${name}"`);
    return { url: url.toString(), cleanup: () => postgresAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
  }
  return { url: url.toString(), cleanup: () => mysqlAdmin((c) => c.query(`DROP DATABASE IF EXISTS \`${name}\``)) };
}

/** The client, with every query it runs (model operations and raw SQL) counted in `counter.n`. */
function counting<T extends object>(client: T, counter: { n: number }): T {
  const wrap = (fn: (...args: unknown[]) => unknown, self: object) => (...args: unknown[]) => {
    counter.n++;
    return fn.apply(self, args);
  };
  return new Proxy(client, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof prop === 'string' && prop.startsWith('$queryRaw') && typeof value === 'function') return wrap(value as (...args: unknown[]) => unknown, target);
      if (typeof prop === 'string' && !prop.startsWith('$') && value && typeof value === 'object') {
        return new Proxy(value, { get: (d, m) => (typeof d[m as keyof typeof d] === 'function' ? wrap(d[m as keyof typeof d] as never, d) : d[m as keyof typeof d]) });
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The sidebar section titled `title`: per choice label, its count. */
function counts(html: string, title: string): Map<string, number> {
  const section = new RegExp(`<h3>${title}</h3>\\s*<ul>([\\s\\S]*?)</ul>`).exec(html)?.[1] ?? '';
  return new Map([...section.matchAll(/<a href="[^"]*"[^>]*>([^<]*)<\/a> <span class="facet-count"[^>]*>([\d,]+)<\/span>/g)].map((m) => [textOf(m[1]), Number(m[2].replaceAll(',', ''))]));
}

const available = { sqlite: true, postgresql: await postgresAvailable(), mysql: await mysqlAvailable() };

for (const provider of ['sqlite', 'postgresql', 'mysql'] as const) {
  describe(`grouped facet counts on ${provider}`, { skip: available[provider] ? false : `no ${provider} server` }, () => {
    const closers: (() => Promise<unknown>)[] = [];
    const counter = { n: 0 };
    let browser: Browser;
    let prisma: Client;
    const labels: { id: number; name: string }[] = [];

    before(async () => {
      testCredentials();
      const files = withProvider([{ path: 'schema.prisma', content: SCHEMA }], provider);
      const db = await freshDatabase(provider);
      closers.push(db.cleanup);
      await applySchema(files, db.url);
      const generated = await ensureGeneratedClient(files, { isFolder: false, env: { PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath } });
      prisma = await openPrismaClient(generated.clientFile, parseDatabaseUrl(db.url)) as never as Client;
      closers.push(() => prisma.$disconnect());
      const writers = [
        await prisma.writer.create({ data: { name: 'Alpha Writer', country: 'France', verified: true } }),
        await prisma.writer.create({ data: { name: 'Beta Writer', country: null, verified: false } }),
        await prisma.writer.create({ data: { name: 'Gamma Writer', country: 'Japan', verified: true } }),
      ];
      for (const name of ['red', 'green', 'blue']) labels.push(await prisma.label.create({ data: { name } }));
      for (let i = 0; i < 24; i++) {
        const writer = i % 7 === 6 ? null : writers[i % 3];
        // Posts with no label, one, or two (each counted once per label).
        const mine = i % 4 === 0 ? [] : i % 4 === 1 ? [labels[i % 3]] : [labels[i % 3], labels[(i + 1) % 3]];
        await prisma.article.create({ data: { title: i % 2 ? `alpha ${i}` : `omega ${i}`, status: i % 3 ? 'published' : 'draft', ...(writer ? { writer: { connect: { id: writer.id } } } : {}), labels: { connect: mine.map((l) => ({ id: l.id })) } } });
      }
      const app: FastifyInstance = Fastify();
      closers.push(() => app.close());
      const site = new AdminSite().register('Article', ArticleAdmin);
      await app.register(admin, { prefix: '/admin', schema: parseSchemaFiles(files), prisma: counting(prisma, counter) as never, site, listQueryTimeout: 0 });
      await app.ready();
      browser = await new Browser(app).login();
    });
    after(async () => {
      for (const close of closers.reverse()) await close().catch(() => {});
    });

    /** The page, and how many queries it ran (asked twice: the second is counted). */
    async function page(query: string): Promise<{ html: string; queries: number }> {
      await browser.get(`/admin/article/?${query}`);
      counter.n = 0;
      const response = await browser.get(`/admin/article/?${query}`);
      assert.equal(response.statusCode, 200, textOf(mainOf(response.body)).slice(0, 300));
      return { html: response.body, queries: counter.n };
    }

    /** Every count of the path and to-many filters equals Prisma's count of the rows within `rest` and the choice. */
    async function expectCounts(html: string, rest: Where, { countryWithin = rest, labelsWithin = rest }: { countryWithin?: Where; labelsWithin?: Where } = {}) {
      const count = (where: Where) => prisma.article.count({ where });
      const country = counts(html, 'Writer country');
      assert.deepEqual([...country.keys()].sort(), ['France', 'Japan', 'None'].sort());
      assert.equal(country.get('France'), await count({ AND: [countryWithin, { writer: { is: { country: 'France' } } }] }));
      assert.equal(country.get('Japan'), await count({ AND: [countryWithin, { writer: { is: { country: 'Japan' } } }] }));
      assert.equal(country.get('None'), await count({ AND: [countryWithin, { writer: { is: { country: null } } }] }), 'None: a writer without a country');
      const verified = counts(html, 'Writer verified');
      assert.equal(verified.get('Yes'), await count({ AND: [rest, { writer: { is: { verified: true } } }] }));
      assert.equal(verified.get('No'), await count({ AND: [rest, { writer: { is: { verified: false } } }] }));
      // A required field through an optional relation: "None" is the posts without a writer.
      assert.equal(verified.get('None'), await count({ AND: [rest, { writer: { is: null } }] }), 'verified None: no writer');
      const byLabel = counts(html, 'Labels');
      for (const label of labels) assert.equal(byLabel.get(label.name), await count({ AND: [labelsWithin, { labels: { some: { id: label.id } } }] }), `label ${label.name}`);
      assert.equal(byLabel.get('None'), await count({ AND: [labelsWithin, { labels: { none: {} } }] }));
    }

    test('each filter of a path or a to-many relation counts its choices in one query', async () => {
      const shown = await page('_facets=1');
      const plain = await page('_facets=0');
      // One query per filter: the two paths, the labels, and the status (Prisma's groupBy).
      assert.equal(shown.queries - plain.queries, 4, `${shown.queries} queries with counts, ${plain.queries} without`);
      await expectCounts(shown.html, {});
      const byLabel = counts(shown.html, 'Labels');
      assert.ok([...byLabel.values()].reduce((a, b) => a + b, 0) > 24, 'a post with two labels counts under both');
    });

    test('within the other filters and the search (through the writer’s name), still one query each', async () => {
      const status = await page('_facets=1&status__exact=published');
      assert.equal(status.queries - (await page('_facets=0&status__exact=published')).queries, 4);
      await expectCounts(status.html, { status: 'published' });
      const searched = await page('_facets=1&q=ALPHA');
      assert.equal(searched.queries - (await page('_facets=0&q=ALPHA')).queries, 4);
      const search = { OR: [{ title: { contains: provider === 'postgresql' ? 'ALPHA' : 'alpha', ...(provider === 'postgresql' ? { mode: 'insensitive' } : {}) } }, { writer: { is: { name: { contains: provider === 'postgresql' ? 'ALPHA' : 'Alpha', ...(provider === 'postgresql' ? { mode: 'insensitive' } : {}) } } } }] };
      await expectCounts(searched.html, search);
      const country = await page('_facets=1&writer__country__exact=Japan');
      await expectCounts(country.html, { writer: { is: { country: 'Japan' } } }, { countryWithin: {} });
    });

    test('“None” of a required field through an optional relation lists and counts the rows without the relation', async () => {
      // It was a 500: the where asked Prisma for `writer: { is: { verified: null } }`, which it rejects.
      const { html } = await page('_facets=1&writer__verified__isnull=true');
      const without = await prisma.article.count({ where: { writer: { is: null } } });
      assert.ok(without > 0);
      assert.equal(resultCount(html), without);
      const verified = counts(html, 'Writer verified');
      assert.deepEqual([verified.get('Yes'), verified.get('No'), verified.get('None')], [await prisma.article.count({ where: { writer: { is: { verified: true } } } }), await prisma.article.count({ where: { writer: { is: { verified: false } } } }), without]);
      assert.equal(counts(html, 'Writer country').get('France'), 0);
    });

    test('a where the grouped query cannot take (a label chosen) counts choice by choice, as right', async () => {
      const label = labels[0];
      const { html } = await page(`_facets=1&labels__exact=${label.id}`);
      await expectCounts(html, { labels: { some: { id: label.id } } }, { labelsWithin: {} });
    });
  });
}
