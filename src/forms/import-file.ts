// An uploaded import file (CSV, JSON Lines or XLSX) → a header and rows of strings, the same strings a form would
// send; or a message that names the line and column where the file stops being what it says it is.
import { parse as parseCsv } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { jsonErrorOffset } from './json-error-offset.ts';

export type ImportFormat = 'csv' | 'jsonl' | 'xlsx';
export const IMPORT_FORMATS: readonly ImportFormat[] = ['csv', 'jsonl', 'xlsx'];
export const IMPORT_FORMAT_LABELS: Record<ImportFormat, string> = { csv: 'CSV', jsonl: 'JSON Lines', xlsx: 'Excel (XLSX)' };

export interface ImportRow {
  /** Where the row ends in the file: its line (CSV, JSON Lines) or its sheet row (XLSX). */
  line: number;
  /** One string per column, '' for a missing cell. */
  cells: string[];
}

export interface ImportTable {
  columns: string[];
  rows: ImportRow[];
}

/** The file is not well-formed in its format; `line` and `column` are 1-based. */
export class ImportFileError extends Error {
  constructor(message: string, readonly line?: number, readonly column?: number) {
    super(message);
  }
}

/** The format a file name says (`posts.csv`), or null. */
export function formatOfFilename(filename: string): ImportFormat | null {
  const ext = /\.([a-z]+)$/i.exec(filename)?.[1]?.toLowerCase();
  if (ext === 'csv' || ext === 'txt') return 'csv';
  if (ext === 'jsonl' || ext === 'ndjson' || ext === 'json') return 'jsonl';
  if (ext === 'xlsx') return 'xlsx';
  return null;
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export async function readImportFile(data: Buffer, format: ImportFormat): Promise<ImportTable> {
  const isZip = data.subarray(0, 4).equals(ZIP_MAGIC);
  if (format === 'xlsx') {
    if (!isZip) throw new ImportFileError('This file is not an XLSX workbook (an XLSX file is a zip archive; this one does not start like one). Choose the format the file is in.', 1, 1);
    return readXlsx(data);
  }
  if (isZip) throw new ImportFileError(`This file looks like an XLSX workbook (a zip archive), not ${IMPORT_FORMAT_LABELS[format]}. Choose “${IMPORT_FORMAT_LABELS.xlsx}” as the format.`, 1, 1);
  const text = utf8Text(data);
  return format === 'csv' ? readCsv(text) : readJsonLines(text);
}

/** The file as UTF-8 text without its BOM; invalid bytes are named by line and column. */
function utf8Text(data: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    const loose = new TextDecoder('utf-8').decode(data);
    const at = loose.indexOf('\uFFFD');
    const { line, column } = position(loose, at);
    throw new ImportFileError(`The file is not UTF-8 text: line ${line}, column ${column} has bytes that are not UTF-8. Save the file as UTF-8 and upload it again.`, line, column);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function position(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(index, 0));
  const lines = before.split(/\r\n?|\n/);
  return { line: lines.length, column: lines.at(-1)!.length + 1 };
}

function readCsv(text: string): ImportTable {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parseCsv(text, { info: true, skip_empty_lines: true, relax_column_count: false }) as unknown as typeof records;
  } catch (error) {
    const e = error as { message: string; code?: string; lines?: number; column?: number | string; record?: unknown[] };
    if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
      const { line, column } = position(text, unclosedQuoteAt(text));
      throw new ImportFileError(`The file is not well-formed CSV: the quote that opens on line ${line}, column ${column} is never closed.`, line, column);
    }
    if (e.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' && e.lines && Array.isArray(e.record)) throw raggedRow(text, e.lines, e.record.length, headerLength(text));
    const column = typeof e.column === 'number' ? e.column + 1 : undefined;
    const where = e.lines ? ` (line ${e.lines}${column ? `, field ${column}` : ''})` : '';
    throw new ImportFileError(`The file is not well-formed CSV${where}: ${e.message}`, e.lines, column);
  }
  if (records.length === 0) throw new ImportFileError('The file is empty: it needs a header row naming the columns.', 1, 1);
  const [header, ...rows] = records;
  return { columns: header.record.map((c) => c.trim()), rows: rows.map((r) => ({ line: r.info.lines, cells: r.record })) };
}

/**
 * A row with more or fewer fields than the first: its line, and the column where its first extra field starts (or
 * where it ends, one field short). The columns are counted on the line the row ends on, quotes respected.
 */
