// Django's template lookup: <templates>/<model>/<page>.eta replaces a page for one model only, and a partial there
// (e.g. the list's row) replaces that part for that model without copying the page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startDemoApp, type DemoApp } from '../support/demo-app.ts';

let demo: DemoApp;
before(async () => {
  demo = await startDemoApp({ server: { templates: 'test/fixtures/templates' } });
});
after(() => demo?.close());

test('a page template for one model replaces ours for that model', async () => {
  const html = (await demo.browser.get('/admin/post/')).body;
  assert.match(html, /<h1>Our own post list<\/h1>/);
  assert.match(html, new RegExp(`<p id="custom-total">${await demo.prisma.post.count()} posts, listed by a project template</p>`));
  // Inside our layout: the navigation and the user menu are still there.
  assert.match(html, /aria-label="Models"/);
  assert.match(html, /Log out/);
});

test('other models keep our page', async () => {
  const html = (await demo.browser.get('/admin/author/')).body;
  assert.doesNotMatch(html, /Our own post list/);
  assert.match(html, /<h1>Select author to change<\/h1>/);
});

test('a partial for one model replaces that part only, for that model only', async () => {
  const comments = (await demo.browser.get('/admin/comment/')).body;
  assert.ok((comments.match(/<td class="custom-cell">/g) ?? []).length > 10, 'every comment row comes from the project partial');
  assert.match(comments, /<h1>Select comment to change<\/h1>/, 'the rest of the page is ours');
  // A row partial sees the page's own values too (here the model and the headers), as an eta include gives them.
  const rows = comments.match(/<tr class="custom-row"[^>]*>/g) ?? [];
  assert.ok(rows.length > 10 && rows.every((r) => /data-list="Comments, \d+ columns"/.test(r)), rows[0]);
  const authors = (await demo.browser.get('/admin/author/')).body;
  assert.doesNotMatch(authors, /custom-cell/);
});
