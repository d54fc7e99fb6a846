// The search box's where: every term (a word, or a "quoted phrase") must match at least one search field, as in
// Django. Each field matches by its prefix in searchFields: contains (none), starts with (`^`), exact (`=`), or full
// text (`@`, through the keys that full-text-search.ts found; contains where the database gave none). A field through
// a to-one relation is matched inside `is`, through a to-many one inside `some`, so a post with two matching tags is
// still one row.
import type { ResolvedModelAdmin, SearchMode, SearchPath } from '../admin/resolve-model-admin.ts';
import type { SchemaMeta } from '../schema/types.ts';
import { searchFieldOf, searchTermMatch } from './native-search.ts';
import { parseSearchTerms, type SearchTerm } from './search-terms.ts';

type Where = Record<string, unknown>;

/**
 * The full-text matches of a search: per search path (by index in admin.search) and term, the keys that match. An
 * entry with `candidates` (SQLite's trigram tables, trigram-search.ts) holds a superset of a contains search's rows:
 * the search keeps its own condition and is narrowed to those keys.
 */
export type FullTextKeys = Map<string, { keyField: string; keys: unknown[]; candidates?: true }>;
/**
 * Per search path through one to-one relation (by index in admin.search) and term: the foreign key of this model and
 * the related keys that match (relation-search-keys.ts), searched as `foreignKey in keys` instead of `relation is`.
 */
export type RelationKeys = Map<string, { foreignKey: string; keys: unknown[] }>;

export function fullTextKey(pathIndex: number, term: SearchTerm): string {
  return `${pathIndex}:${term.phrase ? '"' : ''}${term.text}`;
}

export function buildSearch(schema: SchemaMeta, admin: Pick<ResolvedModelAdmin, 'model' | 'search'>, search: string, fullText?: FullTextKeys, relationKeys?: RelationKeys): Where | null {
  const terms = searchTermsOf(schema, admin, search);
  if (terms.length === 0) return null;
  const perTerm = terms.map((term) => ({ OR: termClauses(schema, admin, term, fullText, relationKeys).filter((clause): clause is Where => clause !== null) }));
  return perTerm.length === 1 ? perTerm[0] : { AND: perTerm };
}

/** Per search path (in admin.search's order), the where of one term on it, or null where it cannot match. */
export function termClauses(schema: SchemaMeta, admin: Pick<ResolvedModelAdmin, 'model' | 'search'>, term: SearchTerm, fullText?: FullTextKeys, relationKeys?: RelationKeys): (Where | null)[] {
  return admin.search.map((path, i) => {
    const matches = pathMatches(schema, admin, path, i, term, fullText);
    if (matches === null) return null;
    const resolved = relationKeys?.get(fullTextKey(i, term));
    return resolved ? { [resolved.foreignKey]: { in: resolved.keys } } : withinRelations(path, matches);
  });
}

/** The terms of a search that narrow anything. */
export function searchTermsOf(schema: SchemaMeta, admin: Pick<ResolvedModelAdmin, 'search'>, search: string): SearchTerm[] {
  if (!search || admin.search.length === 0) return [];
  // PostgreSQL needs `mode` for case-insensitivity; SQLite's LIKE and MySQL's default collations already ignore case.
  // A term of wildcards only cannot narrow anything on SQLite: it is left to the literal pass.
  return parseSearchTerms(search).filter((t) => schema.provider !== 'sqlite' || /[^%_]/.test(t.text));
}

/** The where of one term on the search path's own field (on its model, inside the relations), or null when none can match. */
export function pathMatches(schema: SchemaMeta, admin: Pick<ResolvedModelAdmin, 'model'>, path: SearchPath, i: number, term: SearchTerm, fullText?: FullTextKeys): Where | null {
  // The variants stay inside the relation filter: one join per relation path, not one per variant.
  // A column that LIKE cannot read (uuid, inet, ...) is matched exactly, when the term is a value of its type.
  const exact = searchTermMatch(schema, searchFieldOf(schema, admin.model, path), term.text);
  const found = fullText?.get(fullTextKey(i, term));
  const matches = exact !== undefined ? (exact === null ? [] : [{ [path.field]: exact }])
    : path.mode === 'fullText' && found && !found.candidates ? [{ [found.keyField]: { in: found.keys } }]
    : termMatches(schema, term.text, path.field, path.mode);
  // No candidate: nothing to match (an `id in []` arm inside the OR would not spare SQLite the scan of every row).
  if (matches.length === 0 || (found?.candidates && exact === undefined && found.keys.length === 0)) return null;
  const match = matches.length === 1 ? matches[0] : { OR: matches };
  return found?.candidates && exact === undefined ? { AND: [{ [found.keyField]: { in: found.keys } }, match] } : match;
}

function withinRelations(path: SearchPath, clause: Where): Where {
  let wrapped = clause;
  for (let i = path.relations.length - 1; i >= 0; i--) wrapped = { [path.relations[i]]: { [path.toMany[i] ? 'some' : 'is']: wrapped } };
  return wrapped;
}

/**
 * The filters that find a term in a field as typed, whatever its case, with `%` and `_` taken literally.
 * PostgreSQL: `mode: 'insensitive'` and backslash escapes. MySQL/MariaDB: case-insensitive collations, backslash
 * escapes. SQLite's LIKE ignores case for ASCII only and Prisma gives it no ESCAPE clause: the term is also tried in
 * lower, upper and title case, and a term with wildcards narrows by its pieces between them; the changelist then
 * keeps only literal matches (sqlite-literal-search.ts). SQLite compares `equals` by byte: the same variants.
 */
function termMatches(schema: SchemaMeta, text: string, field: string, mode: SearchMode): Where[] {
  const operator = mode === 'startsWith' ? 'startsWith' : mode === 'exact' ? 'equals' : 'contains';
  const value = operator === 'equals' ? text : escapeLike(text);
  if (schema.provider === 'postgresql' || schema.provider === 'cockroachdb') return [{ [field]: { [operator]: value, mode: 'insensitive' } }];
  if (schema.provider !== 'sqlite') return [{ [field]: { [operator]: value } }];
  const variants = (piece: string, op: string) => caseVariants(piece).map((v) => ({ [field]: { [op]: v } }));
  if (operator === 'equals') return variants(text, operator);
  const pieces = likePieces(text);
  if (pieces.length === 1 && pieces[0] === text) return variants(text, operator);
  return [{ AND: pieces.map((p) => ({ OR: variants(p, 'contains') })) }];
}

/** The spellings SQLite's search tries for a piece of a term (its LIKE ignores the case of ASCII letters only). */
export function caseVariants(piece: string): string[] {
  return [...new Set([piece, piece.toLowerCase(), piece.toUpperCase(), piece.charAt(0).toUpperCase() + piece.slice(1).toLowerCase()])];
}

/** A term's pieces between SQLite's LIKE wildcards (`%`, `_`), each searched on its own. */
export function likePieces(text: string): string[] {
  return text.split(/[%_]+/).filter(Boolean);
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}
