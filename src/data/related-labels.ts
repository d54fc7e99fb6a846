// One query for every related label a list page needs: the labels of its relation columns (for the rows shown) and
// the choices of its relation filters. Prisma would run one query per relation; this runs one UNION ALL over all of
// them, built from metadata only (table and column names from the schema, every value a bound parameter), so a list
// page costs three queries whatever its relation columns and filters. Used where it applies (single-column keys of
// Int/BigInt/String type, a String label field or none, SQLite/PostgreSQL/MySQL); otherwise the caller uses Prisma.
import type { ModelMeta, Provider, RelationFieldMeta, ValueFieldMeta } from '../schema/types.ts';
import { qualifiedTable, quoteName, type RawClient } from './raw-sql-names.ts';
import { isTextKey } from './raw-keys.ts';
import type { SqlCondition } from './simple-where-sql.ts';

export interface LabelBranch {
  /** The related model and the field the relation references (its single-column key). */
  model: ModelMeta;
  keyField: ValueFieldMeta;
  labelField: ValueFieldMeta | null;
  /** Column labels: the keys of the rows shown. */
  keys?: unknown[];
  /** Filter choices: the first `limit` records by label. */
  limit?: number;
  /** Only rows matching this (the related admin's scope, see simple-where-sql.ts). */
  condition?: SqlCondition;
  /**
   * The first `limit` distinct values of `keyField` in the database's order (as Prisma's groupBy with orderBy asc
   * reads them, null included), instead of records: a String filter's choices. SQLite and PostgreSQL only.
   */
  distinct?: boolean;
}

export interface LabelRow {
  key: string;
  label: string | null;
}

/** The key and label fields of a relation's target, when one batched query can read them; else null. */
export function labelBranchFields(relation: RelationFieldMeta, related: ModelMeta, labelField: string | null): { keyField: ValueFieldMeta; labelField: ValueFieldMeta | null } | null {
  if (relation.toFields.length !== 1) return null;
  const keyField = related.fields.find((f) => f.name === relation.toFields[0]);
  if (!keyField || !isTextKey(keyField)) return null;
  const label = labelField ? related.fields.find((f) => f.name === labelField) : undefined;
  if (labelField && (!label || label.kind !== 'scalar' || label.type !== 'String')) return null;
  return { keyField, labelField: (label as ValueFieldMeta | undefined) ?? null };
}

/** Runs every branch in one query; returns each branch's rows, in branch order. */
export async function fetchLabels(client: unknown, provider: Provider, branches: LabelBranch[], postgresSchema?: string | null): Promise<LabelRow[][]> {
  const wanted = branches.map((b) => (b.keys ? b.keys.length > 0 : true));
  if (!wanted.some(Boolean)) return branches.map(() => []);
  const quote = (n: string) => quoteName(provider, n);
  const text = provider === 'mysql' ? 'CHAR' : 'TEXT';
  const params: unknown[] = [];
  const placeholder = () => {
    params.push(undefined);
    return provider === 'postgresql' ? `$${params.length}` : '?';
  };
  const parts: string[] = [];
  branches.forEach((branch, i) => {
    if (!wanted[i]) return;
    const table = qualifiedTable(provider, postgresSchema, branch.model.dbName);
    const key = quote(branch.keyField.dbName ?? branch.keyField.name);
    const label = branch.labelField ? `CAST(${quote(branch.labelField.dbName ?? branch.labelField.name)} AS ${text})` : 'NULL';
    // `n`: a distinct branch's place in the database's order, which UNION ALL does not keep (other branches are sorted here).
    const place = branch.distinct ? `ROW_NUMBER() OVER (ORDER BY ${key})` : '0';
    let inner = `SELECT ${i} AS ${quote('b')}, CAST(${key} AS ${text}) AS ${quote('k')}, ${label} AS ${quote('l')}, ${place} AS ${quote('n')} FROM ${table}`;
    const bind = (value: unknown) => {
      const mark = placeholder();
      params[params.length - 1] = value;
      return mark;
    };
    const conditions: string[] = [];
    if (branch.keys) conditions.push(`${key} IN (${branch.keys.map(bind).join(', ')})`);
    if (branch.condition) conditions.push(`(${branch.condition((f) => quote(f.dbName ?? f.name), bind)})`);
    if (conditions.length) inner += ` WHERE ${conditions.join(' AND ')}`;
    if (branch.distinct) inner += ` GROUP BY ${key} ORDER BY ${key} LIMIT ${Math.max(1, Math.floor(branch.limit ?? 100))}`;
    else if (!branch.keys) {
      const order = branch.labelField ? `${quote(branch.labelField.dbName ?? branch.labelField.name)}, ${key}` : key;
      inner += ` ORDER BY ${order} LIMIT ${Math.max(1, Math.floor(branch.limit ?? 100))}`;
    }
    parts.push(`SELECT * FROM (${inner}) AS ${quote(`t${i}`)}`);
  });
  const rows = await (client as RawClient).$queryRawUnsafe<{ b: number | bigint; k: string | null; l: string | null; n: number | bigint }[]>(parts.join(' UNION ALL '), ...params);
  const result: LabelRow[][] = branches.map(() => []);
  const places: number[][] = branches.map(() => []);
  for (const row of rows) {
    // Only a distinct branch reads a null (the field's null value), which is no choice.
    if (row.k === null) continue;
    const b = Number(row.b);
    result[b].push({ key: String(row.k), label: row.l === null ? null : String(row.l) });
    places[b].push(Number(row.n));
  }
  // UNION ALL keeps no order across branches: restore each filter branch's order by label, a distinct one's by place.
  branches.forEach((branch, i) => {
    if (branch.distinct) {
      const order = result[i].map((row, j) => ({ row, place: places[i][j] })).sort((a, b) => a.place - b.place);
      result[i] = order.map((o) => o.row);
    } else if (!branch.keys) result[i].sort((a, b) => compareText(a.label ?? a.key, b.label ?? b.key) || compareText(a.key, b.key));
  });
  return result;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
