// Valid rows for any schema of the corpus, made from its model metadata alone: a few records per model, parents
// before children, every foreign key pointing at an existing row (relations that share key columns agree, one-to-one
// keys stay distinct), every unique value distinct, and values of each field's type and native type.
import { randomUUID } from 'node:crypto';
import type { EnumMeta, ModelMeta, RelationFieldMeta, SchemaMeta, ValueFieldMeta } from '../../src/schema/types.ts';
import { delegateName } from '../../src/schema/lookup.ts';

export const ROWS_PER_MODEL = 3;

type Row = Record<string, unknown>;
type Client = Record<string, unknown>;

export async function insertCorpusRows(schema: SchemaMeta, prisma: Client): Promise<Map<string, Row[]>> {
  const created = new Map<string, Row[]>();
  for (const model of creationOrder(schema)) {
    const delegate = prisma[delegateName(model)] as { create(args: object): Promise<Row> };
    const rows: Row[] = [];
    for (let i = 0; i < ROWS_PER_MODEL; i++) {
      const data = rowData(schema, model, i, created, rows);
      if (!data) break;
      try {
        rows.push(await delegate.create({ data }));
      } catch (error) {
        throw new Error(`Could not create ${model.name} ${JSON.stringify(data, (_k, v) => (typeof v === 'bigint' ? String(v) : v))}: ${(error as Error).message}`);
      }
    }
    created.set(model.name, rows);
  }
  return created;
}

/** Models (not views) with every model they need a row of (required foreign keys) before them. */
function creationOrder(schema: SchemaMeta): ModelMeta[] {
  const models = schema.models.filter((m) => !m.isView);
  const needs = (m: ModelMeta) => m.fields.filter((f): f is RelationFieldMeta => f.kind === 'relation' && f.fromFields.length > 0 && f.type !== m.name && f.fromFields.some((n) => valueField(m, n).isRequired)).map((f) => f.type);
  const ordered: ModelMeta[] = [];
  while (ordered.length < models.length) {
    const next = models.find((m) => !ordered.includes(m) && needs(m).every((n) => ordered.some((o) => o.name === n)));
    if (!next) throw new Error(`Cannot order the corpus models (a cycle of required relations): ${models.filter((m) => !ordered.includes(m)).map((m) => m.name).join(', ')}`);
    ordered.push(next);
  }
  return ordered;
}

const valueField = (model: ModelMeta, name: string) => model.fields.find((f) => f.name === name) as ValueFieldMeta;

/** The i-th row's data, or null when the model's one-to-one keys have run out of distinct parents. */
function rowData(schema: SchemaMeta, model: ModelMeta, i: number, created: Map<string, Row[]>, earlier: Row[]): Row | null {
  const data: Row = {};
  // Relations over the most columns first, so a single-column relation over a shared column finds a parent that agrees.
  const relations = model.fields
    .filter((f): f is RelationFieldMeta => f.kind === 'relation' && f.fromFields.length > 0)
    .sort((a, b) => b.fromFields.length - a.fromFields.length);
  for (const relation of relations) {
    const parents = relation.type === model.name ? earlier : created.get(relation.type) ?? [];
    const required = relation.fromFields.some((n) => valueField(model, n).isRequired);
    const fits = parents.filter((p) => relation.fromFields.every((n, k) => !(n in data) || data[n] === p[relation.toFields[k]]));
    if (fits.length === 0) {
      if (required) return null;
      continue;
    }
    // A key that is unique (one-to-one) or part of the primary key takes a parent per row; others share the first ones.
    // One parent is left without a child, so that an added record has a free parent to point at.
    const distinct = isUniqueKey(model, relation.fromFields);
    if (distinct && i >= Math.max(1, fits.length - 1)) return null;
    const parent = fits[i % fits.length];
    relation.fromFields.forEach((n, k) => (data[n] = parent[relation.toFields[k]]));
  }
  for (const field of model.fields) {
    if ((field.kind !== 'scalar' && field.kind !== 'enum') || field.name in data) continue;
    if (field.isUpdatedAt || field.isForeignKey) continue; // a key without a parent stays empty
    if (field.default?.kind === 'function' && ['autoincrement', 'uuid', 'cuid', 'nanoid', 'ulid', 'dbgenerated'].includes(field.default.name)) continue;
    data[field.name] = valueOf(field, i, schema.enums);
  }
  return data;
}

function isUniqueKey(model: ModelMeta, fields: string[]): boolean {
  const keys = [model.primaryKey.fields, ...model.uniques.map((u) => u.fields)];
  return keys.some((key) => key.length > 0 && key.every((k) => fields.includes(k)));
}

function valueOf(field: ValueFieldMeta, i: number, enums: EnumMeta[]): unknown {
  if (field.kind === 'enum') {
    const values = enums.find((e) => e.name === field.type)!.values.map((v) => v.name);
    return field.isList ? values.slice(0, 2 + (i % 2)) : values[i % values.length];
  }
  const one = (): unknown => {
    const native = field.nativeType?.name;
    switch (field.type) {
      case 'String':
        return native === 'Uuid' ? randomUUID() : `${field.name} ${i + 1} ${randomUUID().slice(0, 8)}`;
      case 'Int':
        return 100 + i;
      case 'BigInt':
        return BigInt(1_000_000 + i);
      case 'Float':
        return 1.5 + i;
      case 'Decimal':
        return `${12 + i}.50`;
      case 'Boolean':
        return i % 2 === 0;
      case 'DateTime':
        if (native === 'Date') return new Date(Date.UTC(2024, 0, 10 + i));
        if (native === 'Time' || native === 'Timetz') return new Date(Date.UTC(1970, 0, 1, 9 + i, 30, 0));
        return new Date(Date.UTC(2024, 0, 10 + i, 14, 30, 15));
      case 'Json':
        return { n: i, tags: ['a', 'b'], nested: { ok: true } };
      case 'Bytes':
        return new Uint8Array([1, 2, 3, i]);
    }
  };
  return field.isList ? [one(), one()] : one();
}

/**
 * The last row of each model with a required Json field holds JSON `null` there, as rows written by an app can
 * (Prisma's JsonNull); set with raw SQL, as stored.
 */
export async function storeJsonNulls(schema: SchemaMeta, created: Map<string, Row[]>, sql: { run(sql: string, params: unknown[]): Promise<unknown>; quote(name: string): string }): Promise<void> {
  for (const model of schema.models) {
    const json = model.fields.filter((f): f is ValueFieldMeta => f.kind === 'scalar' && f.type === 'Json' && f.isRequired && !f.isList);
    const row = created.get(model.name)?.at(-1);
    if (!json.length || !row || model.primaryKey.fields.length === 0) continue;
    const where = model.primaryKey.fields.map((name) => `${sql.quote(valueField(model, name).dbName!)} = ?`).join(' AND ');
    const sets = json.map((f) => `${sql.quote(f.dbName!)} = 'null'`).join(', ');
    await sql.run(`UPDATE ${sql.quote(model.dbName)} SET ${sets} WHERE ${where}`, model.primaryKey.fields.map((name) => row[name]));
  }
}
