// @db.Date and @db.Time get their own inputs and parsers; a date-time column says whether it keeps a time zone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dateTimeWidget, formatForInput, parseDate, parseTime } from '../../../src/forms/datetime.ts';
import { valueSchemaFor } from '../../../src/forms/value-schemas.ts';
import type { ScalarFieldMeta, SchemaMeta } from '../../../src/schema/types.ts';

const native = (name: string) => ({ name, args: [] });
const schema: SchemaMeta = { provider: 'postgresql', models: [], enums: [] };
const dateTime = (nativeType: ScalarFieldMeta['nativeType']): ScalarFieldMeta => ({
  kind: 'scalar', name: 'at', dbName: 'at', documentation: null, isRequired: true, isList: false, type: 'DateTime',
  isId: false, isUnique: false, default: null, isUpdatedAt: false, isForeignKey: false, nativeType,
});

test('a time of day reads HH:MM and HH:MM:SS, and nothing out of range', () => {
  assert.equal(parseTime('23:59')?.toISOString(), '1970-01-01T23:59:00.000Z');
  assert.equal(parseTime('07:05:09.5')?.toISOString(), '1970-01-01T07:05:09.500Z');
  for (const bad of ['24:00', '12:60', '7:5', '12:00:61', '2024-01-01T10:00']) assert.equal(parseTime(bad), null, bad);
  const schemaTime = valueSchemaFor(schema, dateTime(native('Time')));
  assert.equal((schemaTime.parse('23:59') as Date).toISOString(), '1970-01-01T23:59:00.000Z');
  assert.equal(schemaTime.safeParse('2024-01-01T10:00').success, false);
});

test('a date reads YYYY-MM-DD only, and real days only', () => {
  assert.equal(parseDate('2024-02-29')?.toISOString(), '2024-02-29T00:00:00.000Z');
  for (const bad of ['2023-02-29', '2024-02-03T10:00', '03/02/2024']) assert.equal(parseDate(bad), null, bad);
  assert.equal(valueSchemaFor(schema, dateTime(native('Date'))).safeParse('2024-02-03T10:00').success, false);
});

test('inputs show a date as YYYY-MM-DD and a time as HH:MM:SS', () => {
  const at = new Date('2024-02-03T04:05:06Z');
  assert.equal(formatForInput(at, native('Date')), '2024-02-03');
  assert.equal(formatForInput(at, native('Time')), '04:05:06');
  assert.equal(formatForInput(at, null), '2024-02-03T04:05:06');
});

test('widgets: date, time, and date-times that say whether the column keeps a zone', () => {
  assert.deepEqual(dateTimeWidget('postgresql', native('Date')), { widget: 'date' });
  assert.deepEqual(dateTimeWidget('mysql', native('Time')), { widget: 'time' });
  assert.deepEqual(dateTimeWidget('postgresql', native('Timestamp')), { widget: 'datetime', timeZone: 'no time zone' });
  assert.deepEqual(dateTimeWidget('postgresql', null), { widget: 'datetime', timeZone: 'no time zone' });
  assert.deepEqual(dateTimeWidget('postgresql', native('Timestamptz')), { widget: 'datetime', timeZone: 'UTC' });
  assert.deepEqual(dateTimeWidget('mysql', native('Timestamp')), { widget: 'datetime', timeZone: 'UTC' });
  assert.deepEqual(dateTimeWidget('sqlite', null), { widget: 'datetime', timeZone: 'UTC' });
});
