// Nobody gets in without logging in: every route of the demo admin (read from the app's router, every model, record
// routes with a real id), GET and POST, sends an anonymous visitor to the login page with the page they wanted as
// `next` — except the login page itself, the static files and the favicon. A forged, expired or revoked session is anonymous too.
// Nothing changes in the database meanwhile.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Browser } from '../support/cookie-jar.ts';
import { startDemoApp, type DemoApp } from '../support/demo-app.ts';
import {
  concreteRoutes, createAdminUser, assertUnchanged, databaseSnapshot, demoSchema, firstIds, loginAs, postForm, routeTemplates, show, type ConcreteRoute,
} from '../support/security.ts';
import { tokenHash } from '../../src/auth/database-backend.ts';

let demo: DemoApp;
let routes: ConcreteRoute[];
before(async () => {
  demo = await startDemoApp();
  await createAdminUser(demo.prisma, 'anon-staff', ['Post.view']);
  await demo.prisma.adminLogEntry.create({ data: { userId: 1, username: 'x', model: 'Post', objectId: '1', objectRepr: 'x', action: 'change', changeMessage: '{}' } });
  const schema = await demoSchema();
  routes = concreteRoutes(routeTemplates(demo.app), { schema, ids: await firstIds(demo.prisma, schema), sitePages: ['statistics'], modelPages: [] });
});
after(() => demo?.close());

/** Where the response sends the visitor: the login page, and the `next` it carries. */
function loginRedirect(response: { statusCode: number; headers: Record<string, unknown> }) {
  const location = String(response.headers.location ?? '');
  const url = new URL(location, 'http://admin.test');
  return { status: response.statusCode, path: url.pathname, next: url.searchParams.get('next'), location };
}

/** A browser that has the login page's CSRF token (so a refusal below is the login check, not the CSRF check). */
async function anonymous(): Promise<Browser> {
  const browser = new Browser(demo.app);
  const page = await browser.get('/admin/login');
  assert.equal(page.statusCode, 200);
  assert.ok(browser.csrfToken);
  return browser;
}

// The favicon too: it only points at a static file, and browsers ask for it before anyone logs in.
const isOpen = (route: ConcreteRoute) => route.page === 'static' || route.url === '/admin/login' || route.url === '/admin/favicon.ico' || isMalformedUrlPage(route);
/** Where a path that does not decode (`/admin/%ZZ/`) is sent: the admin's 400 page, for everyone. */
const isMalformedUrlPage = (route: ConcreteRoute) => route.url === '/admin/-/malformed-url';
const isJson = (route: ConcreteRoute) => route.page === 'autocomplete';

