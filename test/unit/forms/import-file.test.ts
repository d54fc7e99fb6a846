// Reading import files: CSV (BOM, quoted line breaks, CRLF), JSON Lines (nested values as JSON text, nulls as empty),
// XLSX (dates, formulas, rich text, empty rows); malformed input is named by line and column.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { formatOfFilename, ImportFileError, readImportFile } from '../../../src/forms/import-file.ts';
import { jsonErrorOffset } from '../../../src/forms/json-error-offset.ts';

const fails = async (data: Buffer, format: 'csv' | 'jsonl' | 'xlsx') => {
  try {
    await readImportFile(data, format);
  } catch (error) {
    assert.ok(error instanceof ImportFileError, String(error));
    return error;
  }
  assert.fail('the file was read');
};

describe('readImportFile', () => {
  test('CSV with a BOM, CRLF, quoted commas, quotes and line breaks; blank lines skipped', async () => {
    const table = await readImportFile(Buffer.from('\uFEFFname,body\r\n"a, b","say ""hi""\r\nthere"\r\n\r\nc,\r\n'), 'csv');
    assert.deepEqual(table.columns, ['name', 'body']);
    assert.deepEqual(table.rows.map((r) => r.cells), [['a, b', 'say "hi"\r\nthere'], ['c', '']]);
  });

  test('JSON Lines: columns in order of appearance, nested values as JSON text, null and missing as empty', async () => {
    const table = await readImportFile(Buffer.from('{"a":1,"b":{"x":[1]}}\r\n\n{"c":true,"a":null}\n'), 'jsonl');
    assert.deepEqual(table.columns, ['a', 'b', 'c']);
    assert.deepEqual(table.rows, [{ line: 1, cells: ['1', '{"x":[1]}', ''] }, { line: 3, cells: ['', '', 'true'] }]);
  });

  test('XLSX: the first sheet, dates as ISO 8601 UTC, formulas by their result, rich text joined, empty rows skipped', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('First');
    sheet.addRow(['when', 'sum', 'text']);
    sheet.addRow([new Date('2024-05-01T12:30:00.000Z'), { formula: '1+2', result: 3 }, { richText: [{ text: 'bo' }, { text: 'ld' }] }]);
    sheet.addRow([]);
    sheet.addRow(['', 4, 'x']);
    workbook.addWorksheet('Second').addRow(['ignored']);
    const table = await readImportFile(Buffer.from(await workbook.xlsx.writeBuffer()), 'xlsx');
    assert.deepEqual(table.columns, ['when', 'sum', 'text']);
    assert.deepEqual(table.rows, [{ line: 2, cells: ['2024-05-01T12:30:00.000Z', '3', 'bold'] }, { line: 4, cells: ['', '4', 'x'] }]);
  });

  test('malformed files name the line and column', async () => {
    const quote = await fails(Buffer.from('a\n"open\nmore\n'), 'csv');
    assert.deepEqual([quote.line, quote.column], [2, 1]);
    const json = await fails(Buffer.from('{"a":1}\n{"a":1,}\n'), 'jsonl');
    assert.deepEqual([json.line, json.column], [2, 8]);
    const bytes = await fails(Buffer.from([0x61, 0x0a, 0x62, 0x62, 0xc3]), 'csv');
    assert.deepEqual([bytes.line, bytes.column], [2, 3]);
    const ragged = await fails(Buffer.from('name,extra\r\na,b\r\n"c, d",e,f\r\n'), 'csv');
    assert.deepEqual([ragged.line, ragged.column], [3, 10]);
    assert.match(ragged.message, /line 3 has 3 fields where the header has 2 \(its field 3 starts at column 10\)/);
    const short = await fails(Buffer.from('name,extra\na\n'), 'csv');
    assert.deepEqual([short.line, short.column], [2, 2]);
    assert.match((await fails(Buffer.from('PK\u0003\u0004broken'), 'xlsx')).message, /not a well-formed XLSX workbook: its zip archive is damaged/);
  });

  test('an XLSX whose XML is broken names the line and column inside it; a cut-off one says its zip is damaged', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('S').addRow(['name']);
    const good = Buffer.from(await workbook.xlsx.writeBuffer());
    assert.match((await fails(good.subarray(0, good.length - 40), 'xlsx')).message, /zip archive is damaged.*cut off/);
    const { default: JSZip } = await import('jszip');
    const zip = await JSZip.loadAsync(good);
    const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    zip.file('xl/worksheets/sheet1.xml', sheet.replace('</sheetData>', '</sheetDat>'));
    const broken = await fails(Buffer.from(await zip.generateAsync({ type: 'nodebuffer' })), 'xlsx');
    assert.ok(broken.line! >= 1 && broken.column! > 1, `${broken.line}:${broken.column}`);
    assert.match(broken.message, new RegExp(`XML inside it is broken on line ${broken.line}, column ${broken.column} \\(`));
    assert.match((await fails(Buffer.from(''), 'csv')).message, /empty/);
  });

  test('the format from a file name', () => {
    assert.deepEqual(['a.CSV', 'b.jsonl', 'c.ndjson', 'd.xlsx', 'e.xls', 'f'].map(formatOfFilename), ['csv', 'jsonl', 'jsonl', 'xlsx', null, null]);
  });
});

describe('jsonErrorOffset', () => {
  test('points at the first character that cannot continue the JSON text', () => {
    for (const [text, offset] of [['{"a": oops}', 6], ['{"a":1,}', 7], ['[1,2', 4], ['{"a":"\\q"}', 7], ['{} x', 3], ['"\u0001"', 1], ['-01', 2]] as const) {
      assert.equal(jsonErrorOffset(text), offset, text);
    }
    for (const text of ['{"a":[true,false,null,-1.5e+3,"\\u00e9\\n"]}', ' 1 ', '"x"']) assert.equal(jsonErrorOffset(text), -1, text);
  });
});
