// Security headers on every admin response — every page of every model (read from the app's router), the login page,
// redirects, static files, JSON, and every kind of error page (400, 403, 404, 405-ish, 413, 415, 429, 500) — and HTML
// that keeps the Content-Security-Policy meaningful: no inline script, no style attribute, no event handler.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { AdminSite } from '../../src/index.ts';
import { Browser } from '../support/cookie-jar.ts';
import { startCustomSiteApp, type CustomSiteApp } from '../support/custom-site-app.ts';
import { startDemoApp, type DemoApp } from '../support/demo-app.ts';
import { concreteRoutes, createAdminUser, demoSchema, firstIds, freshAddress, loginAs, postForm, routeTemplates, show } from '../support/security.ts';

/** The headers every admin response carries. */
function assertSecurityHeaders(response: LightMyRequestResponse, what: string): void {
  const csp = String(response.headers['content-security-policy'] ?? '');
  const directives = new Map(csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => [d.split(/\s+/)[0], d.split(/\s+/).slice(1)]));
  assert.deepEqual(directives.get('default-src'), ["'self'"], `${what}: CSP default-src in ${csp}`);
  assert.deepEqual(directives.get('frame-ancestors'), ["'none'"], `${what}: CSP frame-ancestors in ${csp}`);
  assert.deepEqual(directives.get('script-src'), ["'self'"], `${what}: CSP script-src in ${csp}`);
  assert.deepEqual(directives.get('style-src'), ["'self'"], `${what}: CSP style-src in ${csp}`);
  assert.deepEqual(directives.get('object-src'), ["'none'"], `${what}: CSP object-src in ${csp}`);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/, `${what}: ${csp}`);
  assert.equal(response.headers['x-frame-options'], 'DENY', what);
  assert.equal(response.headers['x-content-type-options'], 'nosniff', what);
  assert.match(String(response.headers['referrer-policy'] ?? ''), /^(same-origin|no-referrer|strict-origin|strict-origin-when-cross-origin)$/, `${what}: Referrer-Policy`);
}

/** HTML that needs nothing the CSP forbids: scripts only from files, no inline styles, no handlers. */
function assertCspFriendlyHtml(response: LightMyRequestResponse, what: string): void {
  if (!String(response.headers['content-type'] ?? '').startsWith('text/html')) return;
  const html = response.body;
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) assert.match(tag, /\ssrc="\/admin\/static\/[\w.-]+"/, `${what}: inline script ${tag}`);
  assert.doesNotMatch(html, /<style\b/i, `${what}: a <style> element`);
  for (const [tag] of html.matchAll(/<[a-zA-Z][^>]*>/g)) {
    const attributes = tag.replace(/"[^"]*"/g, '""');
    assert.doesNotMatch(attributes, /\sstyle\s*=/i, `${what}: a style attribute in ${tag.slice(0, 200)}`);
    assert.doesNotMatch(attributes, /\son[a-z]+\s*=/i, `${what}: an event handler in ${tag.slice(0, 200)}`);
    assert.doesNotMatch(tag, /="\s*javascript:/i, `${what}: a javascript: URL in ${tag.slice(0, 200)}`);
  }
}

const check = (response: LightMyRequestResponse, what: string) => {
  assertSecurityHeaders(response, what);
  assertCspFriendlyHtml(response, what);
};

let demo: DemoApp;
before(async () => {
  demo = await startDemoApp();
  await createAdminUser(demo.prisma, 'headers-row', ['Post.view']);
  await demo.prisma.adminLogEntry.create({ data: { userId: 1, username: 'x', model: 'Post', objectId: '2', objectRepr: 'x', action: 'change', changeMessage: '{}' } });
});
after(() => demo?.close());

