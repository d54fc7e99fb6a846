// CSRF: every POST route of the demo admin (read from the app's router, `:model` expanded to every model, record routes
// with a real id) is refused with 403 when the token is missing, wrong, another browser's, or sent without its secret
// cookie — and the database is left exactly as it was. The same requests with the right token pass the CSRF check.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { Browser, urlencoded } from '../support/cookie-jar.ts';
import { startDemoApp, type DemoApp } from '../support/demo-app.ts';
import { formFields, mainOf } from '../support/html.ts';
import {
  concreteRoutes, createAdminUser, assertUnchanged, databaseSnapshot, demoSchema, firstIds, postForm, routeTemplates, show, type ConcreteRoute,
} from '../support/security.ts';

const CSRF_REFUSED = /CSRF check failed/;
type Form = Record<string, string | string[]>;

let demo: DemoApp;
let browser: Browser;
let posts: ConcreteRoute[];
before(async () => {
  demo = await startDemoApp();
  browser = demo.newBrowser();
  // Rows in every admin table, so that every model has a record route: a permission row, a log entry.
  await createAdminUser(demo.prisma, 'csrf-staff', ['Post.view']);
  const tag = await browser.get('/admin/tag/1/change');
  const logged = await postForm(browser, '/admin/tag/1/change', { ...formFields(mainOf(tag.body), '/admin/tag/1/change'), name: 'logged tag' });
  assert.equal(logged.statusCode, 303, show(logged));
  const schema = await demoSchema();
  const ids = await firstIds(demo.prisma, schema);
  posts = concreteRoutes(routeTemplates(demo.app), { schema, ids, sitePages: ['statistics'], modelPages: [] }).filter((r) => r.method === 'POST');
});
after(() => demo?.close());

/** What a browser would send to this route with a valid token: the page's own form where there is one. */
async function plausibleForm(route: ConcreteRoute): Promise<Form> {
  const id = (await firstIds(demo.prisma, await demoSchema())).get(route.model ?? '') ?? '1';
  switch (route.page) {
    case '/login':
      return { username: process.env.ADMIN_USERNAME!, password: process.env.ADMIN_PASSWORD!, next: '/admin/' };
    case '/logout':
      return {};
    case '/password':
      return { old_password: 'not-the-password', new_password1: 'a-new-password-1', new_password2: 'a-new-password-1' };
    case 'permissions':
      return { perm: ['Post.view', 'Post.change', 'Post.delete'] };
    case 'action':
      return route.model === 'post' ? { action: 'publish', _selected: ['1', '2', '3'], post: 'yes' } : { action: 'delete_selected', _selected: [id] };
    case 'delete-selected':
      return { _selected: [id], post: 'yes' };
    case 'delete':
      return { post: 'yes' };
    case 'add':
    case 'change': {
      const page = await browser.get(route.url);
      if (page.statusCode !== 200) return { probe: 'x' };
      const form = formFields(mainOf(page.body), route.url);
      for (const name of Object.keys(form)) if (name.includes('__prefix__')) delete form[name];
      // A complete form, so that the request would save if it got through.
      if (route.page === 'add') Object.assign(form, ADD_FORMS[route.model ?? ''] ?? {});
      return form;
    }
    default:
      return { probe: 'x' };
  }
}

const unique = () => Math.random().toString(36).slice(2, 10);
/** Valid add forms of the demo's models (the add pages leave required fields empty). */
const ADD_FORMS: Record<string, Form> = {
  get post() { const u = unique(); return { title: `CSRF probe ${u}`, slug: `csrf-probe-${u}`, body: 'Probe.', status: 'draft', author: '2', viewCount: '0' }; },
  get comment() { return { post: '2', authorName: 'Probe', body: 'Probe.' }; },
  get author() { const u = unique(); return { name: 'Probe', email: `probe-${u}@example.com` }; },
  get category() { const u = unique(); return { name: `Probe ${u}`, slug: `probe-${u}` }; },
  get tag() { return { name: `probe-${unique()}` }; },
  get adminuser() { return { username: `probe-${unique()}`, passwordHash: 'a-long-probe-password-1', isActive: 'on' }; },
};

const withoutToken = (form: Form): Form => Object.fromEntries(Object.entries(form).filter(([name]) => name !== '_csrf'));

/** A POST with exactly these cookies and headers (no token added by the test browser). */
function rawPost(url: string, form: Form, options: { cookies?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<LightMyRequestResponse> {
  return demo.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...options.headers },
    cookies: options.cookies ?? browser.jar.all,
    payload: urlencoded(form),
  });
}

