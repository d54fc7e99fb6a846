// XSS: hostile strings stored in every string field of the demo's models (post title/slug/body, author name/email/bio,
// category name/slug/description, comment author/body, tag name, admin usernames and log entries) come out of every
// page kind as text: the raw payload never appears in the HTML, its escaped form does, and no page has a script,
// event handler or javascript: URL of anyone's but ours. Payloads sent in URLs and forms are echoed escaped too.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import type { Browser } from '../support/cookie-jar.ts';
import { startDemoApp, type DemoApp } from '../support/demo-app.ts';
import { startCustomSiteApp } from '../support/custom-site-app.ts';
import { AdminSite, ModelAdmin } from '../../src/index.ts';
import { decodeEntities } from '../support/html.ts';
import { formFields, mainOf } from '../support/html.ts';
import { createAdminUser, loginAs, postForm, show } from '../support/security.ts';

const PAYLOADS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  'javascript:alert(1)',
  '</textarea><script>x</script>',
  '{{7*7}}',
  '<% it %>',
  '%3Cscript%3E',
];

/** What our templates (eta's escaping) make of a value in text and in double-quoted attributes. */
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const hasSpecial = (s: string) => /[&<>"']/.test(s);

/** The page's markup is ours alone: one script (our file), no event handlers, no javascript: URLs, no injected tags. */
function assertNoInjectedMarkup(html: string, where: string): void {
  const scripts = [...html.matchAll(/<script\b[^>]*>/gi)].map((m) => m[0]);
  assert.deepEqual(scripts, ['<script src="/admin/static/admin.js" defer>'], `${where}: scripts`);
  for (const [tag] of html.matchAll(/<[a-zA-Z][^>]*>/g)) {
    const attributes = tag.replace(/"[^"]*"/g, '""');
    assert.doesNotMatch(attributes, /\son[a-z]+\s*=/i, `${where}: an event handler attribute in ${tag.slice(0, 200)}`);
    assert.doesNotMatch(tag, /\s(href|src|action|formaction)\s*=\s*"\s*(javascript|data|vbscript):/i, `${where}: a script URL in ${tag.slice(0, 200)}`);
  }
  // Markdown bodies (rendered and sanitized) may hold images: only plain ones, by attributes that cannot run script.
  const outsideMarkdown = html.replace(/<div class="markdown-body">[\s\S]*?<\/div>/g, (block) => {
    for (const [img] of block.matchAll(/<img\b[^>]*>/gi)) {
      assert.match(img.replace(/\s(src|alt|title)="[^"]*"/g, ''), /^<img\s*\/?>$/, `${where}: an image with more than src/alt/title in Markdown: ${img}`);
    }
    return '';
  });
  assert.doesNotMatch(outsideMarkdown, /<(img|svg|iframe|object|embed)\b/i, `${where}: an injected element`);
}

/** The payload shows as escaped text, never raw. */
function assertEscaped(html: string, payload: string, where: string): void {
  if (hasSpecial(payload)) assert.ok(!html.includes(payload), `${where}: the raw payload ${payload} is in the HTML`);
  assert.ok(html.includes(escapeHtml(payload)), `${where}: the escaped payload ${escapeHtml(payload)} is not on the page`);
}

let demo: DemoApp;
let browser: Browser;
interface Fixture { payload: string; post: number; author: number; category: number; comment: number; tag: number; user: number }
const fixtures: Fixture[] = [];

before(async () => {
  demo = await startDemoApp();
  browser = demo.newBrowser();
  for (const [i, payload] of PAYLOADS.entries()) {
    const author = await demo.prisma.author.create({ data: { name: payload, email: payload, bio: payload } });
    const category = await demo.prisma.category.create({ data: { name: payload, slug: payload, description: payload } });
    const tag = await demo.prisma.tag.create({ data: { name: payload } });
    const post = await demo.prisma.post.create({
      data: { title: payload, slug: payload, body: payload, status: 'draft', authorId: author.id, categoryId: category.id, tags: { connect: [{ id: tag.id }] } },
    });
    const comment = await demo.prisma.comment.create({ data: { postId: post.id, authorName: payload, body: payload } });
    const user = await createAdminUser(demo.prisma, payload, ['Post.view']);
    // Log entries written by "the payload user" about the payload post, in every field the history pages show.
    const message = JSON.stringify({ changes: [{ field: 'title', label: payload, old: payload, new: payload }] });
    await demo.prisma.adminLogEntry.createMany({
      data: [
        { userId: user.id, username: payload, model: 'Post', objectId: String(post.id), objectRepr: payload, action: 'change', changeMessage: message },
        { userId: user.id, username: payload, model: 'Post', objectId: String(post.id), objectRepr: payload, action: 'action', changeMessage: JSON.stringify({ action: payload }) },
        { userId: user.id, username: payload, model: 'Post', objectId: String(post.id), objectRepr: payload, action: payload, changeMessage: payload },
      ],
    });
    fixtures.push({ payload, post: post.id, author: author.id, category: category.id, comment: comment.id, tag: tag.id, user: user.id });
    assert.equal(fixtures.length, i + 1);
  }
});
after(() => demo?.close());

async function page(url: string, expectStatus = 200, as: Browser = browser): Promise<string> {
  const response = await as.get(url);
  assert.equal(response.statusCode, expectStatus, `${url}: ${show(response)}`);
  return response.body;
}

/** Every page kind of every model, with the payload stored in it. */
const STORED_PAGES: [string, (f: Fixture) => string][] = [
  ['post list', () => '/admin/post/'],
  ['post list, searched', (f) => `/admin/post/?q=${encodeURIComponent(f.payload)}`],
  ['post list, filtered by the author and category', (f) => `/admin/post/?author__exact=${f.author}&category__exact=${f.category}`],
  ['post detail', (f) => `/admin/post/${f.post}/`],
  ['post change form', (f) => `/admin/post/${f.post}/change`],
  ['post delete confirmation', (f) => `/admin/post/${f.post}/delete`],
  ['post history', (f) => `/admin/post/${f.post}/history`],
  ['author list', () => '/admin/author/'],
  ['author detail (its posts by their titles)', (f) => `/admin/author/${f.author}/`],
  ['author change form', (f) => `/admin/author/${f.author}/change`],
  ['author delete confirmation (protected posts)', (f) => `/admin/author/${f.author}/delete`],
  ['category list', () => '/admin/category/'],
  ['category detail', (f) => `/admin/category/${f.category}/`],
  ['category change form', (f) => `/admin/category/${f.category}/change`],
  ['category change form in a popup (the pencil of the post form)', (f) => `/admin/category/${f.category}/change?_popup=1`],
  ['comment list (the post column, the post status path)', () => '/admin/comment/'],
  ['comment detail (a link to its post)', (f) => `/admin/comment/${f.comment}/`],
  ['comment change form (the post select)', (f) => `/admin/comment/${f.comment}/change`],
  ['comment delete confirmation', (f) => `/admin/comment/${f.comment}/delete`],
  ['tag list', () => '/admin/tag/'],
  ['tag change form', (f) => `/admin/tag/${f.tag}/change`],
  ['admin user list', () => '/admin/adminuser/'],
  ['admin user change form', (f) => `/admin/adminuser/${f.user}/change`],
  ['admin user permissions page', (f) => `/admin/adminuser/${f.user}/permissions`],
  ['log entry list', () => '/admin/adminlogentry/'],
];

describe('stored payloads are escaped on every page kind', () => {
  for (const [name, url] of STORED_PAGES) {
    test(`${name}: ${PAYLOADS.length} payloads`, async () => {
      for (const fixture of fixtures) {
        const html = await page(url(fixture));
        const where = `${name} (${url(fixture)}) with ${fixture.payload}`;
        assertEscaped(html, fixture.payload, where);
        assertNoInjectedMarkup(html, where);
      }
    });
  }

  test('record labels in breadcrumbs, titles and relation columns', async () => {
    for (const f of fixtures) {
      const detail = await page(`/admin/post/${f.post}/`);
      const crumbs = /<nav class="breadcrumbs"[\s\S]*?<\/nav>/.exec(detail)?.[0] ?? '';
      assert.ok(crumbs.includes(escapeHtml(f.payload)), `breadcrumbs with ${f.payload}`);
      assert.ok(detail.includes(`<title>${escapeHtml(f.payload)} | `), `title with ${f.payload}`);
      // The comment list shows each comment's post by its label, linked.
      const comments = await page(`/admin/comment/?q=${encodeURIComponent(f.payload)}`);
      const cell = new RegExp(`<a href="/admin/post/${f.post}/change">\\s*${escapeHtml(f.payload).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*</a>`);
      assert.match(comments, cell, `relation column with ${f.payload}`);
      assertNoInjectedMarkup(comments, `comment list with ${f.payload}`);
    }
  });

  test('log entry detail pages', async () => {
    const entries = await demo.prisma.adminLogEntry.findMany({ where: { objectRepr: { in: PAYLOADS } } });
    assert.equal(entries.length, PAYLOADS.length * 3);
    for (const entry of entries) {
      const html = await page(`/admin/adminlogentry/${entry.id}/`);
      assertEscaped(html, entry.objectRepr, `log entry ${entry.id}`);
      assertNoInjectedMarkup(html, `log entry ${entry.id}`);
    }
  });

  test('bulk confirmation pages: a custom action and "delete selected"', async () => {
    const ids = fixtures.map((f) => String(f.post));
    for (const action of ['publish', 'delete_selected']) {
      const response = await postForm(browser, '/admin/post/action', { action, _selected: ids });
      assert.equal(response.statusCode, 200, show(response));
      for (const f of fixtures) assertEscaped(response.body, f.payload, `${action} confirmation with ${f.payload}`);
      assertNoInjectedMarkup(response.body, `${action} confirmation`);
    }
    // The comments of the payload posts, by their author names.
    const comments = await postForm(browser, '/admin/comment/action', { action: 'delete_selected', _selected: fixtures.map((f) => String(f.comment)) });
    assert.equal(comments.statusCode, 200, show(comments));
    for (const f of fixtures) assertEscaped(comments.body, f.payload, `comment delete_selected confirmation with ${f.payload}`);
    assertNoInjectedMarkup(comments.body, 'comment delete_selected confirmation');
  });

  test('the filters sidebar: authors and categories by their names', async () => {
    const html = await page('/admin/post/');
    const sidebar = /<aside class="filters"[\s\S]*?<\/aside>/.exec(html)?.[0];
    assert.ok(sidebar, 'the list has its filters sidebar');
    for (const f of fixtures) assertEscaped(sidebar, f.payload, `filters with ${f.payload}`);
  });

  test('the header of a user whose username is a payload, and the recent actions of the index', async () => {
    for (const f of fixtures) {
      const as = await loginAs(demo.app, { username: f.payload, password: `${f.payload}-password-for-tests` });
      const html = await page('/admin/', 200, as);
      assert.ok(html.includes(`Welcome, <strong>${escapeHtml(f.payload)}</strong>`), `welcome line with ${f.payload}`);
      const recent = /<section class="recent-actions"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
      assertEscaped(recent, f.payload, `recent actions with ${f.payload}`);
      assertEscaped(html, f.payload, `index with ${f.payload}`);
      assertNoInjectedMarkup(html, `index with ${f.payload}`);
    }
  });

  test('autocomplete answers JSON, never HTML, and the browser may not sniff it', async () => {
    for (const model of ['post', 'author', 'category', 'tag', 'comment']) {
      for (const f of fixtures) {
        const response = await browser.get(`/admin/${model}/autocomplete?q=${encodeURIComponent(f.payload)}`);
        assert.equal(response.statusCode, 200, show(response));
        assert.match(String(response.headers['content-type']), /^application\/json/);
        assert.equal(response.headers['x-content-type-options'], 'nosniff');
        const labels = (response.json() as { results: { label: string }[] }).results.map((r) => r.label);
        if (model !== 'comment') assert.ok(labels.includes(f.payload), `${model} autocomplete finds ${f.payload}: ${labels.join(' | ')}`);
      }
    }
  });

  test('the Markdown preview renders every payload inert, as JSON', async () => {
    for (const payload of PAYLOADS) {
      for (const text of [payload, `Text ${payload} more`, `[x](${payload})`, `![x](${payload})`]) {
        const response = await postForm(browser, '/admin/post/markdown-preview', { field: 'body', text });
        assert.equal(response.statusCode, 200, show(response));
        assert.match(String(response.headers['content-type']), /^application\/json/);
        const out = (response.json() as { html: string }).html;
        assert.doesNotMatch(out, /<(script|svg|iframe|textarea)\b|\son[a-z]+\s*=|(href|src)="\s*javascript:/i, `preview of ${text}: ${out}`);
        assertNoInjectedMarkup(`<script src="/admin/static/admin.js" defer><div class="markdown-body">${out}</div>`, `preview of ${text}`);
      }
    }
  });

  test('the html`` column (reading time) and the status badges escape what the records hold', async () => {
    const html = await page('/admin/post/?status__exact=draft');
    for (const f of fixtures) assert.ok(html.includes(`title="${escapeHtml(f.payload)}: about`), `reading-time tooltip with ${f.payload}`);
    assert.match(html, /<span class="badge badge-grey">draft<\/span>/);
  });

  test('the script that shows autocomplete results writes text, never HTML', async () => {
    const js = (await browser.get('/admin/static/admin.js')).body;
    assert.doesNotMatch(js, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
  });
});

describe('payloads sent in URLs and forms are echoed escaped', () => {
  test('a record id in the URL (404 page), a filter value, the search box', async () => {
    for (const payload of PAYLOADS) {
      for (const [url, status] of [
        [`/admin/post/${encodeURIComponent(payload)}/`, 404],
        [`/admin/post/${encodeURIComponent(payload)}/change`, 404],
        [`/admin/post/?q=${encodeURIComponent(payload)}`, 200],
        [`/admin/post/?category__exact=${encodeURIComponent(payload)}`, 200],
        [`/admin/post/?author__exact=${encodeURIComponent(payload)}&status__exact=${encodeURIComponent(payload)}`, 200],
        [`/admin/comment/?length=${encodeURIComponent(payload)}`, 200],
      ] as [string, number][]) {
        const html = await page(url, status);
        if (hasSpecial(payload)) assert.ok(!html.includes(payload), `${url}: raw payload`);
        assertNoInjectedMarkup(html, url);
      }
    }
  });

  test('login page: the next parameter and the username typed', async () => {
    for (const payload of PAYLOADS) {
      const anonymous = await demo.app.inject({ method: 'GET', url: `/admin/login?next=${encodeURIComponent(`/admin/${payload}`)}` });
      assert.equal(anonymous.statusCode, 200);
      if (hasSpecial(payload)) assert.ok(!anonymous.body.includes(payload), `login next ${payload}`);
      assertNoInjectedMarkup(anonymous.body, `login next ${payload}`);
    }
    const stranger = new (browser.constructor as new (app: DemoApp['app']) => Browser)(demo.app);
    await stranger.request({ method: 'GET', url: '/admin/login', remoteAddress: '192.0.2.77' });
    for (const payload of PAYLOADS.slice(0, 5)) {
      const response = await postForm(stranger, '/admin/login', { username: payload, password: 'wrong-password', next: payload }, { remoteAddress: '192.0.2.77' });
      assert.equal(response.statusCode, 400, show(response));
      assertEscaped(response.body, payload, `login form with ${payload}`);
      assertNoInjectedMarkup(response.body, `login form with ${payload}`);
    }
  });

  test('a rejected change form shows the typed values escaped', async () => {
    const f = fixtures[1];
    const form = formFields(mainOf((await browser.get(`/admin/post/${f.post}/change`)).body), `/admin/post/${f.post}/change`);
    for (const payload of PAYLOADS) {
      delete form._csrf;
      const response = await postForm(browser, `/admin/post/${f.post}/change`, { ...form, title: payload, rating: payload, publishedAt: payload, status: payload, viewCount: payload, author: payload });
      assert.equal(response.statusCode, 400, show(response));
      assertEscaped(response.body, payload, `rejected form with ${payload}`);
      assertNoInjectedMarkup(response.body, `rejected form with ${payload}`);
    }
  });

  test('a refused upload names its file (a payload) as text beside the field', async () => {
    const f = fixtures[1];
    const form = formFields(mainOf((await browser.get(`/admin/post/${f.post}/change`)).body), `/admin/post/${f.post}/change`);
    delete form._csrf;
    for (const payload of PAYLOADS) {
      const response = await browser.postMultipart(`/admin/post/${f.post}/change`, { ...form, cover: { data: Buffer.from(`<html>${payload}</html>`), filename: `${payload}.png`, type: 'image/png' } });
      assert.equal(response.statusCode, 400, show(response));
      // What the server gets: the form encoder sends " as %22, and busboy keeps the part after the last slash.
      const received = `${payload}.png`.replace(/"/g, '%22').split(/[\\/]/).pop()!;
      assertEscaped(response.body, received, `refused upload named ${payload}`);
      assertNoInjectedMarkup(response.body, `refused upload named ${payload}`);
    }
  });

  test('an unknown action name (400 page)', async () => {
    for (const payload of PAYLOADS) {
      const response: LightMyRequestResponse = await postForm(browser, '/admin/post/action', { action: payload, _selected: '2' });
      assert.equal(response.statusCode, 400, show(response));
      assertEscaped(response.body, payload, `unknown action ${payload}`);
      assertNoInjectedMarkup(response.body, `unknown action ${payload}`);
    }
  });
});

describe('the popup answer and View on site carry hostile values as data, never as markup', () => {
  test('a related record saved in a popup answers with its label escaped in a data attribute, exact once decoded', async () => {
    for (const [i, payload] of PAYLOADS.entries()) {
      const form = formFields(await page('/admin/category/add?_popup=1'), '/admin/category/add');
      const saved = await browser.post('/admin/category/add?_popup=1', { ...form, name: `${payload} (popup)`, slug: `popup-xss-${i}`, _save: '1' });
      assert.equal(saved.statusCode, 200, show(saved));
      assertNoInjectedMarkup(saved.body, `popup answer for ${payload}`);
      assertEscaped(mainOf(saved.body), payload, `popup answer for ${payload}`);
      const data = /data-popup-response="([^"]*)"/.exec(saved.body);
      assert.ok(data, 'the answer carries the record');
      assert.equal(JSON.parse(decodeEntities(data[1])).label, `${payload} (popup)`);
    }
  });

  test('viewOnSite is linked only as a path or an http(s) URL, escaped; script URLs and disguised ones are dropped', async () => {
    const urls: Record<string, string> = {
      a: 'javascript:alert(1)', b: ' javascript:alert(1)', c: 'JaVaScRiPt:alert(1)', d: 'java\tscript:alert(1)', e: 'data:text/html,<script>alert(1)</script>',
      f: 'vbscript:msgbox(1)', g: '/\\evil.example', h: '\u0000javascript:alert(1)', i: '/posts/"><script>alert(1)</script>', j: 'https://example.com/?q="><svg/onload=alert(1)>',
    };
    class SitePostAdmin extends ModelAdmin {
      viewOnSite = (post: { slug: string }) => urls[post.slug.replace(/^view-on-site-/, '')];
    }
    const custom = await startCustomSiteApp(new AdminSite().register('Post', SitePostAdmin));
    try {
      const author = await custom.prisma.author.findFirstOrThrow();
      for (const [slug, url] of Object.entries(urls)) {
        const post = await custom.prisma.post.create({ data: { title: `Hostile link ${slug}`, slug: `view-on-site-${slug}`, body: '.', authorId: author.id } });
        for (const path of [`/admin/post/${post.id}/change`, `/admin/post/${post.id}/`]) {
          const body = (await custom.browser.get(path)).body;
          assertNoInjectedMarkup(body, `${path} with viewOnSite ${JSON.stringify(url)}`);
          if (slug === 'i' || slug === 'j') assert.ok(body.includes(`href="${escapeHtml(url)}" rel="noopener noreferrer">View on site</a>`), `${path}: ${url} linked, escaped`);
          else assert.doesNotMatch(body, /View on site<\/a>/, `${path}: ${JSON.stringify(url)} is not linked`);
        }
      }
    } finally {
      await custom.close();
    }
  });
});
