// Issue 14, on the real PostgreSQL, with admin classes of the test's own: list-editable relations that share a key
// column, and secrets (password hashes, tokens) kept out of lists and search and shown masked.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AdminSite, ModelAdmin } from '../../src/index.ts';
import { postgresAvailable } from '../support/databases.ts';
import { startFixtureApp, type FixtureApp } from '../support/fixture-app.ts';
import { fieldError, formFields, mainOf } from '../support/html.ts';

const pgUp = await postgresAvailable();
const skip = !pgUp && 'no PostgreSQL test server';
let f: FixtureApp;

before(async () => {
  if (!pgUp) return;
  const site = new AdminSite()
    .register('Membership', class extends ModelAdmin { listEditable = ['partner']; });
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
