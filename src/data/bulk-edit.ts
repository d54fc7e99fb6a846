// The write of a bulk edit: the values chosen once, applied to one batch of rows. Scalar and to-one fields (as their
// foreign-key columns) go in one statement per batch for the rows whose values differ (a raw UPDATE where
// raw-update-many.ts can write them as Prisma would, else updateMany); to-many fields (add, remove
// or replace related records) in one update per row that changes. Returns, per changed row, what changed (raw values),
// for its own audit entry.
import { recordKeyFields } from '../schema/record-key.ts';
import type { ModelMeta, RelationFieldMeta, SchemaMeta } from '../schema/types.ts';
import { findModel } from '../schema/lookup.ts';
import { delegateIn, type PrismaClientLike } from './delegates.ts';
import { encodeRecordId } from './record-id.ts';
import { keysWhere } from './keys-where.ts';
import { rawUpdateMany, rawUpdateObstacle, type RawExecutor } from './raw-update-many.ts';

type Row = Record<string, unknown>;

export type ToManyMode = 'add' | 'remove' | 'replace';

export interface BulkEditPlan {
  /** Scalar columns to set (to-one relations as their foreign keys): `{ status: 'published', categoryId: 3 }`. */
  columns: Row;
  /** To-one relations set, with the columns that hold them (their change is logged under the relation's name). */
  toOne: { relation: RelationFieldMeta; columns: string[] }[];
  toMany: { relation: RelationFieldMeta; mode: ToManyMode; keys: Row[] }[];
}

export interface RowChange {
  field: string;
  /** Scalars: the value; to-one: the key row or null; to-many: the key rows. */
  old: unknown;
  new: unknown;
}

export interface RowEdit {
  record: Row;
  changes: RowChange[];
}

/** The plan of parsed change-form data (`{ status, category: { connect }, tags: { set } }`) and the to-many modes. */
export function bulkEditPlan(model: ModelMeta, data: Row, modes: Record<string, ToManyMode>): BulkEditPlan {
  const plan: BulkEditPlan = { columns: {}, toOne: [], toMany: [] };
  for (const [name, value] of Object.entries(data)) {
    const field = model.fields.find((f) => f.name === name);
    if (!field) continue;
    if (field.kind !== 'relation') {
      plan.columns[name] = value;
      continue;
    }
    const write = value as { connect?: Row | Row[]; disconnect?: boolean; set?: Row[] };
    if (field.cardinality === 'one') {
      const where = write.connect && !Array.isArray(write.connect) ? write.connect : null;
      field.fromFields.forEach((column, i) => { plan.columns[column] = where ? where[field.toFields[i]] : null; });
      plan.toOne.push({ relation: field, columns: field.fromFields });
    } else {
      const keys = write.set ?? (Array.isArray(write.connect) ? write.connect : []);
      plan.toMany.push({ relation: field, mode: modes[name] ?? 'replace', keys });
    }
  }
  return plan;
}

