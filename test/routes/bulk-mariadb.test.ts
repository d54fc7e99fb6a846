// Bulk runs on MariaDB (issue 19): "select all N" with a filter and "Edit selected" over several batches (batches of
// 500, string primary keys), every changed row with its audit entry (written by JSON_TABLE), and a row failing in the
// middle of the run leaving every row and the audit log as they were. The run is one READ COMMITTED transaction there.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { action, AdminSite, BulkRowError, ModelAdmin } from '../../src/index.ts';
import { adminModelsText } from '../../src/auth/admin-models-text.ts';
import { mysqlAvailable } from '../cli/support/cli-fixture.ts';
import { startInProcessAdmin, type InProcessAdmin } from '../cli/support/in-process-fixture.ts';
import type { Browser } from '../support/cookie-jar.ts';
import { messagesOf } from '../support/html.ts';
import { createAdminUser, loginAs, show } from '../support/security.ts';

const ROWS = 1_800;
const FAILING = 'sample-1300';

const calmAll = action<{ id: string }>({
  name: 'calm_all',
  label: 'Calm all',
  async run({ records, client }) {
    // Writes its batch first, then meets the failing row: nothing of this batch or the earlier ones may stay.
    await client.sample.updateMany({ where: { id: { in: records.map((r) => r.id) } }, data: { moodOpt: 'meh' } });
    const failing = records.find((r) => r.id === FAILING);
    if (failing) throw new BulkRowError(failing, 'This sample will not calm down.');
  },
});

class SampleAdmin extends ModelAdmin {
  override listFilter = ['mood'];
  override bulkEdit = ['mood', 'labelOpt'];
  override actions = [calmAll];
}

describe('bulk runs on MariaDB', { skip: (await mysqlAvailable()) ? false : 'no MariaDB test server' }, () => {
  let admin: InProcessAdmin;
  let browser: Browser;
  before(async () => {
    admin = await startInProcessAdmin('mysql', new AdminSite().register('Sample', SampleAdmin), {
      extraFiles: { 'admin-models.prisma': adminModelsText('mysql') },
      server: { bulkBatchSize: 500 },
    });
    browser = await loginAs(admin.app, await createAdminUser(admin.prisma, 'bulk-mariadb', [], { isSuperuser: true }));
    const sample = (i: number) => ({
      id: `sample-${String(i).padStart(4, '0')}`, label: `Sample ${i}`, count: i, big: BigInt(i) * 10n ** 12n, ratio: i / 8,
      amount: `${i}.25`, flag: i % 2 === 0, at: new Date(Date.UTC(2024, 0, 1, 0, 0, 0, i % 1000)), data: { i }, blob: Buffer.from([i % 256]),
      // Every third row is sad: the filter leaves them out.
      mood: i % 3 === 2 ? 'sad' : 'happy',
    });
    await admin.prisma.sample.createMany({ data: Array.from({ length: ROWS }, (_, i) => sample(i)) });
  });
  after(() => admin?.close());

  type Snap = { id: string; mood: string; moodOpt: string | null; labelOpt: string | null };
  const snapshot = (): Promise<Snap[]> => admin.prisma.sample.findMany({ select: { id: true, mood: true, moodOpt: true, labelOpt: true }, orderBy: { id: 'asc' } });

  test('a row failing in the third batch stops the run naming it, and leaves every row and the audit log as they were', async () => {
    const before = await snapshot();
    const logBefore = await admin.prisma.adminLogEntry.count();
    const response = await browser.post('/admin/sample/action', { action: 'calm_all', select_across: '1', _across_query: '', post: 'yes' });
    assert.equal(response.statusCode, 303, show(response));
    assert.match(messagesOf((await browser.follow(response)).body).join(' '), /“Calm all” stopped at “.*”: This sample will not calm down\. Nothing was changed\./);
    assert.deepEqual(await snapshot(), before, 'the batches before the failing one were rolled back too');
    assert.equal(await admin.prisma.adminLogEntry.count(), logBefore, 'no audit entry');
  });

  test('select all with a filter, edit selected: every matching row changed over several batches, each with its audit entry', async () => {
    const happy = (await snapshot()).filter((r) => r.mood === 'happy');
    assert.ok(happy.length > 500 * 2, 'more rows than two batches');
    const form = { action: 'bulk_edit', select_across: '1', _across_query: 'mood__exact=happy', be_on_mood: '1', in_mood: 'meh', be_on_labelOpt: '1', in_labelOpt: 'Edited “in bulk”' };
    const preview = await browser.post('/admin/sample/action', { ...form, _preview: '1' });
    assert.equal(preview.statusCode, 200, show(preview));
    assert.match(preview.body, new RegExp(`This changes ${happy.length.toLocaleString('en-US')} samples`));

    const response = await browser.post('/admin/sample/action', { ...form, post: 'yes' });
    assert.equal(response.statusCode, 303, show(response));
    assert.match(messagesOf((await browser.follow(response)).body).join(' '), new RegExp(`Changed ${happy.length.toLocaleString('en-US')} samples`));

    const after = await snapshot();
    const changed = new Set(happy.map((r) => r.id));
    for (const row of after) {
      if (changed.has(row.id)) assert.deepEqual([row.mood, row.labelOpt], ['meh', 'Edited “in bulk”'], row.id);
      else assert.deepEqual([row.mood, row.labelOpt], ['sad', null], `${row.id} is not in the filter`);
    }
    const entries = await admin.prisma.adminLogEntry.findMany({ where: { action: 'change', model: 'Sample' }, orderBy: { objectId: 'asc' } });
    assert.deepEqual(entries.map((e: { objectId: string }) => e.objectId), [...changed].sort());
    const first = entries[0];
    assert.equal(first.username, 'bulk-mariadb');
    assert.ok(first.objectRepr.length > 0);
    const changes = JSON.parse(first.changeMessage).changes as { field: string; old: string; new: string }[];
    assert.deepEqual(changes.map((c) => [c.field, c.new]), [['mood', 'meh'], ['labelOpt', 'Edited “in bulk”']]);
    assert.ok(Date.now() - new Date(first.actionTime).getTime() < 10 * 60_000, 'the entry has the time of the run');
  });
});
