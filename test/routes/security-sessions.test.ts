// Issue 13.5: sessions and secrets. (a) A password set through the Users change form, a lost superuser status and a
// deactivation end the user's sessions. (b) Password fields (of any model) never reach the audit log or a History
// page: the entry says "<field> changed". (c) A locked-out username gets the answer a wrong password gets, and the
// lockout counts per username and client address: nobody locks another person out from elsewhere. (d) The login rate
// limit and the lockout hold across two admin instances on one database.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildDemoServer } from '../../scripts/demo-server.ts';
import { AdminSite, ModelAdmin } from '../../src/index.ts';
import { Browser } from '../support/cookie-jar.ts';
import { startCustomSiteApp, type CustomSiteApp } from '../support/custom-site-app.ts';
import { startDemoApp, type DemoApp } from '../support/demo-app.ts';
import { mainOf, textOf } from '../support/html.ts';
import { pageForm } from '../support/permission-matrix.ts';
import { createAdminUser, freshAddress, loginAs, postForm, show } from '../support/security.ts';

const LOGIN_FAILED = /Please enter a correct username and password\. Note that both fields may be case-sensitive\./;

let demo: DemoApp;
before(async () => {
  demo = await startDemoApp();
});
after(() => demo?.close());

const sessionWorks = async (app: FastifyInstance, browser: Browser) =>
  (await app.inject({ method: 'GET', url: '/admin/', cookies: { prisma_admin_session: browser.jar.all.prisma_admin_session } })).statusCode === 200;

/** Saves the Users change form of `userId` as the demo's superuser, with some fields changed. */
async function saveUser(userId: number, changes: Record<string, string | undefined>, as = demo.browser) {
  const page = await as.get(`/admin/adminuser/${userId}/change`);
  assert.equal(page.statusCode, 200, show(page));
  const form = pageForm(page.body, '/change');
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) delete form[name];
    else form[name] = value;
  }
  const response = await postForm(as, `/admin/adminuser/${userId}/change`, { ...form, _save: '1' });
  assert.equal(response.statusCode, 303, show(response));
}

describe('(a) a user whose password or powers change loses every session', () => {
  test('a password set through the Users change form ends all of that user’s sessions', async () => {
    const user = await createAdminUser(demo.prisma, 'reset-by-admin', ['Post.view']);
    const [one, two] = [await loginAs(demo.app, user), await loginAs(demo.app, user)];
    assert.ok((await sessionWorks(demo.app, one)) && (await sessionWorks(demo.app, two)));
    await saveUser(user.id, { passwordHash: 'a-new-password-from-the-admin-9' });
    assert.ok(!(await sessionWorks(demo.app, one)) && !(await sessionWorks(demo.app, two)), 'both sessions ended');
    assert.equal(await demo.prisma.adminSession.count({ where: { userId: user.id } }), 0);
    // Saving the form with the password left empty keeps the sessions.
    const three = await loginAs(demo.app, { username: user.username, password: 'a-new-password-from-the-admin-9' });
    await saveUser(user.id, { passwordHash: '' });
    assert.ok(await sessionWorks(demo.app, three), 'an unchanged password ends nothing');
  });

  test('losing superuser status, or being deactivated, ends the user’s sessions', async () => {
    const boss = await createAdminUser(demo.prisma, 'demoted-boss', [], { isSuperuser: true });
    const bossBrowser = await loginAs(demo.app, boss);
    await saveUser(boss.id, { isSuperuser: undefined });
    assert.equal((await demo.prisma.adminUser.findUniqueOrThrow({ where: { id: boss.id } })).isSuperuser, false);
    assert.equal(await demo.prisma.adminSession.count({ where: { userId: boss.id } }), 0, 'the demoted superuser’s sessions ended');
    assert.ok(!(await sessionWorks(demo.app, bossBrowser)));

    const leaver = await createAdminUser(demo.prisma, 'deactivated', ['Post.view']);
    await loginAs(demo.app, leaver);
    await saveUser(leaver.id, { isActive: undefined });
    assert.equal(await demo.prisma.adminSession.count({ where: { userId: leaver.id } }), 0, 'the deactivated user’s sessions ended');
  });

  test('a superuser setting their own password in the Users form keeps this session, ends the others', async () => {
    const me = await createAdminUser(demo.prisma, 'self-reset', [], { isSuperuser: true });
    const [here, elsewhere] = [await loginAs(demo.app, me), await loginAs(demo.app, me)];
    await saveUser(me.id, { passwordHash: 'my-own-new-password-42' }, here);
    assert.ok(await sessionWorks(demo.app, here), 'this session goes on');
    assert.ok(!(await sessionWorks(demo.app, elsewhere)), 'the other one ended');
  });
});