/** `postgresSchema`: the schema the driver adapter was given (AdminPluginOptions.postgresSchema), for the raw UPDATE. */
export async function applyBulkEdit(client: PrismaClientLike, schema: SchemaMeta, model: ModelMeta, plan: BulkEditPlan, records: Row[], postgresSchema: string | null = null): Promise<RowEdit[]> {
  const delegate = delegateIn(client, model.name);
  const toOneColumns = new Set(plan.toOne.flatMap((t) => t.columns));
  const columns = Object.keys(plan.columns);
  // Loops rather than closures per row: this runs for every row of a 100,000-row edit.
  const differs = (record: Row) => {
    for (const c of columns) if (!same(record[c], plan.columns[c])) return true;
    return false;
  };
  const keyOf = (relation: RelationFieldMeta, cols: string[], source: Row) => (cols.some((c) => source[c] === null || source[c] === undefined) ? null : Object.fromEntries(cols.map((c, i) => [relation.toFields[i], source[c]])));
  const changesOf = (record: Row): RowChange[] => {
    const changes: RowChange[] = [];
    for (const c of columns) if (!toOneColumns.has(c) && !same(record[c], plan.columns[c])) changes.push({ field: c, old: record[c], new: plan.columns[c] });
    for (const { relation, columns: cols } of plan.toOne) {
      if (cols.every((c) => same(record[c], plan.columns[c]))) continue;
      changes.push({ field: relation.name, old: keyOf(relation, cols, record), new: keyOf(relation, cols, plan.columns) });
    }
    return changes;
  };
  const changing = records.filter(differs);
  if (changing.length) {
    const target = { provider: schema.provider, enums: schema.enums, postgresSchema, model };
    if (rawUpdateObstacle(target, plan.columns) === null) await rawUpdateMany(client as unknown as RawExecutor, target, changing, plan.columns);
    else await delegate.updateMany({ where: keysWhere(model, changing), data: plan.columns });
  }
  if (plan.toMany.length === 0) {
    // A row's changes then depend only on its old values of the columns: rows that had the same ones share one array
    // of changes, which nothing appends to (the audit log describes each array once).
    const shared = new SharedChanges(columns);
    return changing.map((record) => ({ record, changes: shared.get(record, changesOf) }));
  }

  const edits = new Map<string, RowEdit>();
  const editOf = (record: Row) => {
    const id = encodeRecordId(model, record);
    let edit = edits.get(id);
    if (!edit) edits.set(id, (edit = { record, changes: [] }));
    return edit;
  };
  for (const record of changing) editOf(record).changes.push(...changesOf(record));
  for (const { relation, mode, keys } of plan.toMany) {
    const related = findModel(schema, relation.type)!;
    const relatedKey = recordKeyFields(related);
    const select = Object.fromEntries(relatedKey.map((f) => [f, true]));
    const before = await delegate.findMany({ where: keysWhere(model, records), select: { ...Object.fromEntries(recordKeyFields(model).map((f) => [f, true])), [relation.name]: { select } } });
    const chosen = new Map(keys.map((k) => [encodeRecordId(related, k), k]));
    for (const row of before) {
      const current = new Map((row[relation.name] as Row[]).map((k) => [encodeRecordId(related, k), k]));
      const next = mode === 'replace' ? new Map(chosen)
        : mode === 'add' ? new Map([...current, ...chosen])
        : new Map([...current].filter(([id]) => !chosen.has(id)));
      if (current.size === next.size && [...next.keys()].every((id) => current.has(id))) continue;
      const where = Object.fromEntries(recordKeyFields(model).map((f) => [f, row[f]]));
      const write = mode === 'replace' ? { set: keys } : mode === 'add' ? { connect: keys } : { disconnect: keys };
      await delegate.update({ where, data: { [relation.name]: write }, select: { [recordKeyFields(model)[0]]: true } });
      const record = records.find((r) => encodeRecordId(model, r) === encodeRecordId(model, row)) ?? row;
      editOf(record).changes.push({ field: relation.name, old: [...current.values()], new: [...next.values()] });
    }
  }
  return [...edits.values()];
}

/**
 * The changes of rows by their old values of `columns`, made once per distinct primitive values (strings, numbers,
 * booleans, null); rows holding any other value (a date, a decimal, JSON) get their own.
 */
class SharedChanges {
  private readonly known = new Map<string, RowChange[]>();

  constructor(private readonly columns: string[]) {}

  get(record: Row, make: (record: Row) => RowChange[]): RowChange[] {
    let key = '';
    for (const c of this.columns) {
      const value = record[c];
      if (value === null || value === undefined) key += 'n;';
      else if (typeof value === 'string') key += `s${value.length}:${value}`;
      else if (typeof value === 'number' || typeof value === 'boolean') key += `${typeof value}${String(value)};`;
      else return make(record);
    }
    let changes = this.known.get(key);
    if (!changes) this.known.set(key, (changes = make(record)));
    return changes;
  }
}

/** Stored value and new value are the same (dates by time, decimals and big integers by their text). */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (decimalLike(a) || decimalLike(b)) return String(a) === String(b);
  if (typeof a === 'object' && typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

// Not a closure inside same(): that runs for every row of a 100,000-row edit, and a closure is made per call.
function decimalLike(v: unknown): boolean {
  return typeof v === 'bigint' || (typeof v === 'object' && typeof (v as { toFixed?: unknown }).toFixed === 'function');
}
