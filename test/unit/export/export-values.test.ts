// Export cells are exact: BigInt and Decimal as their digits (no exponent, nothing rounded), DateTime as ISO 8601 in
// UTC, Json and lists as JSON text, Bytes as base64, the rest typed; and the download's file name.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Decimal } from '@prisma/client/runtime/client';
import type { ValueFieldMeta } from '../../../src/schema/types.ts';
import { cellText, exactCell, scalarCell } from '../../../src/views/export/values.ts';
import { exportFilename } from '../../../src/views/export/export-view.ts';

const field = (type: string, isList = false) => ({ kind: 'scalar', type, isList } as unknown as ValueFieldMeta);

test('BigInt and Decimal keep every digit, without an exponent', () => {
  assert.equal(exactCell(field('BigInt'), 9007199254740993n), '9007199254740993');
  assert.equal(exactCell(field('Decimal'), new Decimal('0.00000001')), '0.00000001');
  assert.equal(exactCell(field('Decimal'), new Decimal('123456789012345678901234.5')), '123456789012345678901234.5');
  assert.equal(exactCell(field('Decimal'), new Decimal('-4.50')), '-4.5');
});

test('DateTime as ISO 8601 in UTC; Json and scalar lists as JSON text; Bytes as base64', () => {
  assert.equal(exactCell(field('DateTime'), new Date(Date.UTC(2026, 11, 1, 9, 30))), '2026-12-01T09:30:00.000Z');
  assert.equal(exactCell(field('Json'), { a: [1, 'x'], big: null }), '{"a":[1,"x"],"big":null}');
  assert.equal(exactCell(field('Json'), 'text'), '"text"');
  assert.equal(exactCell(field('String', true), ['a', 'b,c']), '["a","b,c"]');
  assert.equal(exactCell(field('BigInt', true), [1n, 2n]), '["1","2"]');
  assert.equal(exactCell(field('Bytes'), new Uint8Array([0, 255, 16])), 'AP8Q');
});

test('numbers and Booleans stay typed (JSON Lines, XLSX); CSV text says true/false; empty is empty', () => {
  assert.equal(exactCell(field('Int'), 42), 42);
  assert.equal(exactCell(field('Float'), 0.1), 0.1);
  assert.equal(exactCell(field('Boolean'), false), false);
  assert.equal(exactCell(field('String'), null), null);
  assert.equal(cellText(false), 'false');
  assert.equal(cellText(null), '');
  assert.equal(scalarCell(12n), '12');
  assert.equal(scalarCell(new Date(Number.NaN)), null);
});

test('the file name: the model’s plural label and the UTC day', () => {
  assert.equal(exportFilename('Posts', 'csv', new Date('2026-12-01T23:59:00Z')), 'posts-2026-12-01.csv');
  assert.equal(exportFilename('Blog entries', 'xlsx', new Date('2026-01-02T00:00:00Z')), 'blog-entries-2026-01-02.xlsx');
  assert.equal(exportFilename('Catégories', 'jsonl', new Date('2026-01-02T00:00:00Z')), 'categories-2026-01-02.jsonl');
});
