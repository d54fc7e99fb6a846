// Issue 14, on the real PostgreSQL: search over uuid and other non-text native columns (list and autocomplete), and
// an optional relation over a required key (`account Account?` over `accountId String @db.Uuid`).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { postgresAvailable } from '../support/databases.ts';
import { startFixtureApp, type FixtureApp } from '../support/fixture-app.ts';
import { fieldError, formFields, formRow, listRows, mainOf, resultCount } from '../support/html.ts';

const pgUp = await postgresAvailable();
const skip = !pgUp && 'no PostgreSQL test server';
let f: FixtureApp;
let ann: { id: string };
let bob: { id: string };

before(async () => {
  if (!pgUp) return;
  f = await startFixtureApp('test/fixtures/real-schemas/postgres.prisma');
  const base = { settings: {}, passwordHash: 'x', roles: [] };
  ann = await f.prisma.account.create({ data: { ...base, name: 'Ann Lee', email: 'ann@example.com', address: '10.0.0.7' } });
  bob = await f.prisma.account.create({ data: { ...base, name: 'Bob Ray', email: 'bob@example.com', address: '2001:db8::1', profileXml: '<p>ann</p>', flags: '101' } });
  await f.prisma.profile.create({ data: { bio: 'Ann writes', accountId: ann.id } });
});
after(() => f?.close());

describe('search on PostgreSQL columns that are not text', { skip }, () => {
  it('finds words in text columns beside a uuid and an inet column, instead of a 500', async () => {
    const page = await f.browser.get('/admin/account/?q=ann');
    assert.equal(page.statusCode, 200, mainOf(page.body).slice(0, 400));
    assert.equal(resultCount(page.body), 1);
  });

  it('matches a uuid exactly, whatever its case or dashes', async () => {
    for (const q of [bob.id, bob.id.toUpperCase(), bob.id.replaceAll('-', '')]) {
      const page = await f.browser.get(`/admin/account/?q=${encodeURIComponent(q)}`);
      assert.equal(page.statusCode, 200, q);
      assert.deepEqual(listRows(page.body).map((r) => r.id), [bob.id], q);
    }
    // A piece of a uuid is not a uuid: no row, no error.
    const partial = await f.browser.get(`/admin/account/?q=${bob.id.slice(0, 8)}`);
    assert.equal(partial.statusCode, 200);
    assert.equal(resultCount(partial.body), 0);
  });

  it('matches bit strings exactly, and never searches xml', async () => {
    const bits = await f.browser.get('/admin/account/?q=101');
    assert.equal(bits.statusCode, 200, mainOf(bits.body).slice(0, 400));
    assert.deepEqual(listRows(bits.body).map((r) => r.id), [bob.id]);
    // Bob's xml holds "ann", but only Ann's name matches.
    assert.deepEqual(listRows((await f.browser.get('/admin/account/?q=ann')).body).map((r) => r.id), [ann.id]);
  });

  it('matches an inet address exactly', async () => {
    const page = await f.browser.get(`/admin/account/?q=${encodeURIComponent('2001:db8::1')}`);
    assert.equal(page.statusCode, 200);
    assert.deepEqual(listRows(page.body).map((r) => r.id), [bob.id]);
  });

  it('works in the autocomplete, by words and by uuid', async () => {
    const auto = await f.browser.get('/admin/account/autocomplete?q=bob');
    assert.equal(auto.statusCode, 200, auto.body.slice(0, 300));
    assert.deepEqual((JSON.parse(auto.body) as { results: { value: string }[] }).results.map((r) => r.value), [bob.id]);
    const byId = await f.browser.get(`/admin/account/autocomplete?q=${ann.id}`);
    assert.equal(byId.statusCode, 200);
    assert.equal((JSON.parse(byId.body) as { results: unknown[] }).results.length, 1);
  });
});

