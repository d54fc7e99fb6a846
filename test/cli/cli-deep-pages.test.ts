// Issue 7: a deep page of an unfiltered list reads its keys in one raw query with the total (src/data/page-keys.ts).
// That query is written per provider, so it runs here through the real command on SQLite, PostgreSQL and MariaDB,
// for every kind of key it reads back as text: Int, a BigInt past 2^53, a String and a composite (String, Int).
// Each table holds a little more than DEEP_PAGE_OFFSET rows in the list's default order (primary key descending); a
// deep page, and the page its Next link leads to (read from the deep page's last row), must show exactly the rows an
// OFFSET would, and the server must not have fallen back to Prisma.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { sqliteFileOfUrl } from '../../scripts/db/apply-schema.ts';
import { DEEP_PAGE_OFFSET } from '../../src/data/deep-page.ts';
import { decodeEntities, listRows, mainOf, textOf } from '../support/html.ts';
import { mysqlAdmin, postgresAdmin, type CliProvider, type FreshDatabase } from './support/cli-fixture.ts';
import { availableProviders, CLI_PROVIDERS, serveFixture, type ServedFixture } from './support/served-fixture.ts';

const PER_PAGE = 100;
const ROWS = DEEP_PAGE_OFFSET + 150;
const DEEP_PAGE = DEEP_PAGE_OFFSET / PER_PAGE + 1;
const BIG = 9_007_199_254_740_993n;
const pad = (i: number) => String(i).padStart(5, '0');

/** Each table's rows (as SQL values) and their encoded ids in the list's order, primary key descending. */
const tables = {
  Tag: { columns: ['id', 'name'], rows: range().map((i) => [i, `tag-${i}`]), ids: range().reverse().map(String) },
  Ledger: { columns: ['id', 'memo'], rows: range().map((i) => [String(BIG + BigInt(i)), `memo ${i}`]), ids: range().reverse().map((i) => String(BIG + BigInt(i))) },
  Category: { columns: ['slug', 'name'], rows: range().map((i) => [`c-${pad(i)}`, `Category ${i}`]), ids: range().reverse().map((i) => `c-${pad(i)}`) },
  Pair: {
    columns: ['group', 'rank'],
    rows: range().map((i) => [`g${i % 3}`, i]),
    ids: range().map((i) => [i % 3, i] as const).sort((a, b) => b[0] - a[0] || b[1] - a[1]).map(([g, r]) => `g${g},${r}`),
  },
};

function range(): number[] {
  return Array.from({ length: ROWS }, (_, i) => i + 1);
}

const available = await availableProviders();

for (const provider of CLI_PROVIDERS) {
  describe(`deep pages through the total's query on ${provider}`, { skip: available[provider] ? false : `no ${provider} test server` }, () => {
    let served: ServedFixture;

    before(async () => {
      served = await serveFixture(provider, (db) => insertRows(provider, db));
    });
    after(async () => {
      await served?.close();
    });

    for (const [table, { ids }] of Object.entries(tables)) {
      test(`${table}: a deep page and the last page hold the rows an OFFSET would`, async () => {
        for (const page of [DEEP_PAGE, DEEP_PAGE + 1]) {
          const response = await served.browser.get(`/admin/${table.toLowerCase()}/?page=${page}`);
          assert.equal(response.statusCode, 200, `${textOf(mainOf(response.body)).slice(0, 300)}\n${served.serve.output().slice(-2000)}`);
          assert.deepEqual(listRows(response.body).map((r) => r.id), ids.slice((page - 1) * PER_PAGE, page * PER_PAGE), `page ${page}`);
          assert.match(textOf(mainOf(response.body)), new RegExp(`${ROWS.toLocaleString('en-US')}|${ROWS}`), 'the total');
        }
        // The deep page's Next link starts from its last row (keyset pagination): the same rows.
        const deep = await served.browser.get(`/admin/${table.toLowerCase()}/?page=${DEEP_PAGE}`);
        const next = /<a href="([^"]*)" rel="next">/.exec(deep.body)?.[1];
        assert.ok(next && /after=/.test(next), `an anchored Next link: ${next}`);
        const followed = await served.browser.get(`/admin/${table.toLowerCase()}/${decodeEntities(next)}`);
        assert.deepEqual(listRows(followed.body).map((r) => r.id), ids.slice(DEEP_PAGE * PER_PAGE, (DEEP_PAGE + 1) * PER_PAGE), 'the page after the link');
        assert.doesNotMatch(served.serve.output(), /deep page keys unavailable/, 'the raw query ran, with no fallback to Prisma');
      });
    }
  });
}

/** Fills the tables in chunks of 500 rows (SQLite's old limit on the rows of one VALUES). */
async function insertRows(provider: CliProvider, db: FreshDatabase): Promise<void> {
  const quote = (name: string) => (provider === 'mysql' ? `\`${name}\`` : `"${name}"`);
  const statements: { sql: string; values: unknown[] }[] = [];
  for (const [table, { columns, rows }] of Object.entries(tables)) {
    for (let start = 0; start < rows.length; start += 500) {
      const chunk = rows.slice(start, start + 500);
      let n = 0;
      const mark = () => (provider === 'postgresql' ? `$${++n}` : '?');
      const tuples = chunk.map((row) => `(${row.map(mark).join(', ')})`).join(', ');
      statements.push({ sql: `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES ${tuples}`, values: chunk.flat() });
    }
  }
  if (provider === 'sqlite') {
    const sqlite = new Database(sqliteFileOfUrl(db.url));
    try {
      for (const s of statements) sqlite.prepare(s.sql).run(...s.values);
    } finally {
      sqlite.close();
    }
  } else if (provider === 'postgresql') {
    for (const s of statements) await postgresAdmin(s.sql, s.values, db.url);
  } else {
    await mysqlAdmin(async (connection) => {
      for (const s of statements) await connection.query(s.sql, s.values);
    }, db.name);
  }
}
