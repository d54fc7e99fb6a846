// New rows of one model as multi-row `INSERT … VALUES … RETURNING <key>` statements of bound values, for the import's
// default-saveModel path. Why: Prisma's createManyAndReturn costs ~150–300 µs of CPU per row (its cost grows with the
// bound values it serializes and maps), the raw statement ~25–40 µs. The values go to Prisma's raw query as they are
// (Decimal, BigInt, Uint8Array, boolean; a Date as the text or number the adapter would make of it, boundDateFormat),
// so the driver adapter converts each the way it does for Prisma's own create (SQLite: its timestampFormat, booleans
// as 1/0, decimals as REAL); what Prisma itself adds before that is
// done here the same way: enum values by their @map, Json as its JSON text (DbNull as NULL), @map/@@map names, and the
// defaults Prisma fills in the client (now(), @updatedAt, uuid()). Anything it cannot reproduce exactly is reported by
// rawCreateObstacle, and the caller writes those rows through Prisma instead.
import { randomUUID } from 'node:crypto';
import { recordKeyFields } from '../schema/record-key.ts';
import type { EnumMeta, FieldMeta, ModelMeta, Provider, ValueFieldMeta } from '../schema/types.ts';
import { boundDateFormat, type DateFormatter } from './raw-date-format.ts';
import { isTextKey, keyFromText } from './raw-keys.ts';
import { qualifiedTable, quoteName, type RawClient } from './raw-sql-names.ts';

type Row = Record<string, unknown>;

/** The schema parts a raw create reads: the provider, the enums (their values' @map), the driver adapter's schema. */
export interface RawCreateTarget {
  provider: Provider;
  enums: EnumMeta[];
  postgresSchema?: string | null;
  model: ModelMeta;
}

// Bound values per statement: SQLite's default limit (SQLITE_MAX_VARIABLE_NUMBER) before 3.32 was 999, PostgreSQL's
// wire protocol counts them in 16 bits; Prisma keeps below the same.
const MAX_BOUND_VALUES: Partial<Record<Provider, number>> = { sqlite: 999, postgresql: 32_766 };

// Defaults the database gives a column left out of the INSERT, as Prisma's createMany leaves it out.
const DATABASE_DEFAULTS = new Set(['autoincrement', 'dbgenerated', 'sequence']);
// PostgreSQL native types whose Date the adapter formats by the column's type, which a raw statement does not pass.
const TYPED_DATES = new Set(['Date', 'Time', 'Timetz']);

/**
 * Why these rows cannot be written by rawCreateMany exactly as Prisma's createMany writes them (a default Prisma
 * generates that this does not: cuid(), ulid(), nanoid(), uuid(7); a value or a type it does not convert), or null.
 * `returning`: the fields read back besides the key (each a String field, or a key of Int, BigInt or String).
 */
export function rawCreateObstacle(target: RawCreateTarget, rows: Row[], returning: string[] = []): string | null {
  const { provider, model } = target;
  if (!MAX_BOUND_VALUES[provider]) return `no raw INSERT for ${provider}`;
  if (recordKeyFields(model).length === 0) return 'the model has no record key';
  for (const name of [...recordKeyFields(model), ...returning]) {
    const field = fieldOf(model, name);
    if (!isTextKey(field)) return `${name} cannot be read back as text`;
  }
  const present = new Set<string>();
  for (const row of rows) for (const [name, value] of Object.entries(row)) if (value !== undefined) present.add(name);
  if (present.size === 0) return 'a row sets no column';
  for (const name of present) {
    const field = fieldOf(model, name);
    if (!field || (field.kind !== 'scalar' && field.kind !== 'enum')) return `${name} is not a column of ${model.name}`;
    const problem = valueObstacle(provider, field, rows.map((row) => row[name]));
    if (problem) return `${name}: ${problem}`;
  }
  for (const field of model.fields) {
    if ((field.kind !== 'scalar' && field.kind !== 'enum') || rows.every((row) => row[field.name] !== undefined)) continue;
    if (generatedDefault(field) === 'unknown') return `${field.name}: Prisma generates its default (${describeDefault(field)})`;
  }
  return null;
}

