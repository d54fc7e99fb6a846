// Issue 14, on the real PostgreSQL: forms over constructs of real apps' schemas. An unchanged save changes nothing
// (JSON null, shared key columns, scaled decimals, dates and times), and each type gets the input it needs.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DbNull, JsonNull } from '@prisma/client/runtime/client';
import { postgresAvailable } from '../support/databases.ts';
import { startFixtureApp, type FixtureApp } from '../support/fixture-app.ts';
import { fieldError, formFields, inputValue, mainOf, messagesOf } from '../support/html.ts';

const pgUp = await postgresAvailable();
const skip = !pgUp && 'no PostgreSQL test server';
let f: FixtureApp;
const base = { passwordHash: 'x', roles: [] };
const change = (model: string, id: string | number) => `/admin/${model}/${encodeURIComponent(String(id))}/change`;

before(async () => {
  if (!pgUp) return;
  f = await startFixtureApp('test/fixtures/real-schemas/postgres.prisma');
});
after(() => f?.close());

/** Opens the change form, saves it as a browser would without touching it, and returns the saved response. */
async function saveUnchanged(model: string, id: string | number) {
  const page = await f.browser.get(change(model, id));
  assert.equal(page.statusCode, 200, mainOf(page.body).slice(0, 300));
  const saved = await f.browser.post(change(model, id), formFields(page.body, '/change'));
  assert.equal(saved.statusCode, 303, `${model} ${id}: ${mainOf(saved.body).slice(0, 600)}`);
  return { page, saved };
}

const jsonNullCount = (where: object, field: string, value: unknown) => f.prisma.account.count({ where: { AND: [where, { [field]: { equals: value } }] } });

describe('JSON null is not an empty input', { skip }, () => {
  it('a required Json holding JSON null shows `null`, and saves unchanged', async () => {
    const account = await f.prisma.account.create({ data: { ...base, name: 'Json null', email: 'jn@example.com', settings: JsonNull } });
    const { page } = await saveUnchanged('account', account.id);
    assert.equal(inputValue(page.body, 'settings'), 'null');
    assert.equal(await jsonNullCount({ id: account.id }, 'settings', JsonNull), 1);
  });

  it('an optional Json tells JSON null (`null`) from a database NULL (empty), and keeps each on an unchanged save', async () => {
    const jsonNull = await f.prisma.account.create({ data: { ...base, name: 'Extra JSON null', email: 'ej@example.com', settings: {}, extra: JsonNull } });
    const dbNull = await f.prisma.account.create({ data: { ...base, name: 'Extra DB null', email: 'ed@example.com', settings: {}, extra: DbNull } });
    assert.equal(inputValue((await saveUnchanged('account', jsonNull.id)).page.body, 'extra'), 'null');
    assert.equal(inputValue((await saveUnchanged('account', dbNull.id)).page.body, 'extra'), '');
    assert.equal(await jsonNullCount({ id: jsonNull.id }, 'extra', JsonNull), 1);
    assert.equal(await jsonNullCount({ id: dbNull.id }, 'extra', DbNull), 1);
  });
});

