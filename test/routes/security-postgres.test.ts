// The core of the security suite on PostgreSQL: the demo on a fresh PostgreSQL database, its model-permission matrix
// (security-permissions.test.ts) and the login protections (security-login.test.ts): rate limit, lockout, new session
// id at login, logout ending the session, cookie flags, `next` kept inside the admin.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { tokenHash } from '../../src/auth/database-backend.ts';
import { Browser, testCredentials } from '../support/cookie-jar.ts';
import { postgresAvailable } from '../support/databases.ts';
import type { DemoApp } from '../support/demo-app.ts';
import { checkPermissionMatrix, USERS } from '../support/permission-matrix.ts';
import { assertUnchanged, createAdminUser, databaseSnapshot, freshAddress, loginAs, navModels, postForm, show, startDemoAppOnPostgres } from '../support/security.ts';

const pgUp = await postgresAvailable();

describe('security on PostgreSQL', { skip: pgUp ? false : 'no PostgreSQL test server' }, () => {
  let demo: DemoApp;
  before(async () => {
    demo = await startDemoAppOnPostgres();
  });
  after(() => demo?.close());

  const atLoginPage = async (address: string) => {
    const browser = new Browser(demo.app);
    await browser.request({ method: 'GET', url: '/admin/login', remoteAddress: address });
    return browser;
  };
  const attempt = (browser: Browser, address: string, username: string, password: string, next = '/admin/', headers: Record<string, string> = {}) =>
    postForm(browser, '/admin/login', { username, password, next }, { remoteAddress: address, headers });
  const sessionWorks = async (token: string) =>
    (await demo.app.inject({ method: 'GET', url: '/admin/post/', cookies: { prisma_admin_session: token } })).statusCode === 200;
  const sessionCookie = (response: LightMyRequestResponse) =>
    ([] as string[]).concat(response.headers['set-cookie'] ?? []).find((c) => c.startsWith('prisma_admin_session='));

  describe('model permissions', () => {
    USERS.forEach((user, u) => {
      test(`${user.name}: every page kind answers as Django's admin would`, async () => {
        await checkPermissionMatrix(demo, user, 20 + u * 15);
      });
    });

    test("the admin's own models are superuser-only; a staff user sees only the models they may view", async () => {
      const browser = await loginAs(demo.app, await createAdminUser(demo.prisma, 'pg-staff', ['Post.view', 'AdminUser.view', 'AdminUser.change', 'AdminLogEntry.view']));
      assert.deepEqual(navModels((await browser.get('/admin/')).body), ['post']);
      const before = await databaseSnapshot(demo.prisma);
      for (const url of ['/admin/adminuser/', '/admin/adminuser/1/', '/admin/adminuser/1/change', '/admin/adminuser/1/permissions', '/admin/adminlogentry/', '/admin/adminsession/']) {
        const response = await browser.get(url);
        assert.equal(response.statusCode, 403, `${url}: ${show(response)}`);
      }
      const promoted = await postForm(browser, '/admin/adminuser/1/permissions', { perm: 'Post.delete' });
      assert.equal(promoted.statusCode, 403);
      await assertUnchanged(demo.prisma, before, 'staff on the admin models');
    });
  });

  describe('login', () => {
    test('the 11th attempt from one address within a minute → 429', async () => {
      const address = freshAddress();
      const browser = await atLoginPage(address);
      for (let i = 1; i <= 10; i++) assert.equal((await attempt(browser, address, `pg-nobody-${i}`, 'wrong-password')).statusCode, 400);
      const eleventh = await attempt(browser, address, testCredentials().username, testCredentials().password);
      assert.equal(eleventh.statusCode, 429);
      assert.match(eleventh.body, /Too many login attempts from your address/);
    });

    test('5 wrong passwords from one address lock the username there (the wrong-password answer); the owner elsewhere logs in', async () => {
      const user = await createAdminUser(demo.prisma, 'pg-lock', ['Post.view']);
      const address = freshAddress();
      const browser = await atLoginPage(address);
      const answers = [];
      for (let i = 1; i <= 5; i++) answers.push((await attempt(browser, address, user.username, `wrong-${i}`)).statusCode);
      assert.deepEqual(answers, [400, 400, 400, 400, 400]);
      const locked = await attempt(browser, address, user.username, user.password);
      assert.equal(locked.statusCode, 400);
      assert.match(locked.body, /Please enter a correct username and password/);
      const home = freshAddress();
      assert.equal((await attempt(await atLoginPage(home), home, user.username, user.password)).statusCode, 303, 'not locked from another address');
      await demo.prisma.adminLoginThrottle.updateMany({ data: { resetAt: new Date(Date.now() - 1000) } });
      assert.equal((await attempt(browser, address, user.username, user.password)).statusCode, 303);
    });

    test('a planted session id is replaced at login; logout ends the session', async () => {
      const user = await createAdminUser(demo.prisma, 'pg-session', ['Post.view']);
      const address = freshAddress();
      const browser = await atLoginPage(address);
      browser.jar.store({ cookies: [{ name: 'prisma_admin_session', value: 'planted-id' }] } as unknown as LightMyRequestResponse);
      const login = await attempt(browser, address, user.username, user.password);
      assert.equal(login.statusCode, 303, show(login));
      const token = browser.jar.all.prisma_admin_session;
      assert.notEqual(token, 'planted-id');
      assert.ok(await sessionWorks(token));
      assert.ok(!(await sessionWorks('planted-id')));
      await browser.get('/admin/');
      assert.equal((await postForm(browser, '/admin/logout', {})).statusCode, 303);
      assert.ok(!(await sessionWorks(token)));
      assert.equal(await demo.prisma.adminSession.count({ where: { tokenHash: tokenHash(token) } }), 0);
    });

    test('session cookie flags; Secure behind an HTTPS proxy', async () => {
      for (const https of [false, true]) {
        const address = freshAddress();
        const response = await attempt(await atLoginPage(address), address, testCredentials().username, testCredentials().password, '/admin/', https ? { 'x-forwarded-proto': 'https' } : {});
        const cookie = sessionCookie(response)?.toLowerCase() ?? '';
        for (const flag of ['httponly', 'samesite=lax', 'path=/admin']) assert.ok(cookie.includes(flag), `${flag} in ${cookie}`);
        assert.equal(/;\s*secure/.test(cookie), https, cookie);
      }
    });

    test('`next` stays inside the admin', async () => {
      for (const next of ['//evil.com', 'https://evil.com', '/\\evil.com', '/admin/../../evil', 'javascript:alert(1)', '%2F%2Fevil.com', '\t//evil.com']) {
        const address = freshAddress();
        const response = await attempt(await atLoginPage(address), address, testCredentials().username, testCredentials().password, next);
        assert.equal(response.statusCode, 303);
        const location = String(response.headers.location);
        assert.ok(location.startsWith('/admin/') && new URL(location, 'https://admin.example').origin === 'https://admin.example', `${JSON.stringify(next)} → ${location}`);
      }
    });
  });
});
