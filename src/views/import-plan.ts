// The dry run of an import: every row parsed by the add/change form's own zod schema (formParserFor), matched to its
// stored record by the chosen key, and sorted into new / changed (with the field diff) / unchanged / error. The
// confirm runs the same plan again inside its transaction, so what it writes is what the database holds then.
import type { FastifyRequest } from 'fastify';
import type { AdminContext } from '../admin/context.ts';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { delegateIn, type PrismaClientLike } from '../data/delegates.ts';
import { decodeRecordId, encodeRecordId } from '../data/record-id.ts';
import { scopedWhere } from '../data/scoped-where.ts';
import { formParserFor, formValuesFromRecord, valueSchemaFor } from '../forms/index.ts';
import type { ImportTable } from '../forms/import-file.ts';
import type { FormField, ParseResult, SubmittedForm } from '../forms/types.ts';
import { recordKeyFields } from '../schema/record-key.ts';
import { modelLabel } from '../schema/lookup.ts';
import type { ImportMode, ImportTarget } from './import-mapping.ts';
import { relationChoiceErrorsOfRows } from './relation-validation.ts';

export type RowStatus = 'new' | 'changed' | 'unchanged' | 'error';

export interface PlannedRow {
  line: number;
  status: RowStatus;
  /** Per column index: the error of that cell. */
  cellErrors: Record<number, string>;
  /** Errors of fields no column fills (a required field left out). */
  rowErrors: string[];
  /** changed: the fields that differ, with the form's text before and the file's after. */
  diff: Array<{ field: string; label: string; old: string; new: string }>;
  data: Record<string, unknown>;
  /** The stored record (changed, unchanged). */
  record?: Record<string, unknown>;
}

export interface ImportPlan {
  rows: PlannedRow[];
  counts: Record<RowStatus, number>;
}

export interface PlanInput {
  ctx: AdminContext;
  request: FastifyRequest;
  admin: ResolvedModelAdmin;
  /** The add form's fields (formFieldsOf 'add'). */
  fields: FormField[];
  targets: ImportTarget[];
  table: ImportTable;
  mapping: string[];
  mode: ImportMode;
  /** The field rows are matched by (update, upsert). */
  key: string;
}

const LOOKUP_CHUNK = 500;

