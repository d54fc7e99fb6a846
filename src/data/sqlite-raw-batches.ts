// A bulk run's walk on SQLite (ChangeList.batches in primary-key order, inside the run's transaction) read by one raw
// SELECT per batch, where the list's where and the columns read allow it exactly: the where a plain conjunction of
// equalities and `in` lists (simple-where-sql.ts), one Int or String key column, and only columns whose raw values
// are Prisma's own (Int, Float, String, Boolean, enums whose values have no @map), checked on every value read.
// Anything else is read by Prisma's findMany. Why: Prisma maps every row of a findMany twice; a 2,000-row batch of
// three columns took 3.1 ms of CPU through findMany and 2.4 ms raw, 40-60 ms of a 100,000-row Edit selected (~700 ms).
import type { EnumMeta, ModelMeta, SchemaMeta, ValueFieldMeta } from '../schema/types.ts';
import { recordKeyFields } from '../schema/record-key.ts';
import type { PrismaClientLike } from './delegates.ts';
import { qualifiedTable, quoteName } from './raw-sql-names.ts';
import { fieldOf } from './raw-update-many.ts';
import { simpleWhereSql } from './simple-where-sql.ts';

type Row = Record<string, unknown>;
type RawClient = { $queryRawUnsafe(sql: string, ...values: unknown[]): Promise<Row[]> };

/**
 * Reads the next `take` rows after the key `after` (from the start when undefined), in key order; null when a value
 * read is not the one Prisma would give (see fitsOf): the caller reads that batch and the rest through Prisma.
 */
export type RawBatchReader = (client: PrismaClientLike, after: unknown, take: number) => Promise<Row[] | null>;

const EXACT_TYPES = new Set(['Int', 'Float', 'String', 'Boolean']);

/** The reader for `where` and `select` (`{ field: true }`) on `model`, or null when Prisma must read them. */
export function sqliteRawBatchReader(schema: SchemaMeta, model: ModelMeta, where: Row, select: Row): RawBatchReader | null {
  if (schema.provider !== 'sqlite') return null;
  const keys = recordKeyFields(model).map((name) => fieldOf(model, name));
  const key = keys[0];
  if (keys.length !== 1 || !key || key.kind !== 'scalar' || (key.type !== 'Int' && key.type !== 'String')) return null;
  // A raw read gives an enum's values by their @map names, not Prisma's.
  if (model.fields.some((f) => f.kind === 'enum' && mapsValues(schema.enums, f.type))) return null;
  const fields: ValueFieldMeta[] = [];
  for (const [name, wanted] of Object.entries(select)) {
    if (wanted !== true) return null;
    const field = fieldOf(model, name);
    if (!field || field.isList || (field.kind === 'scalar' && !EXACT_TYPES.has(field.type))) return null;
    fields.push(field);
  }
  const condition = simpleWhereSql('sqlite', model, where, schema.enums);
  if (!condition || fields.length === 0) return null;

  const column = (field: ValueFieldMeta) => quoteName('sqlite', field.dbName ?? field.name);
  const bound: unknown[] = [];
  const filter = condition(column, (value) => (bound.push(value), '?'));
  const from = `SELECT ${fields.map((f) => `${column(f)} AS ${quoteName('sqlite', f.name)}`).join(', ')} FROM ${qualifiedTable('sqlite', null, model.dbName)}`;
  const first = `${from} WHERE (${filter}) ORDER BY ${column(key)} LIMIT ?`;
  const next = `${from} WHERE (${filter}) AND ${column(key)} > ? ORDER BY ${column(key)} LIMIT ?`;
  const checks = fields.map((field) => ({ name: field.name, fits: fitsOf(schema.enums, field) }));
  return async (client, after, take) => {
    const raw = client as unknown as RawClient;
    const rows = after === undefined ? await raw.$queryRawUnsafe(first, ...bound, take) : await raw.$queryRawUnsafe(next, ...bound, after, take);
    for (const row of rows) for (const { name, fits } of checks) if (!fits(row[name])) return null;
    return rows;
  };
}

/**
 * Whether a raw value is the one Prisma gives for the field. The driver adapter types a raw result by the column's
 * declared SQL type, which a database not made by Prisma's migrations may declare otherwise (an Int in a BIGINT
 * column comes back as a bigint): then the walk goes on through Prisma.
 */
function fitsOf(enums: EnumMeta[], field: ValueFieldMeta): (value: unknown) => boolean {
  const nullable = (fits: (value: unknown) => boolean) => (value: unknown) => value === null ? !field.isRequired : fits(value);
  if (field.kind === 'enum') {
    const names = new Set(enums.find((e) => e.name === field.type)?.values.map((v) => v.name));
    return nullable((value) => typeof value === 'string' && names.has(value));
  }
  switch (field.type) {
    case 'Int': return nullable(Number.isInteger);
    case 'Float': return nullable((value) => typeof value === 'number');
    case 'Boolean': return nullable((value) => typeof value === 'boolean');
    default: return nullable((value) => typeof value === 'string');
  }
}

function mapsValues(enums: EnumMeta[], name: string): boolean {
  return enums.find((e) => e.name === name)?.values.some((v) => v.dbName !== v.name) ?? true;
}
