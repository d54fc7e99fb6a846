// MariaDB: a filtered list of a table larger than the estimate threshold shows EXPLAIN's estimate of its where where
// an index narrows the rows ("About N", the exact count a click away); a filter the index narrows to fewer rows
// than the threshold counts them exactly; a where no index serves (a full scan's "rows" is the table's size, not the
// matches) gets the bounded count, then the exact one. The threshold is lowered so 2,000 rows make a large table.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { applySchema, withProvider } from '../../scripts/db/apply-schema.ts';
import { admin, AdminSite, ModelAdmin, parseSchemaFiles } from '../../src/index.ts';
import { ensureGeneratedClient } from '../../src/client/generate-client.ts';
import { openPrismaClient } from '../../src/client/open-client.ts';
import { parseDatabaseUrl } from '../../src/client/database-url.ts';
import { Browser, testCredentials } from '../support/cookie-jar.ts';
import { resultCount, textOf } from '../support/html.ts';
import { MYSQL_ADMIN_URL, mysqlAdmin, mysqlAvailable } from '../cli/support/cli-fixture.ts';

const SCHEMA = `
generator client {
  provider = "prisma-client-js"
}

datasource db {
  provider = "mysql"
}

model Ticket {
  id    Int    @id @default(autoincrement())
  queue Int
  title String

  @@index([queue])
}
`;

class TicketAdmin extends ModelAdmin {
  listDisplay = ['title', 'queue'];
  listFilter = [{ field: 'queue', kind: 'values' as const }];
  searchFields = ['title'];
}

const available = await mysqlAvailable();
const ROWS = 2_000;
/** Queue 1 holds 1,900 tickets, queue 2 holds 95, queue 3 holds 5. */
const queueOf = (i: number) => (i < 1_900 ? 1 : i < 1_995 ? 2 : 3);

describe('MariaDB filtered counts from EXPLAIN', { skip: available ? false : 'no MariaDB server' }, () => {
  const closers: (() => Promise<unknown>)[] = [];
  let browser: Browser;
  before(async () => {
    testCredentials();
    const name = `pa_myest_${randomBytes(5).toString('hex')}`;
    const url = new URL(MYSQL_ADMIN_URL);
    url.pathname = `/${name}`;
    closers.push(() => mysqlAdmin((c) => c.query(`DROP DATABASE IF EXISTS \`${name}\``)));
    const files = withProvider([{ path: 'schema.prisma', content: SCHEMA }], 'mysql');
    await applySchema(files, url.toString());
    await mysqlAdmin(async (c) => {
      const values = Array.from({ length: ROWS }, (_, i) => `(${queueOf(i)}, 'Ticket ${i}')`).join(', ');
      await c.query(`INSERT INTO \`Ticket\` (\`queue\`, \`title\`) VALUES ${values}`);
      await c.query('ANALYZE TABLE `Ticket`');
    }, name);
    const generated = await ensureGeneratedClient(files, { isFolder: false, env: { PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath } });
    const prisma = (await openPrismaClient(generated.clientFile, parseDatabaseUrl(url.toString()))) as never as { $disconnect(): Promise<void> };
    closers.push(() => prisma.$disconnect());
    const app: FastifyInstance = Fastify();
    closers.push(() => app.close());
    await app.register(admin, { prefix: '/admin', schema: parseSchemaFiles(files), prisma: prisma as never, site: new AdminSite().register('Ticket', TicketAdmin), countEstimateAbove: 500 });
    await app.ready();
    browser = await new Browser(app).login();
  });
  after(async () => {
    for (const close of closers.reverse()) await close().catch(() => {});
  });

  const list = async (query: string) => {
    const response = await browser.get(`/admin/ticket/?${query}`);
    assert.equal(response.statusCode, 200, textOf(response.body).slice(0, 300));
    return response.body;
  };

  test('a filter the index narrows to more rows than the threshold shows the estimate, the exact count a click away', async () => {
    const html = await list('queue__exact=1');
    const about = Number(/About ([\d,]+) tickets/.exec(textOf(html))?.[1]?.replace(/,/g, ''));
    assert.ok(about > 500 && about <= ROWS, textOf(html).slice(0, 400));
    assert.match(html, /exact=1/);
    assert.equal(resultCount(await list('queue__exact=1&exact=1')), 1_900);
  });

  test('a filter the index narrows to fewer rows than the threshold counts them exactly', async () => {
    for (const [queue, count] of [[2, 95], [3, 5]]) {
      const html = await list(`queue__exact=${queue}`);
      assert.doesNotMatch(textOf(html), /About/);
      assert.equal(resultCount(html), count);
    }
  });

  test('a search no index serves is counted, bounded and then exactly: EXPLAIN of a full scan is no estimate', async () => {
    const html = await list('q=Ticket');
    assert.doesNotMatch(textOf(html), /About/);
    assert.equal(resultCount(html), ROWS);
  });
});