export async function planImport(input: PlanInput, client: PrismaClientLike): Promise<ImportPlan> {
  const { ctx, admin, table, mapping, mode } = input;
  const model = admin.model;
  const columnsOf = mapping.map((value) => input.targets.find((t) => t.value === value) ?? null);
  const mapped = columnsOf.filter((t): t is ImportTarget => t !== null);
  const mappedFields = unique(mapped.flatMap((t) => (t.field ? [t.field] : [])));
  const columnOfField = new Map<string, number>();
  columnsOf.forEach((t, i) => t && columnOfField.set(t.field?.name ?? t.value, i));
  // An add fills every required field (a left-out one is an error); a change touches only the columns' fields.
  const addFields = unique([...mappedFields, ...input.fields.filter((f) => f.required && !f.readOnly)]);
  const parseAdd = formParserFor(ctx.schema, model, addFields, 'add');
  const parseChange = formParserFor(ctx.schema, model, mappedFields, 'change');
  const lookups = await relationLookups(input, columnsOf, client);

  const keyColumn = mode === 'create' ? -1 : mapping.indexOf(input.key);
  const keyMeta = input.targets.find((t) => t.value === input.key)?.key;
  const keySchema = keyMeta ? valueSchemaFor(ctx.schema, keyMeta) : null;
  const keys = table.rows.map((row) => {
    if (keyColumn < 0 || !keySchema) return { value: undefined, error: null };
    const text = row.cells[keyColumn]?.trim() ?? '';
    if (text === '') return { value: undefined, error: mode === 'update' ? 'Rows are matched by this column: it cannot be empty.' : null };
    const parsed = keySchema.safeParse(text);
    return parsed.success ? { value: parsed.data, error: null } : { value: undefined, error: parsed.error.issues[0]?.message ?? 'Not a valid key.' };
  });
  const existing = keyMeta ? await storedRecords(input, client, keyMeta.name, keys.map((k) => k.value)) : new Map();
  const seenKeys = new Map<string, number>();

  const shells = table.rows.map((row) => {
    const planned: PlannedRow = { line: row.line, status: 'new', cellErrors: {}, rowErrors: [], diff: [], data: {} };
    const form: SubmittedForm = Object.create(null);
    columnsOf.forEach((target, column) => {
      if (!target?.field) return;
      const cell = row.cells[column] ?? '';
      if (!target.lookup) return void (form[target.field.name] = formText(target.field, cell));
      if (cell.trim() === '') return void (form[target.field.name] = '');
      const id = lookups.get(column)?.get(cell.trim());
      if (id === undefined) planned.cellErrors[column] = `No ${modelLabel(target.lookup.model).toLowerCase()} has ${target.lookup.field} “${cell.trim()}”.`;
      else form[target.field.name] = id;
    });
    return { planned, form };
  });
  // Related records the request may not choose (limitChoicesTo, the related admin's getQueryset), as the form checks.
  const unavailable = await relationChoiceErrorsOfRows(ctx, input.request, admin.admin, mappedFields, shells.map((s) => s.form));

  const rows = shells.map(({ planned, form }, index): PlannedRow => {
    for (const [name, message] of Object.entries(unavailable[index])) {
      const column = columnOfField.get(name);
      if (column === undefined) planned.rowErrors.push(message);
      else planned.cellErrors[column] ??= message;
    }
    const key = keys[index];
    if (key.error) planned.cellErrors[keyColumn] = key.error;
    const keyText = key.value === undefined ? undefined : String(key.value);
    if (keyText !== undefined) {
      const earlier = seenKeys.get(keyText);
      if (earlier !== undefined) planned.cellErrors[keyColumn] = `The same ${input.key} as the row on line ${earlier}: each record can be imported once.`;
      else seenKeys.set(keyText, planned.line);
    }
    const record = keyText === undefined ? undefined : existing.get(keyText);
    if (mode === 'update' && keyText !== undefined && !record) planned.cellErrors[keyColumn] ??= `No ${modelLabel(model).toLowerCase()} has ${input.key} “${keyText}”${admin.admin.getQueryset(input.request) ? ' that you may change' : ''}.`;
    let parsed: ParseResult;
    if (record) {
      planned.record = record;
      parsed = parseChange(form);
      const before = parseChange(formValuesFromRecord(ctx.schema, model, mappedFields, record));
      if (parsed.ok && before.ok) {
        const old = formValuesFromRecord(ctx.schema, model, mappedFields, record);
        for (const field of mappedFields) {
          if (sameValue(before.data[field.name], parsed.data[field.name])) continue;
          const shown = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(', ') : value ?? '');
          planned.diff.push({ field: field.name, label: field.label, old: shown(old[field.name]), new: shown(form[field.name] as string | string[] | undefined) });
        }
      }
      planned.status = planned.diff.length ? 'changed' : 'unchanged';
    } else {
      parsed = parseAdd(form);
    }
    if (parsed.ok) planned.data = parsed.data;
    else {
      for (const [name, message] of Object.entries(parsed.errors)) {
        const column = columnOfField.get(name);
        if (column === undefined) planned.rowErrors.push(`${input.fields.find((f) => f.name === name)?.label ?? name}: ${message}`);
        else planned.cellErrors[column] ??= message;
      }
    }
    if (Object.keys(planned.cellErrors).length || planned.rowErrors.length) planned.status = 'error';
    return planned;
  });
  const counts: Record<RowStatus, number> = { new: 0, changed: 0, unchanged: 0, error: 0 };
  for (const row of rows) counts[row.status]++;
  return { rows, counts };
}

/** A cell as the form's input would send it: booleans as a checkbox does, JSON arrays as a list's lines. */
function formText(field: FormField, cell: string): string | string[] {
  const text = cell;
  if (field.widget === 'checkbox') return /^(true|1|yes|on|y)$/i.test(text.trim()) ? 'on' : '';
  if (field.widget === 'nullable-boolean') return /^(true|false|unknown)$/i.test(text.trim()) ? text.trim().toLowerCase() : text;
  if (field.widget === 'checkbox-multiple' || field.widget === 'list') {
    const list = jsonArray(text);
    if (list) return field.widget === 'list' ? list.join('\n') : list;
    return field.widget === 'checkbox-multiple' ? text.split(/[,\n]/).map((v) => v.trim()).filter(Boolean) : text;
  }
  // An export's date-only column carries midnight UTC; the date input wants the day.
  if (field.widget === 'date') return /^\d{4}-\d{2}-\d{2}T00:00:00(\.0+)?Z$/.test(text.trim()) ? text.trim().slice(0, 10) : text;
  return text;
}

