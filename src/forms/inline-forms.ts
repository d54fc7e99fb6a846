// The inputs of inline rows (Django's formsets): `<prefix>-<index>-<field>` per field, `<prefix>-<index>-_id` for an
// existing record, `<prefix>-<index>-_delete` for its delete checkbox, and `<prefix>-TOTAL_FORMS` for the number of
// rows sent (the "add another" button raises it). One row is read back as an ordinary form of the inline model.
import type { FormValues } from './form-values.ts';
import { FILE_CLEAR_SUFFIX, type FormField, type SubmittedForm } from './types.ts';

/** Rows read from one inline, at most (Django's absolute_max): a larger TOTAL_FORMS is refused (400). */
export const MAX_INLINE_ROWS = 1000;
/** The index placeholder of the template row that the "add another" button copies. */
export const INDEX_PLACEHOLDER = '__prefix__';
export const ROW_ID = '_id';
export const ROW_DELETE = '_delete';
/** An existing row's version (data/record-version.ts), for the optimistic lock of its save. */
export const ROW_VERSION = '_version';

export function totalFormsName(prefix: string): string {
  return `${prefix}-TOTAL_FORMS`;
}

export function rowInputName(prefix: string, index: number | string, name: string): string {
  return `${prefix}-${index}-${name}`;
}

/** How many rows the form says it sent (0 when absent or not a number), at most `max`. */
export function submittedRowCount(form: SubmittedForm, prefix: string, max = MAX_INLINE_ROWS): number {
  const raw = form[totalFormsName(prefix)];
  const text = typeof raw === 'string' ? raw : Array.isArray(raw) ? raw[0] : '';
  const n = /^\d{1,7}$/.test(text ?? '') ? Number(text) : 0;
  return Math.min(n, max);
}

/** A TOTAL_FORMS that the submitted rows do not bear out: the form was forged or cut short (400). */
export class InlineRowCountError extends Error {
  readonly statusCode = 400;
}

/**
 * The rows of one inline as forms of their own (names without `<prefix>-<index>-`), by index, read in one pass over
 * the form. Every row the admin draws sends at least its `_id` input, so a TOTAL_FORMS above the rows that arrived,
 * or above MAX_INLINE_ROWS, is refused rather than looped over; rows at or past TOTAL_FORMS are ignored.
 */
export function submittedRows(form: SubmittedForm, prefix: string, title = prefix): Map<number, SubmittedForm> {
  const total = submittedRowCount(form, prefix, Infinity);
  if (total > MAX_INLINE_ROWS) throw new InlineRowCountError(`The form sent more than ${MAX_INLINE_ROWS.toLocaleString('en')} rows of ${title}; save at most ${MAX_INLINE_ROWS.toLocaleString('en')} at once.`);
  const rows = new Map<number, SubmittedForm>();
  const start = `${prefix}-`;
  for (const name in form) {
    if (!name.startsWith(start)) continue;
    const dash = name.indexOf('-', start.length);
    if (dash === -1) continue;
    const digits = name.slice(start.length, dash);
    if (!/^(?:0|[1-9]\d{0,6})$/.test(digits)) continue;
    const index = Number(digits);
    if (index >= total) continue;
    let row = rows.get(index);
    if (!row) rows.set(index, (row = Object.create(null) as SubmittedForm));
    row[name.slice(dash + 1)] = form[name];
  }
  if (rows.size < total) {
    throw new InlineRowCountError(`The form says it holds ${total} rows of ${title}, but ${rows.size} arrived. Reload the page and make your changes again.`);
  }
  return new Map([...rows].sort(([a], [b]) => a - b));
}

export function rowText(row: SubmittedForm, name: string): string {
  const value = row[name];
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value[value.length - 1] ?? '';
  return '';
}

/**
 * Did the person change anything in this row, compared with what the inputs showed (`initial`)? An unchanged blank row
 * is skipped, not validated (Django's has_changed); an unchanged existing row is not written.
 */
export function rowHasChanged(fields: FormField[], initial: FormValues, row: SubmittedForm): boolean {
  for (const field of fields) {
    if (field.readOnly || field.widget === 'password') continue;
    if (field.widget === 'file') {
      const upload = row[field.name];
      if ((upload && typeof upload === 'object' && !Array.isArray(upload)) || row[field.name + FILE_CLEAR_SUFFIX] !== undefined) return true;
      continue;
    }
    if (field.widget === 'checkbox') {
      const was = isChecked(initial[field.name]);
      if (was !== isChecked(row[field.name])) return true;
      continue;
    }
    if (field.widget === 'relation-multiple') {
      if (!sameList(asList(initial[field.name]), asList(row[field.name]))) return true;
      continue;
    }
    if (normalize(asText(initial[field.name])) !== normalize(rowText(row, field.name))) return true;
  }
  return false;
}

/** The strings a re-shown row puts back in its inputs (never uploads or passwords). */
export function rowValues(fields: FormField[], row: SubmittedForm): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    if (field.widget === 'password') continue;
    const value = row[field.name];
    if (typeof value === 'string' || Array.isArray(value)) values[field.name] = value;
  }
  return values;
}

const isChecked = (value: unknown) => {
  const text = Array.isArray(value) ? value[value.length - 1] : value;
  return text === 'on' || text === 'true';
};
const asText = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join('\n') : value ?? '');
// Browsers send textarea line ends as CRLF.
const normalize = (text: string) => text.replace(/\r\n?/g, '\n');

function asList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v !== '');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

function sameList(a: string[], b: string[]): boolean {
  const x = [...a].sort();
  const y = [...b].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}
