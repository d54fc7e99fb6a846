// The XLSX export pulls rows only as fast as its zip compresses them and its reader reads: with a reader that reads
// nothing, the writer stops after a bounded number of rows instead of buffering the whole export in memory.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { writeExport } from '../../../src/views/export/writers.ts';

const ROWS = 50_000;

test('an XLSX export whose reader does not read stops pulling rows', async () => {
  let pulled = 0;
  async function* rows() {
    for (; pulled < ROWS; pulled++) yield [pulled, `Title of post number ${pulled}`, 'published', '2024-01-01T00:00:00.000Z'];
  }
  const out = writeExport('xlsx', ['id', 'title', 'status', 'publishedAt'], rows(), { bom: false, sheetName: 'Posts' });
  // Let the writer run until it waits: its count stops moving.
  let last = -1;
  while (pulled !== last) {
    last = pulled;
    await sleep(100);
  }
  assert.ok(pulled < ROWS / 2, `the writer pulled ${pulled} of ${ROWS} rows with nobody reading`);
  let bytes = 0;
  for await (const chunk of out) bytes += (chunk as Buffer).length;
  assert.equal(pulled, ROWS, 'reading the output lets it finish');
  assert.ok(bytes > 0);
});
