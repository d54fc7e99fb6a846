// The bulk edit's write of one batch as ONE raw `UPDATE <table> SET <columns> WHERE <key> IN <the batch's keys>`, the
// keys bound as one value (PostgreSQL: `= ANY($n)`, an array; SQLite: `IN (SELECT value FROM json_each(?))`, a JSON
// array), the values converted as rawCreateMany converts them (enum @map, Json as its text; the driver adapter does
// the rest as for Prisma's own queries) and every @updatedAt column set to the statement's time, as Prisma's
// updateMany sets it. Why: Prisma's updateMany by 2,000 keys serializes every key as a bound value: 3.4 µs of CPU per
// row on SQLite, against 1.4 µs for this statement. MySQL/MariaDB and compound keys keep Prisma's updateMany.
import { recordKeyFields } from '../schema/record-key.ts';
import type { ModelMeta, ValueFieldMeta } from '../schema/types.ts';
import { binderOf, valueObstacle, type RawCreateTarget } from './raw-create-many.ts';
import { qualifiedTable, quoteName } from './raw-sql-names.ts';

type Row = Record<string, unknown>;
export type RawExecutor = { $executeRawUnsafe(sql: string, ...values: unknown[]): Promise<number> };

/** Why `data` cannot be written to rows of the model by rawUpdateMany exactly as updateMany writes it, or null. */
export function rawUpdateObstacle(target: RawCreateTarget, data: Row): string | null {
  const { provider, model } = target;
  if (provider !== 'sqlite' && provider !== 'postgresql') return `no raw UPDATE for ${provider}`;
  const keys = recordKeyFields(model).map((name) => fieldOf(model, name));
  const key = keys[0];
  // SQLite's JSON has no big integers.
  if (keys.length !== 1 || key?.kind !== 'scalar' || key.isList || !(key.type === 'Int' || key.type === 'String' || (key.type === 'BigInt' && provider === 'postgresql'))) return 'not a one-column Int or String key';
  const names = Object.keys(data);
  if (names.length === 0) return 'nothing to set';
  for (const name of names) {
    const field = fieldOf(model, name);
    if (!field) return `${name} is not a column of ${model.name}`;
    const problem = valueObstacle(provider, field, [data[name]]);
    if (problem) return `${name}: ${problem}`;
  }
  return null;
}

/** Sets `data` (checked by rawUpdateObstacle) on the rows of `keys`; returns how many rows it changed. */
export async function rawUpdateMany(client: RawExecutor, target: RawCreateTarget, keys: Row[], data: Row): Promise<number> {
  const { provider, model } = target;
  const keyField = fieldOf(model, recordKeyFields(model)[0])!;
  const values: unknown[] = [];
  const placeholder = (value: unknown) => {
    values.push(value);
    return provider === 'postgresql' ? `$${values.length}` : '?';
  };
  const column = (field: ValueFieldMeta) => quoteName(provider, field.dbName ?? field.name);
  const now = new Date();
  const sets = model.fields.flatMap((field) => {
    if (field.kind !== 'scalar' && field.kind !== 'enum') return [];
    if (field.name in data) return [`${column(field)} = ${placeholder(binderOf(target, field, null)(data[field.name]))}`];
    return field.isUpdatedAt ? [`${column(field)} = ${placeholder(now)}`] : [];
  });
  const ids = keys.map((key) => key[keyField.name]);
  // SQLite takes the JSON as UTF-8 bytes: Prisma passes a raw query's strings through JSON once more.
  const where = provider === 'postgresql' ? `= ANY(${placeholder(ids)})` : `IN (SELECT value FROM json_each(CAST(${placeholder(Buffer.from(JSON.stringify(ids)))} AS TEXT)))`;
  const sql = `UPDATE ${qualifiedTable(provider, target.postgresSchema, model.dbName)} SET ${sets.join(', ')} WHERE ${column(keyField)} ${where}`;
  return client.$executeRawUnsafe(sql, ...values);
}

/** The model's scalar or enum field of that name (a column), or undefined. */
export function fieldOf(model: ModelMeta, name: string): ValueFieldMeta | undefined {
  const field = model.fields.find((f) => f.name === name);
  return field && (field.kind === 'scalar' || field.kind === 'enum') ? field : undefined;
}
