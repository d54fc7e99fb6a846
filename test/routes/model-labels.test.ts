// A ModelAdmin's `label` / `labelPlural` (Django's verbose_name / verbose_name_plural) is the model's name on every
// page: the index and navigation, the list's title and breadcrumbs, forms, delete pages (its own and other models'
// that name it), messages and the import page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AdminSite } from '../../src/index.ts';
import { startCustomSiteApp, type CustomSiteApp } from '../support/custom-site-app.ts';
import { messagesOf, textOf } from '../support/html.ts';

let demo: CustomSiteApp;
const site = new AdminSite()
  .register('Author', { label: 'writer', labelPlural: 'penfolk' })
  .register('Comment', { labelPlural: 'remarks' })
  .register('Tag', { label: 'keyword' });

before(async () => {
  demo = await startCustomSiteApp(site);
});
after(() => demo?.close());

const breadcrumbs = (html: string) => textOf(/<nav[^>]*class="breadcrumbs"[^>]*>([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? '');

test('the index and the navigation name the models by their labels', async () => {
  const page = await demo.browser.get('/admin/');
  assert.equal(page.statusCode, 200);
  const text = textOf(page.body);
  for (const label of ['Penfolk', 'Remarks', 'Keywords']) assert.ok(text.includes(label), `${label} on the index`);
  for (const label of ['Authors', 'Comments', 'Tags']) assert.ok(!text.includes(label), `${label} is not on the index`);
});

test('list, add and change pages use the label and its plural', async () => {
  const list = await demo.browser.get('/admin/author/');
  assert.match(textOf(list.body), /Select writer to change/);
  assert.match(breadcrumbs(list.body), /Penfolk/);
  const add = await demo.browser.get('/admin/tag/add');
  assert.match(textOf(add.body), /Add keyword/);
  assert.match(breadcrumbs(add.body), /Keywords/);
  const author = await demo.prisma.author.findFirstOrThrow();
  const change = await demo.browser.get(`/admin/author/${author.id}/change`);
  assert.match(breadcrumbs(change.body), /Penfolk/);
  const importPage = await demo.browser.get('/admin/author/import');
  assert.match(textOf(importPage.body), /Import penfolk/);
});

test('delete pages and messages use them, also where another model is named', async () => {
  const post = await demo.prisma.post.findFirstOrThrow({ where: { comments: { some: {} } } });
  const impact = await demo.browser.get(`/admin/post/${post.id}/delete`);
  assert.equal(impact.statusCode, 200);
  assert.match(textOf(impact.body), /remarks/i, 'the post’s comments are counted as remarks');
  assert.ok(!/\bcomments\b/i.test(textOf(impact.body).replace(/Comments? on/g, '')), 'not as comments');

  const tags = await demo.prisma.tag.findMany({ take: 2, orderBy: { id: 'asc' } });
  const one = await demo.browser.get(`/admin/tag/${tags[0].id}/delete`);
  assert.match(breadcrumbs(one.body), /Keywords/);
  const deleted = await demo.browser.post(`/admin/tag/${tags[0].id}/delete`, { post: 'yes' });
  assert.equal(deleted.statusCode, 303, deleted.body.slice(0, 300));
  const after = await demo.browser.get(deleted.headers.location as string);
  assert.ok(messagesOf(after.body).some((m) => /The keyword “.*” was deleted/.test(m)), messagesOf(after.body).join(' | '));
});