describe('anonymous visitors', () => {
  test('the route list covers every page kind of every model', () => {
    const kinds = new Set(routes.map((r) => `${r.method} ${r.page}`));
    for (const kind of ['GET list', 'GET detail', 'GET change', 'GET delete', 'GET history', 'GET download', 'GET add', 'GET autocomplete', 'GET list-redirect',
      'POST add', 'POST change', 'POST delete', 'POST action', 'POST delete-selected', 'GET permissions', 'POST permissions', 'GET site-page', 'GET model-page',
      'GET /', 'GET /password', 'POST /password', 'POST /logout']) {
      assert.ok(kinds.has(kind), `${kind} among ${[...kinds].join(', ')}`);
    }
    assert.ok(routes.length > 100, `${routes.length} routes`);
  });

  test('every GET and POST route → 303 to /admin/login?next=… (GET: the page asked for; POST: the index), nothing changed', async () => {
    const browser = await anonymous();
    const before = await databaseSnapshot(demo.prisma);
    let redirected = 0;
    for (const route of routes.filter((r) => !isOpen(r) && !isJson(r))) {
      const response = route.method === 'GET' ? await browser.get(route.url) : await postForm(browser, route.url, { _selected: ['1', '2'], post: 'yes', action: 'delete_selected', title: 'anonymous' });
      const target = loginRedirect(response);
      assert.equal(target.status, 303, `${route.method} ${route.url}: ${show(response)}`);
      assert.equal(target.path, '/admin/login', `${route.method} ${route.url} → ${target.location}`);
      assert.equal(target.next, route.method === 'GET' ? route.url : '/admin/', `${route.method} ${route.url} → ${target.location}`);
      assert.ok(!browser.jar.has('prisma_admin_session'));
      redirected++;
    }
    await assertUnchanged(demo.prisma, before, 'the database is unchanged');
    assert.ok(redirected > 100, `${redirected} routes`);
  });

  test('the search-as-you-type endpoints answer JSON 401 instead (they are fetched by scripts, which cannot follow a login page)', async () => {
    const browser = await anonymous();
    for (const route of routes.filter(isJson)) {
      const response = await browser.get(`${route.url}?q=a`);
      assert.equal(response.statusCode, 401, `${route.url}: ${show(response)}`);
      assert.deepEqual(response.json(), { error: 'Log in first.' });
      assert.doesNotMatch(response.body, /"results"/);
    }
  });

  test('the login page and the static files are open', async () => {
    const browser = await anonymous();
    for (const route of routes.filter((r) => isOpen(r) && r.method === 'GET')) {
      const response = await browser.get(route.url);
      // The favicon leads to the static icon, not to the login page.
      const expected = route.url === '/admin/favicon.ico' ? 301 : isMalformedUrlPage(route) ? 400 : 200;
      assert.equal(response.statusCode, expected, `${route.url}: ${show(response)}`);
    }
  });

  test('path tricks around the open pages still need a login', async () => {
    const browser = await anonymous();
    for (const url of ['/admin/login/', '/admin/login/../post/', '/admin/LOGIN', '/admin/static/../post/', '/admin/static/%2e%2e/post/', '/admin//post/', '/admin/post/?x=/admin/login', '/admin/%6cogin', '/admin/login%2F..%2Fpost/']) {
      const response = await browser.get(url);
      const ok = response.statusCode === 303 ? loginRedirect(response).path === '/admin/login' : response.statusCode === 404 || response.statusCode === 403 || response.statusCode === 400;
      assert.ok(ok, `${url}: ${show(response)}`);
      assert.doesNotMatch(response.body, /Select post to change|Blog administration<\/a>[\s\S]*Welcome/, `${url} shows no admin page`);
    }
  });

  test('the static files are only the static folder: no way up to the project', async () => {
    for (const url of ['/admin/static/../../package.json', '/admin/static/%2e%2e/%2e%2e/package.json', '/admin/static/..%2f..%2fpackage.json', '/admin/static/..%5c..%5cpackage.json', '/admin/static/%2e%2e%2f%2e%2e%2fsrc%2fplugin.ts']) {
      const response = await demo.app.inject({ url });
      assert.ok([400, 403, 404].includes(response.statusCode) || (response.statusCode === 303 && loginRedirect(response).path === '/admin/login'), `${url}: ${show(response)}`);
      assert.doesNotMatch(response.body, /"name": "prisma-admin-site"|adminPlugin/, url);
    }
  });
});

describe('sessions that are not (or no longer) valid are anonymous', () => {
  const assertAnonymous = async (cookie: string, why: string) => {
    const response = await demo.app.inject({ method: 'GET', url: '/admin/post/', cookies: { prisma_admin_session: cookie } });
    assert.equal(response.statusCode, 303, `${why}: ${show(response)}`);
    assert.equal(loginRedirect(response).path, '/admin/login', why);
  };

  test('made-up, empty, huge and SQL-ish tokens', async () => {
    for (const token of ['made-up', '', 'x'.repeat(600), "' OR 1=1 --", tokenHash('made-up')]) await assertAnonymous(token, `token ${token.slice(0, 20)}`);
  });

  test('the stored hash of a real session is not a token (only the SHA-256 is kept)', async () => {
    const row = await demo.prisma.adminSession.findFirst();
    assert.ok(row);
    await assertAnonymous(row.tokenHash, 'the hash from the database');
  });

  test('an expired session', async () => {
    const creds = await createAdminUser(demo.prisma, 'anon-expired', ['Post.view']);
    const browser = await loginAs(demo.app, creds);
    const token = browser.jar.all.prisma_admin_session;
    assert.equal((await browser.get('/admin/post/')).statusCode, 200);
    await demo.prisma.adminSession.update({ where: { tokenHash: tokenHash(token) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await assertAnonymous(token, 'expired');
  });

  test('the session of a user made inactive, or deleted', async () => {
    const inactive = await createAdminUser(demo.prisma, 'anon-inactive', ['Post.view']);
    const browser = await loginAs(demo.app, inactive);
    assert.equal((await browser.get('/admin/post/')).statusCode, 200);
    await demo.prisma.adminUser.update({ where: { id: inactive.id }, data: { isActive: false } });
    await assertAnonymous(browser.jar.all.prisma_admin_session, 'inactive user');

    const deleted = await createAdminUser(demo.prisma, 'anon-deleted', ['Post.view']);
    const other = await loginAs(demo.app, deleted);
    await demo.prisma.adminUser.delete({ where: { id: deleted.id } });
    await assertAnonymous(other.jar.all.prisma_admin_session, 'deleted user');
  });
});
