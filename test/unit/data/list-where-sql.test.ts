// The SQL form of a list's where (for the planner's estimate): a String column of a non-text PostgreSQL type is
// compared as that type or not translated at all, since `uuid = text` (inet, bit, xml...) has no operator there.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { listWhereSql } from '../../../src/data/list-where-sql.ts';
import type { FieldMeta, ModelMeta, SchemaMeta } from '../../../src/schema/types.ts';

const text = (name: string, native: string | null) => ({ kind: 'scalar', name, type: 'String', isRequired: true, isList: false, isId: false, isUnique: false, default: null, isUpdatedAt: false, isForeignKey: false, nativeType: native ? { name: native, args: [] } : null, dbName: null, documentation: null }) as unknown as FieldMeta;
const NATIVE = ['Uuid', 'Inet', 'Bit', 'VarBit', 'Xml', 'Citext', 'Money'];
const account: ModelMeta = { name: 'Account', dbName: 'Account', documentation: null, isView: false, fields: [text('plain', null), text('short', 'VarChar'), text('code', 'Char'), text('body', 'Text'), ...NATIVE.map((n) => text(n.toLowerCase(), n))], primaryKey: { name: null, fields: ['plain'] }, uniques: [], indexes: [] } as unknown as ModelMeta;
const schema = { provider: 'postgresql', models: [account], enums: [] } as unknown as SchemaMeta;
const UUID = '7cc3b8ca-06a9-4d05-b073-7b2f1ff2702f';

test('text columns compare and search as text', () => {
  for (const field of ['plain', 'short', 'code', 'body']) {
    assert.deepEqual(listWhereSql('postgresql', schema, account, { [field]: { equals: 'a' } }), { sql: `"${field}" = $1::text`, params: ['a'] });
    assert.deepEqual(listWhereSql('postgresql', schema, account, { [field]: { contains: 'a', mode: 'insensitive' } }), { sql: `"${field}" ILIKE $1::text`, params: ['%a%'] });
  }
});

test('a uuid column compares with a uuid value as uuid, and anything else there is left to Prisma', () => {
  assert.deepEqual(listWhereSql('postgresql', schema, account, { uuid: { equals: UUID } }), { sql: '"uuid" = $1::uuid', params: [UUID] });
  assert.deepEqual(listWhereSql('postgresql', schema, account, { OR: [{ plain: { contains: 'x' } }, { uuid: UUID }] })?.sql, '("plain" LIKE $1::text OR "uuid" = $2::uuid)');
  assert.equal(listWhereSql('postgresql', schema, account, { uuid: { equals: 'not-a-uuid' } }), null);
  assert.equal(listWhereSql('postgresql', schema, account, { uuid: { contains: '7cc3' } }), null);
});

test('String columns of the other native types are not translated (no text operator fits them)', () => {
  for (const native of NATIVE.filter((n) => n !== 'Uuid')) {
    const field = native.toLowerCase();
    assert.equal(listWhereSql('postgresql', schema, account, { [field]: { equals: '1' } }), null, native);
    assert.equal(listWhereSql('postgresql', schema, account, { [field]: { in: ['1'] } }), null, native);
    assert.equal(listWhereSql('postgresql', schema, account, { [field]: { contains: '1' } }), null, native);
  }
});

test('a time-of-day column is left to Prisma; timestamps and dates compare as timestamps', () => {
  const when = (native: string | null) => ({ ...text('at', native), type: 'DateTime' }) as unknown as FieldMeta;
  const day = new Date('2026-12-02T00:00:00Z');
  for (const native of ['Time', 'Timetz']) {
    const model = { ...account, fields: [when(native)] } as ModelMeta;
    assert.equal(listWhereSql('postgresql', schema, model, { at: { gte: day } }), null, native);
  }
  for (const [native, cast] of [[null, 'timestamp'], ['Date', 'timestamp'], ['Timestamp', 'timestamp'], ['Timestamptz', 'timestamptz']] as const) {
    const model = { ...account, fields: [when(native)] } as ModelMeta;
    assert.deepEqual(listWhereSql('postgresql', schema, model, { at: { gte: day } }), { sql: `"at" >= $1::${cast}`, params: [day.toISOString()] }, String(native));
  }
});

test('MySQL compares every String column with a string value', () => {
  assert.deepEqual(listWhereSql('mysql', { ...schema, provider: 'mysql' } as SchemaMeta, account, { uuid: { equals: 'x' } }), { sql: '`uuid` = ?', params: ['x'] });
});
