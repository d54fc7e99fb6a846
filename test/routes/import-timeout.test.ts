// An import that outlives its transaction's time (importTimeout) is rolled back whole and said to be too slow, on
// SQLite and PostgreSQL: not blamed on the row that happened to be written when the time ran out (a 100,000-row
// PostgreSQL import once answered "the row on line N could not be written" with a 400, its transaction expired).
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { DEMO_SCHEMA } from '../../scripts/demo-server.ts';
import { AdminSite, ModelAdmin } from '../../src/index.ts';
import { freshPostgresDatabase, freshSqliteDatabase, postgresAvailable } from '../support/databases.ts';
import { startDemoAppOn, type DemoApp } from '../support/demo-app.ts';
import { chosenMapping, csvOf, previewedOf, uploadImport } from '../support/import-files.ts';
import { mainOf, textOf } from '../support/html.ts';

const pgUp = await postgresAvailable();
const show = (r: { statusCode: number; body: string }) => `${r.statusCode}: ${textOf(mainOf(r.body)).slice(0, 800)}`;
const TIMEOUT_MS = 1500;

// A saveModel hook that takes its time: 40 rows of 100 ms each outlast the 1.5 s the transaction may run.
function slowSite() {
  const site = new AdminSite();
  site.register('Tag', class extends ModelAdmin {
    override async saveModel(client: unknown, args: Parameters<ModelAdmin['saveModel']>[1]) {
      await sleep(100);
      return super.saveModel(client, args);
    }
  });
  return site;
}

for (const engine of ['sqlite', 'postgresql'] as const) {
  describe(`an import past its time on ${engine}`, { skip: engine === 'postgresql' && !pgUp ? 'no PostgreSQL test server' : false }, () => {
    let demo: DemoApp;
    before(async () => {
      const db = engine === 'sqlite' ? await freshSqliteDatabase(DEMO_SCHEMA) : await freshPostgresDatabase(DEMO_SCHEMA);
      demo = await startDemoAppOn(db, { server: { site: slowSite(), importTimeout: TIMEOUT_MS } });
    });
    after(() => demo?.close());

    test('is rolled back whole and answered as too slow, not as a failing row', async () => {
      const rows = Array.from({ length: 40 }, (_, i) => ({ name: `slow-tag-${i}` }));
      const { response, job } = await uploadImport(demo.browser, 'tag', csvOf(['name'], rows), 'slow.csv');
      assert.equal(response.statusCode, 200, show(response));
      const entriesBefore = await demo.prisma.adminLogEntry.count();
      const done = await demo.browser.post('/admin/tag/import', { job: job!, map: chosenMapping(response.body), mode: 'create', key: 'id', previewed: previewedOf(response.body), _confirm: '1' });
      assert.equal(done.statusCode, 503, show(done));
      const text = textOf(mainOf(done.body));
      assert.doesNotMatch(text, /could not be written/, 'no row is to blame');
      assert.match(text, /took longer than the 2 seconds an import may run/, show(done));
      assert.equal(await demo.prisma.tag.count({ where: { name: { startsWith: 'slow-tag-' } } }), 0, 'nothing was written');
      assert.equal(await demo.prisma.adminLogEntry.count(), entriesBefore);
      assert.equal((await demo.prisma.adminImportJob.findUniqueOrThrow({ where: { id: job! } })).status, 'preview', 'the job may be confirmed again');
    });
  });
}