describe('(b) password fields never reach the audit log or History', () => {
  test('a password changed through the Users form is logged as "Password changed." without either hash', async () => {
    const user = await createAdminUser(demo.prisma, 'logged-password', ['Post.view']);
    const oldHash = (await demo.prisma.adminUser.findUniqueOrThrow({ where: { id: user.id } })).passwordHash;
    await saveUser(user.id, { passwordHash: 'another-secret-password-1' });
    const newHash = (await demo.prisma.adminUser.findUniqueOrThrow({ where: { id: user.id } })).passwordHash;
    const entries = await demo.prisma.adminLogEntry.findMany({ where: { model: 'AdminUser', objectId: String(user.id) } });
    assert.equal(entries.length, 1);
    for (const secret of [oldHash, newHash, oldHash.split('$').at(-1)!, newHash.split('$').at(-1)!]) {
      assert.ok(!entries[0].changeMessage.includes(secret), `the log entry holds no hash: ${entries[0].changeMessage}`);
    }
    const history = await demo.browser.get(`/admin/adminuser/${user.id}/history`);
    assert.match(textOf(mainOf(history.body)), /Password changed\./);
    assert.ok(!history.body.includes(newHash) && !history.body.includes(oldHash));
  });

  test('any model’s passwordFields, and entries written before the rule, are shown as changed only', async () => {
    class CategoryWithSecret extends ModelAdmin {
      passwordFields = ['description'];
    }
    const custom: CustomSiteApp = await startCustomSiteApp(new AdminSite().register('Category', CategoryWithSecret));
    try {
      const page = await custom.browser.get('/admin/category/1/change');
      const saved = await postForm(custom.browser, '/admin/category/1/change', { ...pageForm(page.body, '/change'), description: 'hunter2-hunter2', _save: '1' });
      assert.equal(saved.statusCode, 303, show(saved));
      const hash = (await custom.prisma.category.findUniqueOrThrow({ where: { id: 1 } })).description!;
      const entry = await custom.prisma.adminLogEntry.findFirstOrThrow({ where: { model: 'Category', objectId: '1' } });
      assert.ok(!entry.changeMessage.includes(hash.split('$').at(-1)!), entry.changeMessage);
      // An entry from before: the hashes in its message are not shown either.
      await custom.prisma.adminLogEntry.create({ data: {
        username: 'old', model: 'Category', objectId: '1', objectRepr: 'x', action: 'change',
        changeMessage: JSON.stringify({ changes: [{ field: 'description', label: 'Description', old: 'scrypt$OLDHASHVALUE', new: 'scrypt$NEWHASHVALUE' }] }),
      } });
      const history = textOf(mainOf((await custom.browser.get('/admin/category/1/history')).body));
      assert.match(history, /Description changed\./);
      assert.doesNotMatch(history, /OLDHASHVALUE|NEWHASHVALUE|scrypt/);
    } finally {
      await custom.close();
    }
  });
});

/** A browser at the login page of `app`, from `address`. */
async function atLogin(app: FastifyInstance, address: string): Promise<Browser> {
  const browser = new Browser(app);
  await browser.request({ method: 'GET', url: '/admin/login', remoteAddress: address });
  return browser;
}
const attempt = (browser: Browser, address: string, username: string, password: string) =>
  postForm(browser, '/admin/login', { username, password, next: '/admin/' }, { remoteAddress: address });
