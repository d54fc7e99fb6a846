import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { SchemaMeta } from '../../../src/schema/types.ts';
import { loadFixture, model, scalar } from './fixture-helpers.ts';

describe('primary keys and unique constraints (keys.prisma)', () => {
  let schema: SchemaMeta;
  before(async () => {
    schema = await loadFixture('keys.prisma');
  });

  it('reads a single-field @id on a non-generated String key', () => {
    const country = model(schema, 'Country');
    assert.deepEqual(country.primaryKey, { name: null, fields: ['code'] });
    assert.equal(scalar(country, 'code').isId, true);
    assert.equal(scalar(country, 'code').isUnique, false, 'an id is not also marked unique');
    assert.equal(scalar(country, 'code').default, null);
  });

  it('names an unnamed composite @@id the way Prisma does: fields joined by _', () => {
    const membership = model(schema, 'Membership');
    assert.deepEqual(membership.primaryKey, { name: 'userId_groupId', fields: ['userId', 'groupId'] });
    assert.equal(scalar(membership, 'userId').isId, false, 'isId marks single-field ids only');
  });

  it('keeps the name of a named composite @@id, in field order', () => {
    assert.deepEqual(model(schema, 'Translation').primaryKey, { name: 'localeKey', fields: ['locale', 'key'] });
  });

  it('lists @unique and @@unique in schema order with Prisma input names', () => {
    assert.deepEqual(model(schema, 'Person').uniques, [
      { name: 'email', fields: ['email'] },
      { name: 'nickname', fields: ['nickname'] },
      { name: 'firstName_lastName', fields: ['firstName', 'lastName'] },
      { name: 'fullNameYear', fields: ['firstName', 'lastName', 'birthYear'] },
      { name: 'passport_country', fields: ['passport', 'country'] },
      { name: 'birthYear', fields: ['birthYear'] },
    ]);
  });

  it('marks single-field uniques on the field (also a one-field @@unique), not compound members', () => {
    const person = model(schema, 'Person');
    assert.equal(scalar(person, 'email').isUnique, true);
    assert.equal(scalar(person, 'nickname').isUnique, true, 'a database name (map:) does not change that');
    assert.equal(scalar(person, 'birthYear').isUnique, true, '@@unique([birthYear])');
    assert.equal(scalar(person, 'firstName').isUnique, false);
  });

  it('reads a model with no primary key but a compound unique', () => {
    const slot = model(schema, 'Slot');
    assert.deepEqual(slot.primaryKey, { name: null, fields: [] });
    assert.deepEqual(slot.uniques, [{ name: 'day_hour', fields: ['day', 'hour'] }]);
  });
});