describe('every page carries the security headers', () => {
  test('every GET route of every model, as a superuser, as a staff user (403s) and anonymously (redirects)', async () => {
    const schema = await demoSchema();
    const routes = concreteRoutes(routeTemplates(demo.app), { schema, ids: await firstIds(demo.prisma, schema), sitePages: ['statistics'], modelPages: [] }).filter((r) => r.method === 'GET');
    const staff = await loginAs(demo.app, await createAdminUser(demo.prisma, 'headers-staff', ['Comment.view']));
    const anonymous = new Browser(demo.app);
    const statuses = new Set<number>();
    for (const route of routes) {
      for (const [who, browser] of [['superuser', demo.browser], ['staff', staff], ['anonymous', anonymous]] as const) {
        const response = await browser.get(route.page === 'autocomplete' ? `${route.url}?q=a` : route.url);
        statuses.add(response.statusCode);
        check(response, `${who} GET ${route.url} (${response.statusCode})`);
      }
    }
    // Pages, redirects, refusals, missing pages, JSON and files were all among them.
    for (const status of [200, 301, 303, 401, 403, 404]) assert.ok(statuses.has(status), `a ${status} among ${[...statuses].join(', ')}`);
    assert.ok(routes.length > 60, `${routes.length} routes`);
  });

  test('the login page, its errors and the rate limit page', async () => {
    const address = freshAddress();
    const browser = new Browser(demo.app);
    check(await browser.request({ method: 'GET', url: '/admin/login', remoteAddress: address }), 'login page');
    let last: LightMyRequestResponse | undefined;
    for (let i = 0; i < 11; i++) {
      last = await postForm(browser, '/admin/login', { username: 'nobody', password: 'wrong-password' }, { remoteAddress: address });
      check(last, `login attempt ${i + 1} (${last.statusCode})`);
    }
    assert.equal(last!.statusCode, 429);
    const empty = await postForm(browser, '/admin/login', { username: '', password: '' }, { remoteAddress: freshAddress() });
    assert.equal(empty.statusCode, 400);
    check(empty, 'login without credentials');
  });

  test('error pages: CSRF 403, permission 403, 400, 404, unknown methods, 413, 415, malformed bodies', async () => {
    const browser = demo.newBrowser();
    await browser.get('/admin/');
    const cases: [string, () => Promise<LightMyRequestResponse>, number][] = [
      ['CSRF refusal', () => demo.app.inject({ method: 'POST', url: '/admin/post/add', cookies: browser.jar.all, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'title=x' }), 403],
      ['unknown action', () => postForm(browser, '/admin/post/action', { action: 'nope', _selected: '2' }), 400],
      ['unknown model', () => browser.get('/admin/nosuchmodel/'), 404],
      ['unknown record', () => browser.get('/admin/post/999999/'), 404],
      ['invalid id', () => browser.get('/admin/post/not-a-number/change'), 404],
      ['unknown record page', () => browser.get('/admin/post/2/nosuchpage'), 404],
      ['PUT', () => browser.request({ method: 'PUT', url: '/admin/post/2/' }), 404],
      ['DELETE', () => browser.request({ method: 'DELETE', url: '/admin/post/2/' }), 404],
      ['unsupported content type', () => browser.request({ method: 'POST', url: '/admin/post/add', headers: { 'content-type': 'application/xml' }, payload: '<x/>' }), 415],
      ['body too large', () => browser.request({ method: 'POST', url: '/admin/post/add', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `title=${'x'.repeat(2 * 1024 * 1024)}` }), 413],
      ['malformed JSON body', () => browser.request({ method: 'POST', url: '/admin/post/add', headers: { 'content-type': 'application/json' }, payload: '{' }), 400],
      ['rejected form', () => postForm(browser, '/admin/post/add', { title: '' }), 400],
      ['conflict page (protected records)', () => postForm(browser, '/admin/author/1/delete', { post: 'yes' }), 409],
    ];
    for (const [name, send, status] of cases) {
      const response = await send();
      assert.equal(response.statusCode, status, `${name}: ${show(response)}`);
      check(response, name);
    }
  });

  test('POST responses: confirmation pages and redirects after a save', async () => {
    const browser = demo.newBrowser();
    await browser.get('/admin/');
    check(await postForm(browser, '/admin/post/action', { action: 'delete_selected', _selected: ['2', '3'] }), 'delete selected confirmation');
    check(await postForm(browser, '/admin/post/action', { action: 'publish', _selected: ['2', '3'] }), 'action confirmation');
    check(await postForm(browser, '/admin/tag/add', { name: 'headers-tag' }), 'redirect after add');
  });
});

describe('a server error (500) carries them too', () => {
  let custom: CustomSiteApp;
  before(async () => {
    custom = await startCustomSiteApp(new AdminSite({
      pages: [{ path: 'broken', title: 'Broken', template: 'index', context: () => { throw new Error('a bug in a page of the user'); } }],
    }));
  });
  after(() => custom?.close());

  test('500 page: headers, no details of the error', async () => {
    const response = await custom.browser.get('/admin/pages/broken');
    assert.equal(response.statusCode, 500);
    assert.doesNotMatch(response.body, /a bug in a page of the user/);
    check(response, '500');
  });
});
