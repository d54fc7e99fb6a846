// The database goes away while `prisma-admin-site serve` runs (a TCP proxy in front of the real server is closed and its
// connections cut): pages answer 503 with a clear message, the server keeps running and logs the outage, and once the
// database is back the admin works again by itself (the driver's pool opens new connections), on PostgreSQL and
// MariaDB.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { postgresAvailable } from '../support/databases.ts';
import { mainOf, textOf } from '../support/html.ts';
import { freshDatabase, mysqlAvailable, writeFixtureSchema, type CliProvider, type FixtureSchema, type FreshDatabase } from './support/cli-fixture.ts';
import { startServe } from './support/cli-process.ts';
import { HttpBrowser, type HttpResponse } from './support/http-browser.ts';
import { TcpProxy } from './support/tcp-proxy.ts';

const show = (r: HttpResponse) => `${r.statusCode}: ${textOf(mainOf(r.body)).slice(0, 400)}`;
const available: Partial<Record<CliProvider, boolean>> = { postgresql: await postgresAvailable(), mysql: await mysqlAvailable() };

for (const provider of ['postgresql', 'mysql'] as const) {
  describe(`a ${provider} database that goes away while serving`, { skip: !available[provider] && `no ${provider} test server` }, () => {
    let schema: FixtureSchema;
    let db: FreshDatabase;
    before(async () => {
      schema = writeFixtureSchema(provider);
      db = await freshDatabase(provider, schema.path);
    });
    after(async () => {
      await db?.cleanup();
      schema?.cleanup();
    });

    test('pages answer 503 while it is away, and work again by themselves when it is back', async () => {
      const direct = new URL(db.url);
      const proxy = new TcpProxy(direct.hostname, Number(direct.port || (provider === 'postgresql' ? 5432 : 3306)));
      await proxy.up();
      const viaProxy = new URL(db.url);
      viaProxy.port = String(proxy.port);
      const serve = await startServe(['--schema', schema.path, '--url', viaProxy.toString()]);
      try {
        const browser = await new HttpBrowser(serve.origin).login();
        assert.equal((await browser.get('/admin/tag/')).statusCode, 200);

        await proxy.down();
        for (const url of ['/admin/tag/', '/admin/']) {
          const response = await browser.get(url);
          assert.equal(response.statusCode, 503, `${url}: ${show(response)}\n${serve.output()}`);
          assert.match(textOf(mainOf(response.body)), /database cannot be reached/i);
        }
        assert.equal(serve.child.exitCode, null, 'the server keeps running');
        assert.match(serve.output(), /database unavailable/, 'the outage is logged');

        await proxy.up();
        const back = await browser.get('/admin/tag/');
        assert.equal(back.statusCode, 200, show(back));
        const added = await browser.post('/admin/tag/add', { name: 'after the outage', _save: '1' });
        assert.equal(added.statusCode, 303, show(added));
      } finally {
        assert.equal(await serve.stop(), 0);
        await proxy.down();
      }
    });
  });
}