/**
 * Inserts `rows` (checked by rawCreateObstacle) and returns, per row written, its key fields and `returning` fields
 * as Prisma reads them (in the database's order, not necessarily the rows').
 */
export async function rawCreateMany(client: RawClient, target: RawCreateTarget, rows: Row[], returning: string[] = []): Promise<Row[]> {
  const { provider, model } = target;
  const now = new Date();
  // Per column, once: what a row's value becomes, and what a row that leaves it out gets (a uuid() anew each time).
  const valueFields = model.fields.filter((f): f is ValueFieldMeta => f.kind === 'scalar' || f.kind === 'enum');
  const dateFormat = valueFields.some(isDateColumn) ? await boundDateFormat(client, provider) : null;
  const columns = valueFields.map((field) => {
    const bind = binderOf(target, field, dateFormat);
    const generated = generatedDefault(field);
    const fixed = generated === 'uuid' ? undefined : bind(defaultValue(field, now));
    return { field, bind, fill: generated === 'uuid' ? () => randomUUID() : () => fixed };
  });
  const groups = new Map<string, { fields: ValueFieldMeta[]; values: unknown[][] }>();
  for (const row of rows) {
    const fields: ValueFieldMeta[] = [];
    const values: unknown[] = [];
    for (const { field, bind, fill } of columns) {
      const given = row[field.name];
      const value = given !== undefined ? bind(given) : fill();
      if (value === undefined) continue;
      fields.push(field);
      values.push(value);
    }
    const signature = fields.map((f) => f.name).join('\0');
    const group = groups.get(signature) ?? { fields, values: [] };
    groups.set(signature, group);
    group.values.push(values);
  }
  const read = [...recordKeyFields(model), ...returning].map((name) => fieldOf(model, name)!);
  const table = qualifiedTable(provider, target.postgresSchema, model.dbName);
  const column = (field: FieldMeta) => quoteName(provider, field.dbName ?? field.name);
  const returned = read.map((field, i) => `CAST(${column(field)} AS TEXT) AS ${quoteName(provider, `c${i}`)}`).join(', ');
  const written: Row[] = [];
  for (const { fields, values } of groups.values()) {
    const perStatement = Math.max(1, Math.floor(MAX_BOUND_VALUES[provider]! / fields.length));
    for (let at = 0; at < values.length; at += perStatement) {
      const chunk = values.slice(at, at + perStatement);
      let bound = 0;
      const tuples = chunk.map((tuple) => `(${tuple.map(() => (provider === 'postgresql' ? `$${++bound}` : '?')).join(', ')})`);
      const sql = `INSERT INTO ${table} (${fields.map(column).join(', ')}) VALUES ${tuples.join(', ')} RETURNING ${returned}`;
      const result = await client.$queryRawUnsafe<Array<Record<string, string | null>>>(sql, ...chunk.flat());
      for (const line of result) written.push(Object.fromEntries(read.map((field, i) => [field.name, textValue(field, line[`c${i}`])])));
    }
  }
  return written;
}

function isDateColumn(field: ValueFieldMeta): boolean {
  return field.kind === 'scalar' && field.type === 'DateTime' && !field.isList;
}

function fieldOf(model: ModelMeta, name: string): FieldMeta | undefined {
  return model.fields.find((f) => f.name === name);
}

function textValue(field: FieldMeta, text: string | null): unknown {
  return text === null ? null : keyFromText(field, text);
}

/** What keeps a field's given values from going in as bound values, or null. */
export function valueObstacle(provider: Provider, field: ValueFieldMeta, values: unknown[]): string | null {
  if (field.isList) {
    if (provider !== 'postgresql') return 'a scalar list';
    if (field.kind === 'scalar' && (field.type === 'Json' || field.type === 'Bytes')) return `a list of ${field.type}`;
    if (values.some((v) => v !== undefined && v !== null && !Array.isArray(v))) return 'a list field given a single value';
  }
  if (field.kind === 'scalar' && field.type === 'DateTime' && provider === 'postgresql' && field.nativeType && TYPED_DATES.has(field.nativeType.name)) return `a DateTime of @db.${field.nativeType.name}`;
  if (field.kind === 'scalar' && field.type === 'Json' && values.some((v) => isPrismaNull(v) && !['DbNull', 'JsonNull'].includes(prismaNullName(v)!))) return 'an AnyNull';
  return null;
}