describe('relations that share a key column (programPartner over [programId, partnerId], partner over [partnerId])', { skip }, () => {
  let p1: { id: number };
  let p2: { id: number };
  let program: { id: number };
  before(async () => {
    if (!pgUp) return;
    p1 = await f.prisma.partner.create({ data: { name: 'Partner one' } });
    p2 = await f.prisma.partner.create({ data: { name: 'Partner two' } });
    program = await f.prisma.program.create({ data: { name: 'Program' } });
    await f.prisma.programPartner.createMany({ data: [{ programId: program.id, partnerId: p1.id }, { programId: program.id, partnerId: p2.id }] });
  });
  const row = (id: number) => f.prisma.membership.findUnique({ where: { id }, select: { programId: true, partnerId: true, title: true } });
  const formOf = async (id: number) => formFields((await f.browser.get(change('membership', id))).body, '/change');

  it('an unchanged save keeps the shared column, whichever relations are set', async () => {
    const partnerOnly = await f.prisma.membership.create({ data: { title: 'Partner only', partnerId: p1.id } });
    const both = await f.prisma.membership.create({ data: { title: 'Both', programId: program.id, partnerId: p1.id } });
    await saveUnchanged('membership', partnerOnly.id);
    await saveUnchanged('membership', both.id);
    assert.deepEqual(await row(partnerOnly.id), { title: 'Partner only', programId: null, partnerId: p1.id });
    assert.deepEqual(await row(both.id), { title: 'Both', programId: program.id, partnerId: p1.id });
  });

  it('a changed partner is saved when the composite relation is empty, or is refused beside both fields when they disagree', async () => {
    const alone = await f.prisma.membership.create({ data: { title: 'Alone', partnerId: p1.id } });
    const moved = await f.browser.post(change('membership', alone.id), { ...(await formOf(alone.id)), partner: String(p2.id) });
    assert.equal(moved.statusCode, 303, mainOf(moved.body).slice(0, 400));
    assert.deepEqual(await row(alone.id), { title: 'Alone', programId: null, partnerId: p2.id });

    const both = await f.prisma.membership.create({ data: { title: 'Both again', programId: program.id, partnerId: p1.id } });
    const refused = await f.browser.post(change('membership', both.id), { ...(await formOf(both.id)), partner: String(p2.id) });
    assert.equal(refused.statusCode, 400);
    assert.match(fieldError(refused.body, 'partner') ?? '', /Does not go with the chosen program partner/);
    assert.match(fieldError(refused.body, 'programPartner') ?? '', /Does not go with the chosen partner/);
    assert.deepEqual(await row(both.id), { title: 'Both again', programId: program.id, partnerId: p1.id });

    const together = await f.browser.post(change('membership', both.id), { ...(await formOf(both.id)), partner: String(p2.id), programPartner: `${program.id},${p2.id}` });
    assert.equal(together.statusCode, 303, mainOf(together.body).slice(0, 400));
    assert.deepEqual(await row(both.id), { title: 'Both again', programId: program.id, partnerId: p2.id });
  });

  it('emptying the composite relation keeps the partner; emptying the partner it needs is an error beside it', async () => {
    const both = await f.prisma.membership.create({ data: { title: 'Emptied', programId: program.id, partnerId: p1.id } });
    const noPartner = await f.browser.post(change('membership', both.id), { ...(await formOf(both.id)), partner: '' });
    assert.equal(noPartner.statusCode, 400);
    assert.match(fieldError(noPartner.body, 'partner') ?? '', /Cannot be emptied while a program partner is chosen/);
    const noProgram = await f.browser.post(change('membership', both.id), { ...(await formOf(both.id)), programPartner: '' });
    assert.equal(noProgram.statusCode, 303, mainOf(noProgram.body).slice(0, 400));
    assert.deepEqual(await row(both.id), { title: 'Emptied', programId: null, partnerId: p1.id });
  });

  it('a relation that references a unique column (not the key) is written through that column', async () => {
    const coded = await f.prisma.partner.create({ data: { name: 'Coded', code: 'P-42' } });
    const added = await f.browser.post('/admin/membership/add', { title: 'By code', partner: String(p1.id), partnerByCode: String(coded.id) });
    assert.equal(added.statusCode, 303, mainOf(added.body).slice(0, 400));
    const created = await f.prisma.membership.findFirst({ where: { title: 'By code' } });
    assert.deepEqual({ partnerId: created.partnerId, partnerCode: created.partnerCode }, { partnerId: p1.id, partnerCode: 'P-42' });
    await saveUnchanged('membership', created.id);
    assert.equal((await f.prisma.membership.findUnique({ where: { id: created.id } })).partnerCode, 'P-42');
  });

  it('the add form sets both relations', async () => {
    const added = await f.browser.post('/admin/membership/add', { title: 'Added', programPartner: `${program.id},${p2.id}`, partner: String(p2.id) });
    assert.equal(added.statusCode, 303, mainOf(added.body).slice(0, 400));
    const created = await f.prisma.membership.findFirst({ where: { title: 'Added' } });
    assert.deepEqual({ programId: created.programId, partnerId: created.partnerId }, { programId: program.id, partnerId: p2.id });
    assert.ok(messagesOf((await f.browser.follow(added)).body).some((m) => /added successfully/.test(m)));
  });
});

