// The smaller findings of the hardening review (issue 13, point 6): site pages behind a permission, flash cookies that
// stay under 4 KB, a malformed URL escape answered by the admin's 400 page, an upload over the limit shown beside its
// field, the history of a deleted record kept from those who may not read the log, the username format enforced.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { startCrudApp, type CrudApp } from '../support/crud-app.ts';
import { startDemoApp, type DemoApp } from '../support/demo-app.ts';
import { fieldError, formFields, inputValue, mainOf, messagesOf, textOf } from '../support/html.ts';
import { createAdminUser, loginAs, navModels, postForm, show } from '../support/security.ts';

let demo: DemoApp;
before(async () => {
  demo = await startDemoApp();
});
after(() => demo?.close());

const setCookies = (response: LightMyRequestResponse) => ([] as string[]).concat(response.headers['set-cookie'] ?? []);

describe('site pages: a required permission', () => {
  test('the statistics page needs Post.view and Comment.view: 403 and no link without either, 200 with both', async () => {
    const pagesLinks = (html: string) => [...html.matchAll(/href="\/admin\/pages\/([\w-]+)"/g)].map((m) => m[1]);
    for (const permissions of [['Post.view'], ['Comment.view'], []]) {
      const user = await createAdminUser(demo.prisma, `stats-${permissions.join('-').replace(/\W/g, '') || 'none'}`, permissions);
      const browser = await loginAs(demo.app, user);
      const page = await browser.get('/admin/pages/statistics');
      assert.equal(page.statusCode, 403, `${permissions.join(', ') || 'no permissions'}: ${show(page)}`);
      assert.doesNotMatch(page.body, /Most read|pending/i, 'none of the page shows');
      assert.deepEqual(pagesLinks((await browser.get('/admin/')).body), [], 'not in the navigation');
    }
    const both = await createAdminUser(demo.prisma, 'stats-both', ['Post.view', 'Comment.view']);
    const browser = await loginAs(demo.app, both);
    const page = await browser.get('/admin/pages/statistics');
    assert.equal(page.statusCode, 200, show(page));
    assert.deepEqual(pagesLinks((await browser.get('/admin/')).body), ['statistics']);
    // Change implies view, as for the models.
    const editor = await loginAs(demo.app, await createAdminUser(demo.prisma, 'stats-editor', ['Post.change', 'Comment.change']));
    assert.equal((await editor.get('/admin/pages/statistics')).statusCode, 200);
    assert.ok(navModels((await editor.get('/admin/')).body).includes('post'));
  });
});

describe('flash messages', () => {
  test('a 20,000-character title: the message cuts the label to 200 characters and the cookie stays under 4 KB', async () => {
    const title = 'T'.repeat(20_000);
    const post = await demo.prisma.post.create({ data: { title: 'Short', slug: 'long-title-post', body: 'x', authorId: 1 } });
    const browser = demo.newBrowser();
    const page = await browser.get(`/admin/post/${post.id}/change`);
    const form = { ...formFields(page.body, `/post/${post.id}/change`), title, _save: '1' };
    const saved = await browser.post(`/admin/post/${post.id}/change`, form as Record<string, string>);
    assert.equal(saved.statusCode, 303, show(saved));
    assert.equal((await demo.prisma.post.findUniqueOrThrow({ where: { id: post.id } })).title, title, 'the title itself is whole');
    const cookies = setCookies(saved);
    assert.ok(cookies.length > 0);
    for (const cookie of cookies) assert.ok(Buffer.byteLength(cookie) <= 4096, `a Set-Cookie of ${Buffer.byteLength(cookie)} bytes`);
    const [message] = messagesOf((await browser.follow(saved)).body);
    assert.equal(message, `The post “${'T'.repeat(199)}…” was changed successfully.`);

    // Five such messages in a row (the cookie keeps the last five): still under 4 KB.
    let last = saved;
    for (let i = 0; i < 5; i++) {
      const again = await browser.get(`/admin/post/${post.id}/change`);
      last = await browser.post(`/admin/post/${post.id}/change`, { ...formFields(again.body, `/post/${post.id}/change`), _continue: '1' } as Record<string, string>);
      assert.equal(last.statusCode, 303, show(last));
    }
    for (const cookie of setCookies(last)) assert.ok(Buffer.byteLength(cookie) <= 4096, `a Set-Cookie of ${Buffer.byteLength(cookie)} bytes`);
  });
});

describe('malformed URL escapes', () => {
  for (const url of ['/admin/%ZZ/', '/admin/post/%E0%A4%A/', '/admin/post/1/%ZZ', '/%ZZ']) {
    test(`${url} → the admin's 400 page with its security headers, not fastify's JSON`, async () => {
      for (const browser of [demo.browser, null]) {
        const response = browser ? await browser.get(url) : await demo.app.inject({ method: 'GET', url });
        assert.equal(response.statusCode, 400, show(response));
        assert.match(String(response.headers['content-type']), /^text\/html/);
        assert.match(textOf(mainOf(response.body)), /The address of this page is malformed/);
        assert.match(String(response.headers['content-security-policy']), /default-src 'self'/);
        assert.equal(response.headers['x-frame-options'], 'DENY');
        assert.equal(response.headers['x-content-type-options'], 'nosniff');
      }
    });
  }
});

