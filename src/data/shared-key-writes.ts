// Relations that share key columns (`programPartner` over [programId, partnerId] beside `partner` over [partnerId]).
// Prisma's `connect` / `disconnect` write every column of a relation: a disconnect nulls the shared column that the
// other relation still needs, and two connects silently overwrite each other. For such a model the form's relations
// are written through their key columns instead (Prisma's unchecked input), one value per column: two choices that
// disagree on a shared column, or an emptied relation whose every column another relation still sets, are errors
// beside their fields, never a silent loss.
import { delegateName, fieldLabel, findModel } from '../schema/lookup.ts';
import type { ModelMeta, RelationFieldMeta, SchemaMeta } from '../schema/types.ts';

type Data = Record<string, unknown>;

/** Reads the referenced fields of the related record `where` names (for relations that reference no primary key). */
export type ReadReferenced = (related: ModelMeta, where: Data, fields: string[]) => Promise<Data | null>;

/** ReadReferenced through a client's delegates. */
export function readReferenced(client: { prisma: Record<string, unknown> }): ReadReferenced {
  return async (related, where, fields) => {
    const delegate = client.prisma[delegateName(related)] as { findUnique(args: object): Promise<Data | null> } | undefined;
    return (await delegate?.findUnique({ where, select: Object.fromEntries(fields.map((f) => [f, true])) })) ?? null;
  };
}

export type SharedKeyResult = { ok: true; data: Data } | { ok: false; errors: Record<string, string> };

/** The to-one relations of the model that hold their key columns. */
function keyHoldingRelations(model: ModelMeta): RelationFieldMeta[] {
  return model.fields.filter((f): f is RelationFieldMeta => f.kind === 'relation' && f.cardinality === 'one' && f.fromFields.length > 0);
}

/** Key columns that more than one to-one relation of the model holds. */
export function sharedKeyColumns(model: ModelMeta): Set<string> {
  const seen = new Set<string>();
  const shared = new Set<string>();
  for (const relation of keyHoldingRelations(model)) {
    for (const column of new Set(relation.fromFields)) (seen.has(column) ? shared : seen).add(column);
  }
  return shared;
}

/**
 * Rewrites parsed form data (`{ partner: { connect: { id: 2 } }, programPartner: { disconnect: true } }`) into key
 * columns (`{ partnerId: 2, programId: null }`) when the model's relations share columns; other models' data is
 * returned as it is. `record`: the record being changed (relations outside `data` keep their current columns).
 */
export async function writeSharedKeys(schema: SchemaMeta, model: ModelMeta, data: Data, record: Data | undefined, readReferenced: ReadReferenced): Promise<SharedKeyResult> {
  if (sharedKeyColumns(model).size === 0) return { ok: true, data };
  const relations = keyHoldingRelations(model);
  if (!relations.some((r) => r.name in data)) return { ok: true, data };
  const out: Data = {};
  const errors: Record<string, string> = {};
  // column → the value it gets and the field (relation or scalar) that sets it
  const assigned = new Map<string, { value: unknown; by: string }>();
  const cleared: RelationFieldMeta[] = [];
  const labelOf = (name: string) => {
    const field = model.fields.find((f) => f.name === name);
    return field ? fieldLabel(field).toLowerCase() : name;
  };
  const assign = (column: string, value: unknown, by: string) => {
    const current = assigned.get(column);
    if (!current) return void assigned.set(column, { value, by });
    if (sameValue(current.value, value)) return;
    const message = (other: string) => `Does not go with the chosen ${labelOf(other)}: they disagree on ${column}.`;
    // Beside the form's own fields only (a relation the form does not show keeps its current value).
    if (by in data) errors[by] ??= message(current.by);
    if (current.by in data) errors[current.by] ??= message(by);
  };

  // Relations the form does not show keep their columns (on change), as if chosen again.
  for (const relation of relations) {
    if (relation.name in data || !record) continue;
    if (relation.fromFields.every((c) => record[c] !== null && record[c] !== undefined)) {
      for (const column of relation.fromFields) assign(column, record[column], relation.name);
    }
  }

  for (const [name, value] of Object.entries(data)) {
    const relation = relations.find((r) => r.name === name);
    if (!relation) {
      out[name] = value;
      // A key column the form shows as a scalar sets that column too.
      if (relations.some((r) => r.fromFields.includes(name))) assign(name, value, name);
      continue;
    }
    if (isDisconnect(value)) {
      cleared.push(relation);
      continue;
    }
    const where = (value as { connect?: Data }).connect;
    if (!where) return { ok: false, errors: { [name]: 'This relation cannot be written here.' } };
    const referenced = await referencedValues(schema, relation, where, readReferenced);
    if (!referenced) {
      errors[name] = 'The chosen record does not exist (it may have been deleted).';
      continue;
    }
    relation.fromFields.forEach((column, i) => assign(column, referenced[relation.toFields[i]], name));
  }
  // An emptied relation is null once one of its columns is: null those no other field sets.
  for (const relation of cleared) {
    const free = relation.fromFields.filter((column) => !assigned.has(column));
    if (free.length === 0) {
      const holder = assigned.get(relation.fromFields[0])!.by;
      errors[relation.name] ??= `Cannot be emptied while a ${labelOf(holder)} is chosen: they share ${relation.fromFields.join(', ')}.`;
      continue;
    }
    for (const column of free) out[column] = null;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  for (const [column, { value }] of assigned) out[column] = value;
  return { ok: true, data: out };
}

function isDisconnect(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { disconnect?: unknown }).disconnect === true;
}

/** The fields the relation references, from the chosen record's unique where (compound keys flattened), or read. */
async function referencedValues(schema: SchemaMeta, relation: RelationFieldMeta, where: Data, read: ReadReferenced): Promise<Data | null> {
  const flat: Data = {};
  for (const [key, value] of Object.entries(where)) {
    if (isPlainObject(value)) Object.assign(flat, value);
    else flat[key] = value;
  }
  if (relation.toFields.every((f) => f in flat)) return flat;
  const related = findModel(schema, relation.type);
  return related ? read(related, where, relation.toFields) : null;
}

function isPlainObject(value: unknown): value is Data {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b || String(a) === String(b);
}