describe('types get the input they need', { skip }, () => {
  let account: { id: string };
  before(async () => {
    if (!pgUp) return;
    account = await f.prisma.account.create({ data: { ...base, name: 'Typed', email: 'typed@example.com', settings: { a: 1 }, roles: ['owner', 'reader'], birthday: new Date('1990-05-17T00:00:00Z'), wakesAt: new Date('1970-01-01T07:30:00Z'), seenAt: new Date('2024-02-03T04:05:06Z'), balance: '2' } });
  });
  const inputTag = (html: string, name: string) => new RegExp(`<input(?=[^>]*\\sname="${name}")[^>]*>`).exec(html)?.[0] ?? '';

  it('a @db.Date is a date input, a @db.Time a time input, a @db.Timestamp says it has no time zone', async () => {
    const page = (await f.browser.get(change('account', account.id))).body;
    assert.match(inputTag(page, 'birthday'), /type="date"/);
    assert.equal(inputValue(page, 'birthday'), '1990-05-17');
    assert.match(inputTag(page, 'wakesAt'), /type="time"/);
    assert.equal(inputValue(page, 'wakesAt'), '07:30:00');
    assert.match(inputTag(page, 'seenAt'), /type="datetime-local"/);
    assert.match(page, /name="seenAt"[^>]*>\s*<span class="tz">\(no time zone\)<\/span>/);
  });

  it('typing 23:59 into a time and a day into a date saves them', async () => {
    const form = formFields((await f.browser.get(change('account', account.id))).body, '/change');
    const saved = await f.browser.post(change('account', account.id), { ...form, wakesAt: '23:59', birthday: '2001-12-31' });
    assert.equal(saved.statusCode, 303, mainOf(saved.body).slice(0, 600));
    const row = await f.prisma.account.findUnique({ where: { id: account.id } });
    assert.equal(row.wakesAt.toISOString(), '1970-01-01T23:59:00.000Z');
    assert.equal(row.birthday.toISOString(), '2001-12-31T00:00:00.000Z');
    const bad = await f.browser.post(change('account', account.id), { ...form, wakesAt: '24:10' });
    assert.equal(bad.statusCode, 400);
    assert.match(fieldError(bad.body, 'wakesAt') ?? '', /valid time/);
  });

  it('an enum list is a group of checkboxes of its values', async () => {
    const page = (await f.browser.get(change('account', account.id))).body;
    assert.doesNotMatch(page, /<textarea[^>]*name="roles"/);
    for (const role of ['reader', 'editor', 'owner']) assert.match(page, new RegExp(`<input type="checkbox"[^>]*name="roles" value="${role}"`));
    assert.deepEqual(formFields(page, '/change').roles, ['reader', 'owner']);
    const form = async () => formFields((await f.browser.get(change('account', account.id))).body, '/change');
    const saved = await f.browser.post(change('account', account.id), { ...(await form()), roles: ['editor', 'reader'] });
    assert.equal(saved.statusCode, 303, mainOf(saved.body).slice(0, 600));
    assert.deepEqual((await f.prisma.account.findUnique({ where: { id: account.id } })).roles, ['reader', 'editor']);
    const none = await f.browser.post(change('account', account.id), { ...(await form()), roles: [] });
    assert.equal(none.statusCode, 303);
    assert.deepEqual((await f.prisma.account.findUnique({ where: { id: account.id } })).roles, []);
    const unknown = await f.browser.post(change('account', account.id), { ...(await form()), roles: ['admin'] });
    assert.equal(unknown.statusCode, 400);
  });

  it('a Decimal(10, 2) shows its scale, on the form and the detail page', async () => {
    const page = (await f.browser.get(change('account', account.id))).body;
    assert.equal(inputValue(page, 'balance'), '2.00');
    assert.match(mainOf((await f.browser.get(`/admin/account/${account.id}/`)).body), />\s*2\.00\s*</);
  });

  it('a self-relation does not offer the record as its own referrer, nor accepts it', async () => {
    const other = await f.prisma.account.create({ data: { ...base, name: 'Other', email: 'other@example.com', settings: {} } });
    const page = (await f.browser.get(change('account', account.id))).body;
    const select = /<select[^>]*name="referrer"[^>]*>([\s\S]*?)<\/select>/.exec(page)?.[1] ?? '';
    assert.match(select, new RegExp(`value="${other.id}"`));
    assert.doesNotMatch(select, new RegExp(`value="${account.id}"`));
    const refused = await f.browser.post(change('account', account.id), { ...formFields(page, '/change'), referrer: account.id });
    assert.equal(refused.statusCode, 400);
    assert.equal(fieldError(refused.body, 'referrer'), 'This account cannot be its own referrer.');
    assert.equal((await f.prisma.account.findUnique({ where: { id: account.id } })).referrerId, null);
  });

  it('an unchanged save of every type keeps every column', async () => {
    const before = await f.prisma.account.findUnique({ where: { id: account.id } });
    await saveUnchanged('account', account.id);
    const after = await f.prisma.account.findUnique({ where: { id: account.id } });
    assert.deepEqual({ ...after, balance: String(after.balance) }, { ...before, balance: String(before.balance) });
  });
});
