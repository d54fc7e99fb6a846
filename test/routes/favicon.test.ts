// Browsers ask for /favicon.ico whatever a page says; the admin names its icon on every page and answers the
// request under its prefix, logged in or not, with an image instead of a 404 (issue 14, point 10).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startDemoApp, type DemoApp } from '../support/demo-app.ts';

describe('favicon', () => {
  let demo: DemoApp;
  before(async () => {
    demo = await startDemoApp({ size: { posts: 1, comments: 0, authors: 1, categories: 1, tags: 1 } });
  });
  after(() => demo?.close());

  test('every page links its icon, and the icon is an SVG anyone may load', async () => {
    const login = await demo.app.inject({ method: 'GET', url: '/admin/login' });
    assert.match(login.body, /<link rel="icon" href="\/admin\/static\/favicon\.svg" type="image\/svg\+xml">/);
    const icon = await demo.app.inject({ method: 'GET', url: '/admin/static/favicon.svg' });
    assert.equal(icon.statusCode, 200);
    assert.match(String(icon.headers['content-type']), /image\/svg\+xml/);
  });

  test('/favicon.ico under the prefix leads to the icon, even before logging in', async () => {
    const anonymous = await demo.app.inject({ method: 'GET', url: '/admin/favicon.ico' });
    assert.equal(anonymous.statusCode, 301);
    assert.equal(anonymous.headers.location, '/admin/static/favicon.svg');
    const loggedIn = await demo.browser.get('/admin/favicon.ico');
    assert.equal(loggedIn.headers.location, '/admin/static/favicon.svg');
  });
});
