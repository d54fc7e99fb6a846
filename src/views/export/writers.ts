// The export formats as streams: rows are pulled from `rows` only as fast as the stream is read (backpressure), so an
// export of any size holds a few batches in memory; destroying the stream stops the pull (and so the query).
// CSV by csv-stringify (RFC 4180 quoting, CRLF), XLSX by exceljs's streaming WorkbookWriter, JSON Lines by
// JSON.stringify (one object per line, keyed by the header).
import { PassThrough, Readable, pipeline, type Duplex } from 'node:stream';
import { stringify } from 'csv-stringify';
import type ExcelJS from 'exceljs';
import { cellText, type Cell } from './values.ts';

export const EXPORT_FORMATS = {
  csv: { label: 'CSV', extension: 'csv', contentType: 'text/csv; charset=utf-8' },
  jsonl: { label: 'JSON Lines', extension: 'jsonl', contentType: 'application/jsonl; charset=utf-8' },
  xlsx: { label: 'Excel (XLSX)', extension: 'xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
} as const;

export type ExportFormat = keyof typeof EXPORT_FORMATS;

export interface WriterOptions {
  /** CSV: start with a UTF-8 byte order mark, so that Excel reads the file as UTF-8. */
  bom: boolean;
  /** XLSX: the worksheet's name. */
  sheetName: string;
}

/** JSON Lines: lines are gathered into chunks of about this size, not written one by one. */
const CHUNK_BYTES = 64 * 1024;

export function writeExport(format: ExportFormat, header: string[], rows: AsyncIterable<Cell[]>, options: WriterOptions): Readable {
  switch (format) {
    case 'csv':
      return csvStream(header, rows, options.bom);
    case 'jsonl':
      return Readable.from(jsonLines(header, rows), { objectMode: false });
    case 'xlsx':
      return xlsxStream(header, rows, options.sheetName);
  }
}

function csvStream(header: string[], rows: AsyncIterable<Cell[]>, bom: boolean): Readable {
  async function* records() {
    yield header;
    for await (const cells of rows) yield cells.map(cellText);
  }
  const out = stringify({ bom, record_delimiter: 'windows' });
  // Errors and early ends travel both ways: a destroyed `out` ends the generator, a failed query destroys `out`.
  pipeline(Readable.from(records()), out, () => {});
  return out;
}

async function* jsonLines(header: string[], rows: AsyncIterable<Cell[]>): AsyncGenerator<Buffer> {
  let chunk = '';
  for await (const cells of rows) {
    const record: Record<string, Cell> = {};
    header.forEach((h, i) => { record[h] = cells[i]; });
    chunk += `${JSON.stringify(record)}\n`;
    if (chunk.length >= CHUNK_BYTES) {
      yield Buffer.from(chunk);
      chunk = '';
    }
  }
  if (chunk) yield Buffer.from(chunk);
}

// exceljs takes ~0.2 s to load: loaded at the first XLSX export, not at every start of the admin.
let exceljsModule: Promise<typeof ExcelJS> | undefined;
const loadExcelJS = () => (exceljsModule ??= import('exceljs').then((module) => module.default));

/** Rows written between checks of the writer's backlogs. */
const XLSX_ROWS_PER_CHECK = 100;

function xlsxStream(header: string[], rows: AsyncIterable<Cell[]>, sheetName: string): Readable {
  const out = new PassThrough();
  (async () => {
    const { stream } = await loadExcelJS();
    if (out.destroyed) return;
    // Deflate's fastest level: the zip's compression is most of an XLSX export's CPU, and level 1 files are ~10% larger.
    const workbook = new stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false, zip: { zlib: { level: 1 } } });
    const sheet = workbook.addWorksheet(sheetName.slice(0, 31) || 'Sheet1');
    sheet.addRow(header).commit();
    const inner = sheetBacklogs(sheet);
    let n = 0;
    for await (const cells of rows) {
      if (out.destroyed) return;
      sheet.addRow(cells).commit();
      if (++n % XLSX_ROWS_PER_CHECK) continue;
      // exceljs writes committed rows into the zip's input without waiting, and the zip into `out`: wait while the
      // compressor (behind the first) or the reader (behind the second) is behind, or memory grows with the export.
      for (const stream of [...inner, out]) if (needsDrain(stream) && !out.destroyed) await drainedOrClosed(stream, out);
    }
    if (out.destroyed) return;
    sheet.commit();
    await workbook.commit();
  })().catch((error: Error) => out.destroy(error));
  return out;
}

/** A writable's side, as far as waiting for it goes (node's streams and readable-stream's, which archiver uses). */
interface Backlog {
  writableNeedDrain?: boolean;
  _writableState?: { needDrain?: boolean };
  on(event: 'drain' | 'close', listener: () => void): unknown;
  removeListener(event: 'drain' | 'close', listener: () => void): unknown;
}

const needsDrain = (stream: Backlog) => stream.writableNeedDrain ?? stream._writableState?.needDrain ?? false;

/**
 * The streams exceljs (4.x) writes the sheet's rows into: its sheet buffer pipes, without backpressure, into the
 * writable side the zip (archiver) reads. Internal to exceljs, hence looked up defensively: none found, no wait.
 */
function sheetBacklogs(sheet: ExcelJS.Worksheet): Backlog[] {
  const pipes = (sheet as unknown as { stream?: { pipes?: unknown[] } }).stream?.pipes;
  return Array.isArray(pipes) ? pipes.filter((p): p is Backlog => typeof (p as Backlog)?.on === 'function' && typeof (p as Backlog).removeListener === 'function') : [];
}

/** Resolves when `stream` drains, or when it or the export's output closes (a reader that went away). */
function drainedOrClosed(stream: Backlog, output: Duplex): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.removeListener('drain', done);
      stream.removeListener('close', done);
      output.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
    output.on('close', done);
  });
}
