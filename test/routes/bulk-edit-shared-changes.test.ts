// Edit selected shares one list of changes among rows whose changes read alike (one audit message for them). The key
// that decides "alike" holds texts that may contain any character: a row whose old title holds the separators of a
// plain joined key must still get its own entry, not the entry of a row that changed two fields. Rows also share
// their list of changes when their old values are the same (applyBulkEdit): only then, whatever the values hold.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AdminSite, ModelAdmin } from '../../src/index.ts';
import { startCustomSiteApp, type CustomSiteApp } from '../support/custom-site-app.ts';

let custom: CustomSiteApp;
before(async () => {
  custom = await startCustomSiteApp(new AdminSite().register('Post', class extends ModelAdmin {
    override bulkEdit = ['title', 'body'];
  }));
});
after(() => custom?.close());

test('a row that changed one field is logged with that field only, whatever its old text holds', async () => {
  const author = await custom.prisma.author.findFirstOrThrow();
  const one = await custom.prisma.post.create({ data: { title: 'x\u0000Z\u0001body\u0000y', slug: 'shared-one', body: 'Z', authorId: author.id } });
  const two = await custom.prisma.post.create({ data: { title: 'x', slug: 'shared-two', body: 'y', authorId: author.id } });
  const done = await custom.browser.post('/admin/post/action', {
    action: 'bulk_edit', _selected: [String(one.id), String(two.id)], be_on_title: '1', in_title: 'Z', be_on_body: '1', in_body: 'Z', post: 'yes',
  });
  assert.equal(done.statusCode, 303);
  const entryOf = async (id: number) => JSON.parse((await custom.prisma.adminLogEntry.findFirstOrThrow({ where: { model: 'Post', action: 'change', objectId: String(id) } })).changeMessage).changes as { field: string }[];
  assert.deepEqual((await entryOf(one.id)).map((c) => c.field), ['title']);
  assert.deepEqual((await entryOf(two.id)).map((c) => c.field), ['title', 'body']);
});

test('rows share a list of changes only when their old values are the same, whatever the values hold', async () => {
  const author = await custom.prisma.author.findFirstOrThrow();
  // Old (title, body) pairs that one joined text of both would confuse, an empty text, and a repeated pair.
  const pairs: [string, string][] = [['ab', 'c'], ['a', 'bc'], ['a', 'sb'], ['as', 'b'], ['a', 'sb'], ['', 's0:'], ['s0:', ''], ['1', '2']];
  const posts = await Promise.all(pairs.map(([title, body], i) => custom.prisma.post.create({ data: { title, body, slug: `old-values-${i}`, authorId: author.id } })));
  const done = await custom.browser.post('/admin/post/action', {
    action: 'bulk_edit', _selected: posts.map((p) => String(p.id)), be_on_title: '1', in_title: 'New', be_on_body: '1', in_body: 'New', post: 'yes',
  });
  assert.equal(done.statusCode, 303);
  for (const [i, post] of posts.entries()) {
    const entry = await custom.prisma.adminLogEntry.findFirstOrThrow({ where: { model: 'Post', action: 'change', objectId: String(post.id) } });
    const changes = JSON.parse(entry.changeMessage).changes as { field: string; old: string; new: string }[];
    const [title, body] = pairs[i];
    assert.deepEqual(changes.map((c) => [c.field, c.old, c.new]), [['title', title, 'New'], ['body', body, 'New']], `post ${i}`);
  }
});
