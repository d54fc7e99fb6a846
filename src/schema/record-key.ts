// The fields that address one record of a model in the admin (its URLs, `findUnique` wheres, list links): the
// primary key (`@id` or `@@id`), else the first `@unique` / `@@unique` whose fields are all required — a unique over
// an optional field may hold several nulls, so it names no single row. A model with neither (some views, log tables)
// has no record key: it is listed, never addressed.
import type { ModelMeta, ValueFieldMeta } from './types.ts';

export interface RecordKey {
  /** Prisma's name for the compound where input (`userId_groupId`, `@@id(name: ...)`); the field's own for one field. */
  name: string;
  /** Empty when the model has no record key. */
  fields: string[];
  kind: 'id' | 'unique' | 'none';
}

const cache = new WeakMap<ModelMeta, RecordKey>();

export function recordKeyOf(model: ModelMeta): RecordKey {
  let key = cache.get(model);
  if (!key) {
    key = chooseRecordKey(model);
    cache.set(model, key);
  }
  return key;
}

/** The record key's fields (empty when there is none). */
export function recordKeyFields(model: ModelMeta): string[] {
  return recordKeyOf(model).fields;
}

function chooseRecordKey(model: ModelMeta): RecordKey {
  const pk = model.primaryKey;
  if (pk.fields.length > 0) return { name: pk.name ?? pk.fields.join('_'), fields: [...pk.fields], kind: 'id' };
  const usable = (name: string) => {
    const field = model.fields.find((f): f is ValueFieldMeta => f.name === name && (f.kind === 'scalar' || f.kind === 'enum'));
    return !!field && field.isRequired && !field.isList && !(field.kind === 'scalar' && field.type === 'Json');
  };
  const unique = model.uniques.find((u) => u.fields.length > 0 && u.fields.every(usable));
  if (unique) return { name: unique.name, fields: [...unique.fields], kind: 'unique' };
  return { name: '', fields: [], kind: 'none' };
}
