// Delete selected runs in one transaction (every checked row by deleteModel, with its cascade and its audit entries),
// and that transaction is given the bulk runs' timeout, not Prisma's default 5 s: 1,000 checked rows with their cascade
// outlasted 5 s on a busy PostgreSQL, and Prisma's "expired transaction" surfaced as a 500 with nothing deleted. Here a
// deleteModel that takes 5.5 s for one row stands for such a slow run.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AdminSite, ModelAdmin } from '../../src/index.ts';
import type { AdminClient, DeleteModelArgs } from '../../src/index.ts';
import { startCustomSiteApp, type CustomSiteApp } from '../support/custom-site-app.ts';
import { postgresAvailable } from '../support/databases.ts';
import { mainOf, textOf } from '../support/html.ts';

const SLOW_MS = 5_500;
const pgUp = await postgresAvailable();

function site() {
  let calls = 0;
  return new AdminSite().register('Post', class extends ModelAdmin {
    override async deleteModel(client: AdminClient, args: DeleteModelArgs) {
      // The first row of the run is slow; its own delete comes after the wait, inside the transaction.
      if (calls++ === 0) await new Promise((resolve) => setTimeout(resolve, SLOW_MS));
      return super.deleteModel(client, args);
    }
  });
}

for (const provider of ['sqlite', 'postgresql'] as const) {
  describe(`Delete selected slower than 5 s, ${provider}`, { skip: provider === 'postgresql' && !pgUp && 'no PostgreSQL test server' }, () => {
    let custom: CustomSiteApp;
    before(async () => {
      custom = await startCustomSiteApp(site(), { provider });
    });
    after(() => custom?.close());

    test('deletes every checked row, each with its audit entry', async () => {
      const author = await custom.prisma.author.findFirstOrThrow();
      await custom.prisma.post.createMany({ data: [0, 1, 2].map((i) => ({ title: `Slow ${i}`, slug: `slow-delete-${i}`, body: 'x', authorId: author.id })) });
      const ids = (await custom.prisma.post.findMany({ where: { slug: { startsWith: 'slow-delete-' } }, select: { id: true } })).map((p) => String(p.id));
      const done = await custom.browser.post('/admin/post/delete-selected', { _selected: ids });
      assert.equal(done.statusCode, 303, `${done.statusCode}: ${textOf(mainOf(done.body)).slice(0, 300)}`);
      const page = await custom.browser.get(done.headers.location as string);
      assert.match(textOf(mainOf(page.body)), /Successfully deleted 3 posts/);
      assert.equal(await custom.prisma.post.count({ where: { slug: { startsWith: 'slow-delete-' } } }), 0);
      assert.equal(await custom.prisma.adminLogEntry.count({ where: { action: 'delete', model: 'Post', objectId: { in: ids } } }), 3);
    });
  });
}
