// Issue 14, on the real PostgreSQL, with admin classes of the test's own: list-editable relations that share a key
// column, and secrets (password hashes, tokens) kept out of lists and search and shown masked.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import bcrypt from 'bcryptjs';
import { AdminSite, ModelAdmin, TabularInline } from '../../src/index.ts';
import { postgresAvailable } from '../support/databases.ts';
import { startFixtureApp, type FixtureApp } from '../support/fixture-app.ts';
import { fieldError, formFields, mainOf } from '../support/html.ts';

const pgUp = await postgresAvailable();
const skip = !pgUp && 'no PostgreSQL test server';
let f: FixtureApp;

before(async () => {
  if (!pgUp) return;
  const site = new AdminSite()
    .register('Membership', class extends ModelAdmin { listEditable = ['partner']; })
    .register('Account', class extends ModelAdmin {
      passwordFields = ['passwordHash'];
      passwordHasher = 'bcrypt' as const;
      inlines = [class extends TabularInline { model = 'ApiToken'; extra = 1; }];
    });
  f = await startFixtureApp('test/fixtures/real-schemas/postgres.prisma', { site });
});
after(() => f?.close());

describe('list-editable relations over a shared key column', { skip }, () => {
  it('a changed partner that the composite relation disagrees with is an error in its row, and nothing is saved', async () => {
    const p1 = await f.prisma.partner.create({ data: { name: 'One' } });
    const p2 = await f.prisma.partner.create({ data: { name: 'Two' } });
    const program = await f.prisma.program.create({ data: { name: 'Program' } });
    await f.prisma.programPartner.create({ data: { programId: program.id, partnerId: p1.id } });
    const m = await f.prisma.membership.create({ data: { title: 'Listed', programId: program.id, partnerId: p1.id } });
    const form = formFields(mainOf((await f.browser.get('/admin/membership/')).body), '/admin/membership/action');
    assert.equal(form['form-0-partner'], String(p1.id));
    const refused = await f.browser.post('/admin/membership/action', { ...form, 'form-0-partner': String(p2.id), _save_list: '1' });
    assert.equal(refused.statusCode, 400, mainOf(refused.body).slice(0, 400));
    assert.match(mainOf(refused.body), /Does not go with the chosen program partner/);
    assert.deepEqual(await f.prisma.membership.findUnique({ where: { id: m.id }, select: { programId: true, partnerId: true } }), { programId: program.id, partnerId: p1.id });
  });
});

describe('passwordFields with the bcrypt hasher', { skip }, () => {
  it('the add form stores a bcrypt hash that bcrypt.compare accepts; pages show a summary of it; an empty input keeps it', async () => {
    const added = await f.browser.post('/admin/account/add', { name: 'Dora', email: 'dora@example.com', settings: '{}', passwordHash: 'correct horse battery', balance: '0' });
    assert.equal(added.statusCode, 303, mainOf(added.body).slice(0, 600));
    const account = await f.prisma.account.findFirst({ where: { email: 'dora@example.com' } });
    assert.match(account.passwordHash, /^\$2b\$12\$/);
    assert.equal(await bcrypt.compare('correct horse battery', account.passwordHash), true);

    const change = await f.browser.get(`/admin/account/${account.id}/change`);
    assert.ok(!change.body.includes(account.passwordHash));
    assert.match(change.body, new RegExp(`algorithm: bcrypt, cost: 12, hash: \\$2b\\$12\\$${account.passwordHash.slice(7, 13).replace(/[.$/]/g, '\\$&')}…\\*{4}`));
    const detail = await f.browser.get(`/admin/account/${account.id}/`);
    assert.match(detail.body, /algorithm: bcrypt, cost: 12/);
    assert.ok(!detail.body.includes(account.passwordHash));

    const kept = await f.browser.post(`/admin/account/${account.id}/change`, formFields(change.body, '/change'));
    assert.equal(kept.statusCode, 303, mainOf(kept.body).slice(0, 600));
    assert.equal((await f.prisma.account.findUnique({ where: { id: account.id } })).passwordHash, account.passwordHash);

    const form = formFields((await f.browser.get(`/admin/account/${account.id}/change`)).body, '/change');
    const changed = await f.browser.post(`/admin/account/${account.id}/change`, { ...form, passwordHash: 'a new long passphrase' });
    assert.equal(changed.statusCode, 303);
    const hash = (await f.prisma.account.findUnique({ where: { id: account.id } })).passwordHash;
    assert.equal(await bcrypt.compare('a new long passphrase', hash), true);
    const weak = await f.browser.post(`/admin/account/${account.id}/change`, { ...formFields((await f.browser.get(`/admin/account/${account.id}/change`)).body, '/change'), passwordHash: 'short' });
    assert.equal(weak.statusCode, 400);
    assert.match(fieldError(weak.body, 'passwordHash') ?? '', /at least 8 characters/);
  });
});

describe('secrets in inline rows', { skip }, () => {
  it('an existing row shows its token masked, and saving the page keeps it', async () => {
    const account = await f.prisma.account.create({ data: { name: 'Eve', email: 'eve@example.com', settings: {}, roles: [], passwordHash: 'x' } });
    await f.prisma.apiToken.create({ data: { label: 'CI', token: 'tok_inline_secret_123', accountId: account.id } });
    const page = await f.browser.get(`/admin/account/${account.id}/change`);
    assert.equal(page.statusCode, 200);
    assert.ok(!page.body.includes('tok_inline_secret_123'), 'the token is not on the page');
    assert.match(page.body, /\*{8} \(21 characters\)/);
    const saved = await f.browser.post(`/admin/account/${account.id}/change`, formFields(page.body, '/change'));
    assert.equal(saved.statusCode, 303, mainOf(saved.body).slice(0, 600));
    assert.equal((await f.prisma.apiToken.findFirst({ where: { accountId: account.id } })).token, 'tok_inline_secret_123');
  });
});
