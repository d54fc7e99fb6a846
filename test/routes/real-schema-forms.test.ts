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
