// A related table found large is taken as large for LARGE_TABLE_RECHECK_MS, per client and per limit (a list
// filter's 100 and a form's 200 are different questions), and found small again at once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { knownLarge, LARGE_TABLE_RECHECK_MS, rememberTableSize } from '../../../src/views/large-tables.ts';

test('large for LARGE_TABLE_RECHECK_MS after it was found so, per client and per limit; small again at once', () => {
  const client = {};
  const other = {};
  assert.equal(knownLarge(client, 'Author', 100, 1_000), false);
  rememberTableSize(client, 'Author', 100, true, 1_000);
  assert.equal(knownLarge(client, 'Author', 100, 1_000 + LARGE_TABLE_RECHECK_MS - 1), true);
  assert.equal(knownLarge(client, 'Author', 100, 1_000 + LARGE_TABLE_RECHECK_MS), false, 'read again after the recheck time');
  assert.equal(knownLarge(client, 'Author', 200, 1_001), false, 'another limit');
  assert.equal(knownLarge(client, 'Tag', 100, 1_001), false, 'another model');
  assert.equal(knownLarge(other, 'Author', 100, 1_001), false, 'another client');
  rememberTableSize(client, 'Author', 100, false, 2_000);
  assert.equal(knownLarge(client, 'Author', 100, 2_001), false, 'found small');
});