function jsonArray(text: string): string[] | null {
  if (!text.trim().startsWith('[')) return null;
  try {
    const value = JSON.parse(text);
    return Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))) : null;
  } catch {
    return null;
  }
}

/** The records the keys name, read through getQueryset (a record outside it is not there for this request). */
async function storedRecords(input: PlanInput, client: PrismaClientLike, key: string, values: unknown[]): Promise<Map<string, Record<string, unknown>>> {
  const present = unique(values.filter((v) => v !== undefined));
  const found = new Map<string, Record<string, unknown>>();
  const delegate = delegateIn(client, input.admin.model.name);
  for (let at = 0; at < present.length; at += LOOKUP_CHUNK) {
    const where = scopedWhere(input.admin, input.request, { [key]: { in: present.slice(at, at + LOOKUP_CHUNK) } });
    for (const record of await delegate.findMany({ where })) found.set(String(record[key]), record);
  }
  return found;
}

/** Per relation-by-unique-field column: the cell's text → the related record's id, as the form's select sends it. */
async function relationLookups(input: PlanInput, columnsOf: Array<ImportTarget | null>, client: PrismaClientLike): Promise<Map<number, Map<string, string>>> {
  const result = new Map<number, Map<string, string>>();
  for (const [column, target] of columnsOf.entries()) {
    if (!target?.lookup) continue;
    const { model, field } = target.lookup;
    const meta = model.fields.find((f) => f.name === field);
    if (!meta || (meta.kind !== 'scalar' && meta.kind !== 'enum')) continue;
    const schema = valueSchemaFor(input.ctx.schema, meta);
    const texts = unique(input.table.rows.map((row) => row.cells[column]?.trim() ?? '').filter(Boolean));
    const values = new Map<unknown, string>();
    for (const text of texts) {
      const parsed = schema.safeParse(text);
      if (parsed.success) values.set(parsed.data, text);
    }
    const ids = new Map<string, string>();
    const all = [...values.keys()];
    const select = Object.fromEntries([...recordKeyFields(model), field].map((f) => [f, true]));
    for (let at = 0; at < all.length; at += LOOKUP_CHUNK) {
      for (const record of await delegateIn(client, model.name).findMany({ where: { [field]: { in: all.slice(at, at + LOOKUP_CHUNK) } }, select })) {
        ids.set(values.get(record[field]) ?? String(record[field]), encodeRecordId(model, record));
      }
    }
    result.set(column, ids);
  }
  return result;
}

/** Two parsed Prisma values alike: dates by instant, decimals by value, Prisma's null markers by identity. */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonicalText(a) === canonicalText(b);
}

/** A parsed value as text, alike for alike values (sameValue); also groups rows that write the same data. */
export function canonicalText(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, v) {
    const raw = key === '' ? value : this[key];
    if (typeof raw === 'bigint') return `${raw}n`;
    if (raw instanceof Date) return `date:${raw.getTime()}`;
    if (raw instanceof Uint8Array) return `bytes:${Buffer.from(raw).toString('base64')}`;
    if (raw && typeof raw === 'object' && typeof (raw as { toFixed?: unknown }).toFixed === 'function' && typeof (raw as { isFinite?: unknown }).isFinite === 'function') return `decimal:${String(raw)}`;
    if (raw && typeof raw === 'object' && !Array.isArray(raw) && Object.getPrototypeOf(raw) !== Object.prototype && Object.getPrototypeOf(raw) !== null) return `${(raw as object).constructor?.name}:${JSON.stringify(raw)}`;
    return v;
  });
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** The unique `where` of a stored record, by its record key. */
export function storedWhere(ctx: AdminContext, admin: ResolvedModelAdmin, record: Record<string, unknown>) {
  return decodeRecordId(ctx.schema, admin.model, encodeRecordId(admin.model, record))!;
}
