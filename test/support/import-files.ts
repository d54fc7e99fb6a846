// Import files for tests, written as the export writes them: a header row of the fields' names; BigInt and Decimal as
// strings, DateTime as ISO 8601 in UTC, Json as JSON text, null as an empty cell (CSV, XLSX) or null (JSON Lines).
import ExcelJS from 'exceljs';
import type { Browser } from './cookie-jar.ts';

export type Rows = Array<Record<string, unknown>>;

export function exportText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (typeof value === 'object' && typeof (value as { toFixed?: unknown }).toFixed === 'function') return (value as { toFixed(): string }).toFixed();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

// RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled; lines end in CRLF.
const quote = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

export function csvOf(columns: string[], rows: Rows, options: { bom?: boolean } = {}): Buffer {
  const lines = [columns.map(quote).join(','), ...rows.map((row) => columns.map((c) => quote(exportText(row[c]))).join(','))];
  return Buffer.from((options.bom ? '\uFEFF' : '') + lines.join('\r\n') + '\r\n');
}

export function jsonLinesOf(columns: string[], rows: Rows): Buffer {
  return Buffer.from(rows.map((row) => JSON.stringify(Object.fromEntries(columns.map((c) => [c, row[c] === null || row[c] === undefined ? null : typeof row[c] === 'number' || typeof row[c] === 'boolean' ? row[c] : exportText(row[c])])))).join('\n') + '\n');
}

export async function xlsxOf(columns: string[], rows: Rows): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Export');
  sheet.addRow(columns);
  for (const row of rows) sheet.addRow(columns.map((c) => (typeof row[c] === 'number' || typeof row[c] === 'boolean' ? row[c] : exportText(row[c]))));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Uploads a file to `<model>/import`; returns the preview page (after the upload's redirect) or the refusal. */
export async function uploadImport(browser: Browser, model: string, data: Buffer, filename: string, format = '') {
  await browser.get(`/admin/${model}/import`);
  const response = await browser.postMultipart(`/admin/${model}/import?_csrf=${encodeURIComponent(browser.csrfToken ?? '')}`, { file: { data, filename }, format });
  if (response.statusCode !== 303) return { response, job: null as string | null };
  const job = /job=([\w-]+)/.exec(String(response.headers.location))![1];
  return { response: await browser.follow(response), job };
}

/** The preview's counts: "3 new, 0 changed, ...". */
export function importCounts(html: string): Record<'new' | 'changed' | 'unchanged' | 'error', number> {
  const count = (kind: string) => Number(new RegExp(`<span class="import-${kind}">([\\d,]+)`).exec(html)?.[1].replace(/,/g, '') ?? NaN);
  return { new: count('new'), changed: count('changed'), unchanged: count('unchanged'), error: count('error') };
}

/** The mapping selects' chosen values, in column order. */
export function chosenMapping(html: string): string[] {
  return [...html.matchAll(/<select id="id_map_\d+" name="map">([\s\S]*?)<\/select>/g)].map((m) => /<option value="([^"]*)" selected>/.exec(m[1])?.[1] ?? '');
}

/** The preview's hidden `previewed` value (the choices it was made with), which a confirm sends back. */
export function previewedOf(html: string): string {
  return (/name="previewed" value="([^"]*)"/.exec(html)?.[1] ?? '').replace(/&quot;|&#34;/g, '"').replace(/&amp;/g, '&');
}