describe('an optional relation over a required key', { skip }, () => {
  it('offers no "None" filter and ignores one typed into the URL, instead of a 500', async () => {
    const list = await f.browser.get('/admin/profile/');
    assert.equal(list.statusCode, 200);
    assert.doesNotMatch(list.body, /account__isnull/);
    const typed = await f.browser.get('/admin/profile/?account__isnull=true');
    assert.equal(typed.statusCode, 200, mainOf(typed.body).slice(0, 400));
    assert.equal(resultCount(typed.body), 1);
  });

  it('marks the relation required on the add form, and an empty choice is an error beside it', async () => {
    const form = await f.browser.get('/admin/profile/add');
    assert.match(formRow(form.body, 'account') ?? '', /required-mark/);
    const saved = await f.browser.post('/admin/profile/add', { bio: 'No account', account: '' });
    assert.equal(saved.statusCode, 400);
    assert.equal(fieldError(saved.body, 'account'), 'This field is required.');
    assert.doesNotMatch(mainOf(saved.body), /class="errorlist nonfield|otherErrors/);
    assert.equal(await f.prisma.profile.count(), 1);
  });
});

describe('secrets, by their names, with no configuration', { skip }, () => {
  const TOKEN = 'tok_live_4f9a8b7c6d5e';
  const SECRET = 'JBSWY3DPEHPK3PXP';
  const HASH = '$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy';
  let carol: { id: string };
  before(async () => {
    if (!pgUp) return;
    carol = await f.prisma.account.create({ data: { name: 'Carol', email: 'carol@example.com', settings: {}, roles: [], passwordHash: HASH, apiToken: TOKEN, twoFactorSecret: SECRET } });
  });

  it('are not default list columns, nor searched', async () => {
    const list = await f.browser.get('/admin/account/');
    assert.equal(list.statusCode, 200);
    for (const header of ['Password hash', 'Api token', 'Two factor secret']) assert.doesNotMatch(mainOf(list.body), new RegExp(`>\\s*${header}\\s*<`, 'i'));
    for (const q of [TOKEN, SECRET, 'N9qo8uLOickgx2ZMRZoMye']) {
      const found = await f.browser.get(`/admin/account/?q=${encodeURIComponent(q)}`);
      assert.equal(found.statusCode, 200);
      assert.equal(resultCount(found.body), 0, q);
    }
  });

  it('are masked on the detail and change pages, and an empty input keeps them', async () => {
    const detail = await f.browser.get(`/admin/account/${carol.id}/`);
    const change = await f.browser.get(`/admin/account/${carol.id}/change`);
    for (const page of [detail.body, change.body]) {
      for (const secret of [TOKEN, SECRET, HASH, 'N9qo8uLOickgx2ZMRZoMye']) assert.ok(!page.includes(secret), `${secret} is not on the page`);
    }
    assert.match(detail.body, /\*{8} \(16 characters\)/);
    assert.match(change.body, /<input type="password" id="id_apiToken" name="apiToken" value=""/);
    const saved = await f.browser.post(`/admin/account/${carol.id}/change`, formFields(change.body, '/change'));
    assert.equal(saved.statusCode, 303, mainOf(saved.body).slice(0, 500));
    const row = await f.prisma.account.findUnique({ where: { id: carol.id } });
    assert.deepEqual([row.apiToken, row.twoFactorSecret, row.passwordHash], [TOKEN, SECRET, HASH]);
  });

  it('a typed secret is stored as typed, and "Clear" empties an optional one', async () => {
    const form = async () => formFields((await f.browser.get(`/admin/account/${carol.id}/change`)).body, '/change');
    assert.equal((await f.browser.post(`/admin/account/${carol.id}/change`, { ...(await form()), apiToken: 'tok_new' })).statusCode, 303);
    assert.equal((await f.prisma.account.findUnique({ where: { id: carol.id } })).apiToken, 'tok_new');
    assert.equal((await f.browser.post(`/admin/account/${carol.id}/change`, { ...(await form()), 'apiToken-clear': 'on' })).statusCode, 303);
    assert.equal((await f.prisma.account.findUnique({ where: { id: carol.id } })).apiToken, null);
  });
});