describe('history of a deleted record', () => {
  test('404 for a user who may view posts but not the log; the log reader (superuser) sees it', async () => {
    const post = await demo.prisma.post.create({ data: { title: 'To be deleted', slug: 'to-be-deleted', body: 'x', authorId: 1 } });
    const page = await demo.browser.get(`/admin/post/${post.id}/change`);
    const changed = await demo.browser.post(`/admin/post/${post.id}/change`, { ...formFields(page.body, `/post/${post.id}/change`), title: 'Secret title', _save: '1' } as Record<string, string>);
    assert.equal(changed.statusCode, 303, show(changed));
    const deleted = await postForm(demo.browser, `/admin/post/${post.id}/delete`, { post: 'yes' });
    assert.equal(deleted.statusCode, 303, show(deleted));

    const viewer = await loginAs(demo.app, await createAdminUser(demo.prisma, 'history-viewer', ['Post.view', 'Post.change']));
    const refused = await viewer.get(`/admin/post/${post.id}/history`);
    assert.equal(refused.statusCode, 404, show(refused));
    assert.doesNotMatch(refused.body, /Secret title|To be deleted/);
    // A record that exists keeps its history for whoever may view it.
    assert.equal((await viewer.get('/admin/post/1/history')).statusCode, 200);

    const shown = await demo.browser.get(`/admin/post/${post.id}/history`);
    assert.equal(shown.statusCode, 200, show(shown));
    assert.match(shown.body, /Secret title/);
  });
});

describe('usernames', () => {
  const addUser = async (username: string) => {
    const page = await demo.browser.get('/admin/adminuser/add');
    return demo.browser.post('/admin/adminuser/add', { ...formFields(page.body, '/adminuser/add'), username, passwordHash: 'a-long-enough-password-1', _save: '1' } as Record<string, string>);
  };

  for (const bad of ['with space', 'semi;colon', '<script>', 'a'.repeat(151), '']) {
    test(`“${bad.slice(0, 20)}” is refused beside the username field, and no user is created`, async () => {
      const before = await demo.prisma.adminUser.count();
      const response = await addUser(bad);
      assert.equal(response.statusCode, 400, show(response));
      assert.match(fieldError(response.body, 'username') ?? '', bad === '' ? /required/ : /letters, digits and @ \. \+ - _ only|at most 150 characters/);
      assert.equal(await demo.prisma.adminUser.count(), before);
    });
  }

  test('the documented format is accepted (letters of any script, digits, @ . + - _), on add and on change', async () => {
    for (const good of ['jane.doe+admin@example-corp_2', 'Zoë', 'a'.repeat(150)]) {
      const response = await addUser(good);
      assert.equal(response.statusCode, 303, `${good}: ${show(response)}`);
    }
    const user = await demo.prisma.adminUser.findUniqueOrThrow({ where: { username: 'Zoë' } });
    const page = await demo.browser.get(`/admin/adminuser/${user.id}/change`);
    const renamed = await demo.browser.post(`/admin/adminuser/${user.id}/change`, { ...formFields(page.body, `/adminuser/${user.id}/change`), username: 'Zoë Smith', _save: '1' } as Record<string, string>);
    assert.equal(renamed.statusCode, 400, show(renamed));
    assert.equal(inputValue(renamed.body, 'username'), 'Zoë Smith', 'the typed value is kept');
    assert.equal((await demo.prisma.adminUser.findUniqueOrThrow({ where: { id: user.id } })).username, 'Zoë');
  });
});

describe('uploads over maxUploadBytes', () => {
  let crud: CrudApp;
  before(async () => {
    crud = await startCrudApp();
  });
  after(() => crud?.close());

  test('the form comes back (400) saying the limit beside the file field, every other typed value kept', async () => {
    const before = await crud.prisma.sample.count();
    const form = { id: 'big-upload', label: 'Typed before the upload', count: '7', big: '2', ratio: '0.5', amount: '1.5', flag: 'on', at: '2024-01-01T00:00', data: '{"kept": true}', mood: 'happy' };
    const tooBig = { data: new Uint8Array(10 * 1024 * 1024 + 1), filename: 'big.bin' };
    const response = await crud.browser.postMultipart('/admin/sample/add', { ...form, blob: tooBig, _save: '1' });
    assert.equal(response.statusCode, 400, show(response));
    assert.equal(fieldError(response.body, 'blob'), 'The file is larger than the upload limit of 10 MiB. Choose a smaller file.');
    assert.equal(inputValue(response.body, 'label'), 'Typed before the upload');
    assert.equal(inputValue(response.body, 'count'), '7');
    assert.match(String(inputValue(response.body, 'data')), /"kept": true/);
    assert.equal(await crud.prisma.sample.count(), before, 'nothing saved');

    // A file at the limit is taken.
    const atLimit = await crud.browser.postMultipart('/admin/sample/add', { ...form, blob: { data: new Uint8Array(10 * 1024 * 1024), filename: 'ok.bin' }, _save: '1' });
    assert.equal(atLimit.statusCode, 303, show(atLimit));
    assert.equal((await crud.prisma.sample.findUniqueOrThrow({ where: { id: 'big-upload' } })).blob.length, 10 * 1024 * 1024);
  });
});
