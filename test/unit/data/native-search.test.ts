// Search words against String columns whose native type is not text: an exact value when the word is one, else none.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { searchTermMatch } from '../../../src/data/native-search.ts';
import type { ScalarFieldMeta, SchemaMeta } from '../../../src/schema/types.ts';

const schema = (provider: SchemaMeta['provider']): SchemaMeta => ({ provider, models: [], enums: [] });
const field = (native: string | null): ScalarFieldMeta => ({
  kind: 'scalar', name: 'f', dbName: 'f', documentation: null, isRequired: true, isList: false, type: 'String', isId: false,
  isUnique: false, default: null, isUpdatedAt: false, isForeignKey: false, nativeType: native ? { name: native, args: [] } : null,
});
const UUID = '6F1C2D8E-3B4A-4C5D-9E8F-0A1B2C3D4E5F';

test('uuid columns match a uuid in any case, with or without dashes or braces, and nothing else', () => {
  for (const provider of ['postgresql', 'cockroachdb'] as const) {
    assert.equal(searchTermMatch(schema(provider), field('Uuid'), UUID), UUID.toLowerCase());
    assert.equal(searchTermMatch(schema(provider), field('Uuid'), `{${UUID.replaceAll('-', '')}}`), UUID.toLowerCase());
    assert.equal(searchTermMatch(schema(provider), field('Uuid'), 'ann'), null);
  }
  assert.equal(searchTermMatch(schema('sqlserver'), field('UniqueIdentifier'), UUID), UUID.toLowerCase());
});

test('inet, bit, xml and ObjectId columns; text columns are left to contains', () => {
  const pg = schema('postgresql');
  assert.equal(searchTermMatch(pg, field('Inet'), '10.0.0.0/8'), '10.0.0.0/8');
  assert.equal(searchTermMatch(pg, field('Inet'), '10.0.0.0/33'), null);
  assert.equal(searchTermMatch(pg, field('Inet'), 'ann'), null);
  assert.equal(searchTermMatch(pg, field('VarBit'), '0110'), '0110');
  assert.equal(searchTermMatch(pg, field('Bit'), '012'), null);
  assert.equal(searchTermMatch(pg, field('Xml'), 'ann'), null);
  assert.equal(searchTermMatch(schema('mongodb'), field('ObjectId'), '507F1F77BCF86CD799439011'), '507f1f77bcf86cd799439011');
  for (const native of [null, 'Text', 'VarChar', 'Citext', 'Char']) assert.equal(searchTermMatch(pg, field(native), 'ann'), undefined, String(native));
  assert.equal(searchTermMatch(schema('mysql'), field('Char'), 'ann'), undefined);
});