function raggedRow(text: string, line: number, fields: number, expected: number): ImportFileError {
  const lineText = text.split(/\r\n|\n|\r/)[line - 1] ?? '';
  const commas: number[] = [];
  let quoted = false;
  for (let i = 0; i < lineText.length; i++) {
    if (lineText[i] === '"') quoted = !quoted;
    else if (lineText[i] === ',' && !quoted) commas.push(i);
  }
  const more = fields > expected && commas.length >= expected;
  const column = more ? commas[expected - 1] + 2 : lineText.length + 1;
  const where = more ? `its field ${expected + 1} starts at column ${column}` : `it ends at column ${column}`;
  return new ImportFileError(`The file is not well-formed CSV: line ${line} has ${fields} field${fields === 1 ? '' : 's'} where the header has ${expected} (${where}). Quote values that contain commas.`, line, column);
}

function headerLength(text: string): number {
  return (parseCsv(text, { to: 1, skip_empty_lines: true }) as string[][])[0]?.length ?? 0;
}

/** Where the quote opens that never closes (a doubled quote inside a quoted field toggles twice). */
function unclosedQuoteAt(text: string): number {
  let open = -1;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) open = open === -1 ? i : -1;
  return Math.max(open, 0);
}

function readJsonLines(text: string): ImportTable {
  const columns: string[] = [];
  const index = new Map<string, number>();
  const objects: Array<{ line: number; value: Record<string, unknown> }> = [];
  const lines = text.split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(lines[i]);
    } catch (error) {
      const column = Math.max(jsonErrorOffset(lines[i]), 0) + 1;
      throw new ImportFileError(`The file is not well-formed JSON Lines: line ${i + 1}, column ${column} is not JSON (${(error as Error).message}).`, i + 1, column);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new ImportFileError(`The file is not well-formed JSON Lines: line ${i + 1} is not a JSON object (one object per line, keyed by field name).`, i + 1, 1);
    }
    for (const key of Object.keys(value)) if (!index.has(key)) index.set(key, columns.push(key) - 1);
    objects.push({ line: i + 1, value: value as Record<string, unknown> });
  }
  if (objects.length === 0) throw new ImportFileError('The file is empty: it needs one JSON object per line.', 1, 1);
  return { columns, rows: objects.map(({ line, value }) => ({ line, cells: columns.map((c) => jsonCellText(value[c])) })) };
}

function jsonCellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

// exceljs takes ~0.2 s to load: loaded at the first XLSX import, not at every start of the admin.
let exceljsModule: Promise<typeof ExcelJS> | undefined;
const loadExcelJS = () => (exceljsModule ??= import('exceljs').then((module) => module.default));

async function readXlsx(data: Buffer): Promise<ImportTable> {
  const workbook = new (await loadExcelJS()).Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch (error) {
    throw xlsxError((error as Error).message);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.rowCount === 0) throw new ImportFileError('The workbook’s first sheet is empty: it needs a header row naming the columns.', 1, 1);
  const header = sheet.getRow(1);
  const columns: string[] = [];
  for (let c = 1; c <= header.cellCount; c++) columns.push(xlsxCellText(header.getCell(c).value).trim());
  while (columns.length && columns.at(-1) === '') columns.pop();
  const rows: ImportRow[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells = columns.map((_, c) => xlsxCellText(row.getCell(c + 1).value));
    if (cells.every((cell) => cell === '')) continue;
    rows.push({ line: r, cells });
  }
  return { columns, rows };
}

/**
 * What exceljs's failure means for the person: a damaged zip (a binary has no lines: say so), or an XML part of the
 * workbook that is not well-formed, where its parser names the line and column (`2:915: unmatched closing tag`).
 */
function xlsxError(message: string): ImportFileError {
  const xml = /^(\d+):(\d+): (.+)$/s.exec(message);
  if (xml) {
    const [line, column] = [Number(xml[1]), Number(xml[2])];
    return new ImportFileError(`The file is not a well-formed XLSX workbook: the XML inside it is broken on line ${line}, column ${column} (${xml[3].replace(/\.$/, '')}). Open it in a spreadsheet program and save it again as XLSX.`, line, column);
  }
  if (/zip/i.test(message)) return new ImportFileError(`The file is not a well-formed XLSX workbook: its zip archive is damaged (${message.replace(/\.$/, '')}), as when a file is cut off before its end. Export or save it again and upload the whole file.`);
  return new ImportFileError(`The file is not a well-formed XLSX workbook: ${message}`);
}

function xlsxCellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return xlsxCellText((value as { result?: ExcelJS.CellValue }).result ?? null);
  if ('text' in value) return String(value.text);
  if ('error' in value) return '';
  return String(value);
}