/** How the raw statement binds a value of the field (null and undefined stay as they are). */
export function binderOf(target: RawCreateTarget, field: ValueFieldMeta, dateFormat: DateFormatter | null): (value: unknown) => unknown {
  if (dateFormat && isDateColumn(field)) return (value) => (value instanceof Date ? dateFormat(value) : value);
  if (field.kind === 'enum') {
    const dbNames = new Map((target.enums.find((e) => e.name === field.type)?.values ?? []).map((v) => [v.name, v.dbName]));
    const dbName = (name: unknown) => dbNames.get(name as string) ?? name;
    return (value) => (value === null || value === undefined ? value : Array.isArray(value) ? value.map(dbName) : dbName(value));
  }
  if (field.type === 'Json') {
    return (value) => {
      if (value === null || value === undefined) return value;
      if (isPrismaNull(value)) return prismaNullName(value) === 'JsonNull' ? 'null' : null;
      return JSON.stringify(value);
    };
  }
  return (value) => value;
}

/**
 * The value Prisma writes for a field a row leaves out (as the field's type takes it: toBound converts it further),
 * undefined when the database gives it (or it stays NULL). Prisma writes a static default itself, not the column's
 * DEFAULT (which on SQLite stores a DateTime in a text form Prisma cannot read back).
 */
function defaultValue(field: ValueFieldMeta, now: Date): unknown {
  const generated = generatedDefault(field);
  if (generated === 'static') {
    const value = (field.default as { value: StaticDefault }).value;
    return Array.isArray(value) ? value.map((item) => staticValue(field, item)) : staticValue(field, value);
  }
  if (generated === 'unknown' || generated === null) return undefined;
  return generated === 'now' ? now : randomUUID();
}

type StaticDefault = string | number | boolean | null | Array<string | number | boolean>;

/** A static default of the schema (DMMF's JSON: BigInt, DateTime, Json and Bytes as text) as the field's value. */
function staticValue(field: ValueFieldMeta, value: string | number | boolean | null): unknown {
  if (value === null || field.kind === 'enum') return value;
  switch (field.type) {
    case 'BigInt':
      return BigInt(value as string | number);
    case 'DateTime':
      return new Date(value as string);
    case 'Bytes':
      return new Uint8Array(Buffer.from(String(value), 'base64'));
    case 'Json':
      return JSON.parse(String(value));
    default:
      return value;
  }
}

/** Which default Prisma writes for the field in the client: null when the database has it (or there is none). */
function generatedDefault(field: ValueFieldMeta): 'now' | 'uuid' | 'static' | 'unknown' | null {
  if (field.isUpdatedAt) return 'now';
  const value = field.default;
  if (!value) return null;
  if (value.kind === 'static') {
    // The metadata's Decimal went through a double: past 15 significant digits it may not be the schema's.
    const decimals = field.kind === 'scalar' && field.type === 'Decimal' ? [value.value].flat() : [];
    return decimals.some((d) => String(d).replace(/^[-+]?0*|\.|e.*$/gi, '').length >= 15) ? 'unknown' : 'static';
  }
  if (DATABASE_DEFAULTS.has(value.name)) return null;
  if (value.name === 'now') return 'now';
  if (value.name === 'uuid' && (value.args.length === 0 || Number(value.args[0]) === 4)) return 'uuid';
  return 'unknown';
}

function describeDefault(field: ValueFieldMeta): string {
  const value = field.default;
  if (value?.kind === 'static') return `the decimal ${String(value.value)}`;
  return value?.kind === 'function' ? `${value.name}(${value.args.join(', ')})` : '@updatedAt';
}

// Prisma's null markers (DbNull, JsonNull, AnyNull) of any copy of its runtime, by their class name.
function isPrismaNull(value: unknown): boolean {
  return prismaNullName(value) !== null;
}

function prismaNullName(value: unknown): string | null {
  if (!value || typeof value !== 'object') return null;
  const name = (value as object).constructor?.name;
  return name === 'DbNull' || name === 'JsonNull' || name === 'AnyNull' ? name : null;
}
