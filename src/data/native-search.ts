// Search on String columns whose database type is not text: PostgreSQL refuses LIKE/ILIKE on uuid, inet, xml and bit
// columns (Prisma's `contains` becomes ILIKE), SQL Server's uniqueidentifier and MongoDB's ObjectId are ids, not
// text. Such a column is matched by equality when the searched word is a value of its type, and skipped otherwise.
import { isIP } from 'node:net';
import type { SearchPath } from '../admin/resolve-model-admin.ts';
import { findModel } from '../schema/lookup.ts';
import type { FieldMeta, ModelMeta, SchemaMeta, ValueFieldMeta } from '../schema/types.ts';

const UUID = /^\{?([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})\}?$/i;
const OBJECT_ID = /^[0-9a-f]{24}$/i;
const BITS = /^[01]+$/;

type Exact = (word: string) => string | null;

const uuid: Exact = (word) => {
  const m = UUID.exec(word);
  return m ? m.slice(1).join('-').toLowerCase() : null;
};

const inet: Exact = (word) => {
  const [address, prefix, ...rest] = word.split('/');
  if (rest.length > 0 || isIP(address) === 0) return null;
  if (prefix !== undefined && !(/^\d{1,3}$/.test(prefix) && Number(prefix) <= (isIP(address) === 4 ? 32 : 128))) return null;
  return word.toLowerCase();
};

/** Per provider, the non-text native types of String fields and how a word matches them (null: it never does). */
const EXACT_BY_PROVIDER: Partial<Record<SchemaMeta['provider'], Record<string, Exact | null>>> = {
  postgresql: { Uuid: uuid, Inet: inet, Bit: (w) => (BITS.test(w) ? w : null), VarBit: (w) => (BITS.test(w) ? w : null), Xml: null },
  cockroachdb: { Uuid: uuid, Inet: inet, Bit: (w) => (BITS.test(w) ? w : null), VarBit: (w) => (BITS.test(w) ? w : null) },
  sqlserver: { UniqueIdentifier: uuid },
  mongodb: { ObjectId: (w) => (OBJECT_ID.test(w) ? w.toLowerCase() : null) },
};

/** The searched field's metadata: `path.field` on the model reached through `path.relations`. */
export function searchFieldOf(schema: SchemaMeta, model: ModelMeta, path: SearchPath): ValueFieldMeta | undefined {
  let current: ModelMeta | undefined = model;
  for (const name of path.relations) {
    const relation: FieldMeta | undefined = current?.fields.find((f) => f.name === name);
    current = relation?.kind === 'relation' ? findModel(schema, relation.type) : undefined;
  }
  const field = current?.fields.find((f) => f.name === path.field);
  return field && (field.kind === 'scalar' || field.kind === 'enum') ? field : undefined;
}

/**
 * How `word` matches a field that LIKE cannot search: the value to compare for equality, null when the word can
 * match no value of that type, or undefined for a text column (search it with `contains`).
 */
export function searchTermMatch(schema: SchemaMeta, field: ValueFieldMeta | undefined, word: string): string | null | undefined {
  const native = field?.nativeType?.name;
  if (!native) return undefined;
  const table = EXACT_BY_PROVIDER[schema.provider];
  if (!table || !(native in table)) return undefined;
  return table[native]?.(word) ?? null;
}