const answerOf = (r: { statusCode: number; body: string; headers: Record<string, unknown> }) =>
  JSON.stringify({ status: r.statusCode, error: /<p class="errornote[^"]*"[^>]*>([\s\S]*?)<\/p>/.exec(r.body)?.[1]?.trim(), retryAfter: r.headers['retry-after'] ?? null });

describe('(c) the lockout', () => {
  test('a locked-out username gets the answer of a wrong password or an unknown user', async () => {
    const user = await createAdminUser(demo.prisma, 'locked-alike', ['Post.view']);
    const address = freshAddress();
    const browser = await atLogin(demo.app, address);
    for (let i = 1; i <= 5; i++) assert.match((await attempt(browser, address, user.username, `wrong-${i}`)).body, LOGIN_FAILED);
    const locked = await attempt(browser, address, user.username, user.password);
    assert.ok(!browser.jar.has('prisma_admin_session'), 'the right password is refused while locked');
    const other = freshAddress();
    const wrong = await attempt(await atLogin(demo.app, other), other, user.username, 'wrong-again');
    const unknownAddress = freshAddress();
    const unknown = await attempt(await atLogin(demo.app, unknownAddress), unknownAddress, 'no-such-user-at-all', 'whatever');
    assert.equal(locked.statusCode, 400, show(locked));
    assert.equal(new Set([locked, wrong, unknown].map(answerOf)).size, 1, [locked, wrong, unknown].map(answerOf).join('\n'));
  });

  test('wrong passwords from one address do not lock the account for its owner elsewhere', async () => {
    const owner = await createAdminUser(demo.prisma, 'targeted-owner', [], { isSuperuser: true });
    const attacker = freshAddress();
    const browser = await atLogin(demo.app, attacker);
    for (let i = 1; i <= 8; i++) await attempt(browser, attacker, owner.username, `guess-${i}`);
    const home = freshAddress();
    const ownerBrowser = await atLogin(demo.app, home);
    const login = await attempt(ownerBrowser, home, owner.username, owner.password);
    assert.equal(login.statusCode, 303, `the owner logs in from their own address: ${show(login)}`);
  });
});

describe('(d) two instances on one database', () => {
  let second: FastifyInstance;
  let third: FastifyInstance;
  let roomy: FastifyInstance;
  before(async () => {
    second = await buildDemoServer(demo.url, { loginAttemptsPerMinute: 3 });
    third = await buildDemoServer(demo.url, { loginAttemptsPerMinute: 3 });
    roomy = await buildDemoServer(demo.url);
  });
  after(async () => {
    await second?.close();
    await third?.close();
    await roomy?.close();
  });

  test('the login rate limit counts the attempts made on every instance', async () => {
    const address = freshAddress();
    const [a, b] = [await atLogin(second, address), await atLogin(third, address)];
    const answers = [];
    for (const browser of [a, b, a]) answers.push((await attempt(browser, address, 'nobody-here', 'wrong')).statusCode);
    assert.deepEqual(answers, [400, 400, 400]);
    const fourth = await attempt(b, address, 'nobody-here', 'wrong');
    assert.equal(fourth.statusCode, 429, `the 4th attempt, on the other instance: ${show(fourth)}`);
    assert.match(fourth.body, /Too many login attempts from your address/);
  });

  test('the lockout made on one instance holds on the other', async () => {
    const user = await createAdminUser(demo.prisma, 'locked-everywhere', ['Post.view']);
    const address = freshAddress();
    const browser = await atLogin(demo.app, address);
    for (let i = 1; i <= 5; i++) await attempt(browser, address, user.username, `wrong-${i}`);
    const elsewhere = await atLogin(roomy, address);
    const right = await attempt(elsewhere, address, user.username, user.password);
    assert.equal(right.statusCode, 400, `locked on the other instance too: ${show(right)}`);
    assert.match(right.body, LOGIN_FAILED);
  });
});

describe('a database not migrated yet (the model in the schema, its table missing)', () => {
  test('logins still work, counted in the process, with one warning', async () => {
    const stale = await startDemoApp({ size: { posts: 1, comments: 0 } });
    try {
      await stale.prisma.$executeRawUnsafe('DROP TABLE "AdminLoginThrottle"');
      const user = await createAdminUser(stale.prisma, 'before-migration', ['Post.view']);
      const address = freshAddress();
      const browser = await atLogin(stale.app, address);
      for (let i = 1; i <= 5; i++) assert.equal((await attempt(browser, address, user.username, `wrong-${i}`)).statusCode, 400);
      assert.equal((await attempt(browser, address, user.username, user.password)).statusCode, 400, 'the lockout still holds (per process)');
      const home = freshAddress();
      assert.equal((await attempt(await atLogin(stale.app, home), home, user.username, user.password)).statusCode, 303);
    } finally {
      await stale.close();
    }
  });
});