/** A valid token of another browser (its own CSRF secret), the kind an attacker can get by visiting the login page. */
async function foreignToken(): Promise<string> {
  const stranger = new Browser(demo.app);
  await stranger.get('/admin/login');
  assert.ok(stranger.csrfToken);
  assert.notEqual(stranger.jar.all.prisma_admin_csrf, browser.jar.all.prisma_admin_csrf);
  return stranger.csrfToken!;
}

describe('every POST route refuses a request without the right CSRF token', () => {
  test('the routes are read from the app: every state-changing page kind of every model is there', () => {
    const urls = posts.map((r) => r.url);
    for (const url of ['/admin/login', '/admin/logout', '/admin/password', '/admin/adminuser/1/permissions', '/admin/post/action', '/admin/post/add',
      '/admin/post/delete-selected', '/admin/post/1/change', '/admin/post/1/delete', '/admin/adminlogentry/1/delete']) {
      assert.ok(urls.includes(url), `${url} among the POST routes: ${urls.join(' ')}`);
    }
    assert.ok(posts.length >= 45, `${posts.length} POST routes`);
  });

  test('each POST route × 6 ways of getting the token wrong → 403, nothing changed', async () => {
    const other = await foreignToken();
    // Our browser's own token, so that the last two variants prove the cookie half of the double submit is checked.
    await browser.get('/admin/');
    const own = browser.csrfToken!;
    const cookiesWithoutSecret = Object.fromEntries(Object.entries(browser.jar.all).filter(([name]) => name !== 'prisma_admin_csrf'));
    let tried = 0;
    for (const route of posts) {
      const form = withoutToken(await plausibleForm(route));
      const before = await databaseSnapshot(demo.prisma);
      const variants: [string, () => Promise<LightMyRequestResponse>][] = [
        ['no token', () => rawPost(route.url, form)],
        ['a made-up token in the form', () => rawPost(route.url, { ...form, _csrf: 'made-up-token' })],
        ['a made-up token in the header', () => rawPost(route.url, form, { headers: { 'x-csrf-token': 'made-up-token' } })],
        ['a made-up token in the query string', () => rawPost(`${route.url}?_csrf=made-up-token`, form)],
        ["another browser's valid token", () => rawPost(route.url, { ...form, _csrf: other })],
        ['our own token without the secret cookie', () => rawPost(route.url, { ...form, _csrf: own }, { cookies: cookiesWithoutSecret })],
      ];
      for (const [name, send] of variants) {
        const response = await send();
        assert.equal(response.statusCode, 403, `POST ${route.url} with ${name}: ${show(response)}`);
        assert.match(response.body, CSRF_REFUSED, `POST ${route.url} with ${name}: the page says why`);
        tried++;
      }
      await assertUnchanged(demo.prisma, before, `POST ${route.url}: the database is unchanged`);
    }
    assert.equal(tried, posts.length * 6);
  });

  test('multipart forms (file uploads) carry the token in the query string: without it, or a wrong one → 403', async () => {
    const before = await databaseSnapshot(demo.prisma);
    for (const url of ['/admin/post/add', '/admin/post/1/change', '/admin/adminuser/add']) {
      for (const suffix of ['', '?_csrf=made-up-token']) {
        const body = new FormData();
        body.append('title', 'multipart probe');
        body.append('slug', 'multipart-probe');
        body.append('body', 'x');
        const encoded = new Response(body);
        const response = await demo.app.inject({
          method: 'POST',
          url: `${url}${suffix}`,
          headers: { 'content-type': encoded.headers.get('content-type')! },
          cookies: browser.jar.all,
          payload: Buffer.from(await encoded.arrayBuffer()),
        });
        assert.equal(response.statusCode, 403, `multipart POST ${url}${suffix}: ${show(response)}`);
      }
    }
    await assertUnchanged(demo.prisma, before, 'nothing changed');
  });

  test('with the right token the same requests pass the CSRF check (the 403s above were the CSRF check)', async () => {
    // Logout and login last: they end the session the others use.
    const order = ['change', 'add', 'permissions', '/password', 'action', 'delete', 'delete-selected', '/login', '/logout'];
    const ordered = [...posts].sort((a, b) => order.indexOf(a.page) - order.indexOf(b.page));
    const saved: string[] = [];
    for (const route of ordered) {
      const form = await plausibleForm(route);
      await browser.get('/admin/');
      const response = await postForm(browser, route.url, { ...withoutToken(form), _csrf: browser.csrfToken! });
      assert.doesNotMatch(response.body, CSRF_REFUSED, `POST ${route.url} with the right token: ${show(response)}`);
      assert.ok(response.statusCode < 500, `POST ${route.url}: ${show(response)}`);
      if (response.statusCode === 303) saved.push(route.url);
    }
  });
});
