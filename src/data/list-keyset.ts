// Keyset pagination over a list's order: "the rows after this one" as a Prisma where, so a walk over every matching
// row reads batch after batch through the order's index instead of skipping rows (no OFFSET). The order ends with the
// primary key (list-query.ts), which makes every position unique. NULLs sort where the database puts them: first in
// ascending order on SQLite and MySQL (NULL is the smallest value there), last on PostgreSQL (the largest).
import { recordKeyFields } from '../schema/record-key.ts';
import type { ModelMeta, Provider, SchemaMeta } from '../schema/types.ts';

type Where = Record<string, unknown>;
type Row = Record<string, unknown>;
export interface KeysetTerm {
  field: string;
  dir: 'asc' | 'desc';
  /** An optional field: its NULLs have a place in the order, and its filters may name NULL. */
  nullable: boolean;
  /**
   * Booleans and enums have no `gt`/`lt` filter in Prisma: their values in the database's ascending order, for an
   * `in` of those after a value. (An enum sorts by declaration on PostgreSQL and MySQL, by its stored text on SQLite.)
   */
  values?: unknown[];
}

/** The order's terms as fields of the model, or null where one orders through a relation (no keyset then). */
export function keysetTerms(schema: SchemaMeta, model: ModelMeta, orderBy: Record<string, unknown>[]): KeysetTerm[] | null {
  const terms: KeysetTerm[] = [];
  for (const term of orderBy) {
    const [field, dir] = Object.entries(term)[0] ?? [];
    const meta = model.fields.find((f) => f.name === field);
    if ((dir !== 'asc' && dir !== 'desc') || !meta || (meta.kind !== 'scalar' && meta.kind !== 'enum') || meta.isList) return null;
    const values = meta.kind === 'enum' ? enumOrder(schema, meta.type) : meta.type === 'Boolean' ? [false, true] : undefined;
    if (meta.kind === 'enum' && !values) return null;
    terms.push({ field, dir, nullable: !meta.isRequired, values });
  }
  return recordKeyFields(model).every((pk) => terms.some((t) => t.field === pk)) ? terms : null;
}

function enumOrder(schema: SchemaMeta, name: string): string[] | undefined {
  const meta = schema.enums.find((e) => e.name === name);
  if (!meta) return undefined;
  const values = [...meta.values];
  if (schema.provider === 'sqlite') values.sort((a, b) => (a.dbName < b.dbName ? -1 : a.dbName > b.dbName ? 1 : 0));
  return values.map((v) => v.name);
}

/** The primary key in ascending order: the walk's order where the list's order cannot be walked by keyset. */
export function primaryKeyTerms(model: ModelMeta): KeysetTerm[] {
  return recordKeyFields(model).map((field) => ({ field, dir: 'asc', nullable: false }));
}

/** Where NULL sorts in ascending order: after every value (PostgreSQL), or before (SQLite, MySQL). */
function nullsLargest(provider: Provider): boolean {
  return provider === 'postgresql' || provider === 'cockroachdb';
}

/**
 * The rows strictly after `row` in the order of `terms`, as disjoint branches in the order's sequence: every row of a
 * branch comes before every row of the next. Branch k is "equal on the first k terms, after on term k"; they come
 * deepest first (equal on all but the last term, then …, then after on the first). Each is an index range of its own
 * (equalities on a prefix, a range on the next column), which SQLite and PostgreSQL serve from the order's index
 * starting at `row`. As one OR they did not: SQLite read the index from the list's start, PostgreSQL every row of the
 * OR's branches (1.9 s a batch halfway through 1,000,000 rows); and a bound on the first term alone still read every
 * row of a run of equal values for each batch (a 1,000,000-row export sorted by a column of 40 values: 183 s on
 * PostgreSQL). Empty when no row can come after it.
 */
export function rowsAfter(provider: Provider, terms: KeysetTerm[], row: Row): Where[] {
  const branches: Where[] = [];
  for (let i = terms.length - 1; i >= 0; i--) {
    const equal = terms.slice(0, i).map((t) => ({ [t.field]: row[t.field] ?? null }));
    const after = valueAfter(provider, terms[i], row[terms[i].field]);
    if (after) branches.push(equal.length ? { AND: [...equal, after] } : after);
  }
  return branches;
}

/** The term's values that sort after `value`, or null when none does. */
function valueAfter(provider: Provider, term: KeysetTerm, value: unknown): Where | null {
  // Whether NULLs come after every value in this direction.
  const nullsLast = (term.dir === 'asc') === nullsLargest(provider);
  if (value === null || value === undefined) return nullsLast ? null : { [term.field]: { not: null } };
  const beyond = valuesBeyond(term, value);
  if (!nullsLast || !term.nullable) return beyond;
  return beyond ? { OR: [beyond, { [term.field]: null }] } : { [term.field]: null };
}

function valuesBeyond(term: KeysetTerm, value: unknown): Where | null {
  if (!term.values) return { [term.field]: { [term.dir === 'asc' ? 'gt' : 'lt']: value } };
  const at = term.values.indexOf(value);
  const later = term.dir === 'asc' ? term.values.slice(at + 1) : term.values.slice(0, Math.max(at, 0));
  // A boolean has no `in` filter either: after false there is only true.
  return later.length === 0 ? null : later.length === 1 ? { [term.field]: later[0] } : { [term.field]: { in: later } };
}
