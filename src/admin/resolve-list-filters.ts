// Resolves `listFilter`: each entry becomes a filter of a kind chosen from the field's type. A field of the model or a
// path through to-one relations (`author.country`); a to-one relation (its records); a to-many relation (`tags`: "has
// tag X"); a custom filter. String and number fields get their kind (values, text, range) from the count of their
// distinct values at the first request (data/filters/scalar-kind.ts) unless `{ field, kind }` forces one.
import type { FieldMeta, ModelMeta, RelationFieldMeta, ScalarFieldMeta, SchemaMeta, ValueFieldMeta } from '../schema/types.ts';
import { findModel } from '../schema/lookup.ts';
import { AdminConfigError } from './config-error.ts';
import type { CustomFilter } from './columns.ts';
import { isToOne, labelFieldOf } from './field-kinds.ts';
import { SCALAR_FILTER_KINDS, type FieldFilterOption, type ScalarFilterKind } from './list-filter-option.ts';

/**
 * Filters of a value field (on the model, or at the end of `relations`, a path of to-one relations). `optional`: per
 * relation of the path, whether a row may have no related record (then the field has no value for it).
 */
type ValueFilter<K, F> = { name: string; title: string; kind: K; field: F; relations: string[]; optional: boolean[] };

export type ListFilter =
  | ValueFilter<'enum' | 'boolean' | 'date', ValueFieldMeta>
  /** String and number fields: `forced` kind, or chosen from the count of distinct values. */
  | (ValueFilter<'scalar', ScalarFieldMeta> & { forced: ScalarFilterKind | null })
  | { name: string; title: string; kind: 'relation'; field: RelationFieldMeta; related: ModelMeta; relatedLabelField: string | null }
  | { name: string; title: string; kind: 'many'; field: RelationFieldMeta; related: ModelMeta; relatedLabelField: string | null }
  | { name: string; title: string; kind: 'custom'; custom: CustomFilter; field: { isRequired: true } };

export type ListFilterEntry = string | CustomFilter | FieldFilterOption;

const NUMBER_TYPES = new Set(['Int', 'BigInt', 'Float', 'Decimal']);

/** The filters offered when the admin sets no listFilter: enums, Booleans, dates and to-one relations, as before. */
export function defaultFilterNames(model: ModelMeta): string[] {
  return model.fields.filter((f) => ['enum', 'boolean', 'date', 'relation'].includes(valueKind(f) ?? '')).map((f) => f.name);
}

export function resolveListFilters(schema: SchemaMeta, model: ModelMeta, entries: readonly ListFilterEntry[], labelOf: (field: FieldMeta) => string): ListFilter[] {
  const seen = new Set<string>();
  return entries.map((entry) => {
    const filter = typeof entry === 'string' ? fieldFilter(schema, model, entry, null, labelOf)
      : 'where' in entry ? customFilterOf(model.name, entry)
      : fieldFilter(schema, model, entry.field, entry.kind, labelOf);
    if (seen.has(filter.name)) throw new Error(`${model.name}Admin.listFilter: “${filter.name}” is listed twice.`);
    seen.add(filter.name);
    return filter;
  });
}

/** The prefix of a filter's URL parameters: `author.country` → `author__country` (as Django spells lookups). */
export function filterParamPrefix(filter: ListFilter): string {
  return filter.name.replaceAll('.', '__');
}

function fieldFilter(schema: SchemaMeta, model: ModelMeta, path: string, forced: ScalarFilterKind | null, labelOf: (field: FieldMeta) => string): ListFilter {
  const parts = String(path).split('.');
  let current = model;
  const relations: string[] = [];
  const optional: boolean[] = [];
  for (const part of parts.slice(0, -1)) {
    const step = current.fields.find((f) => f.name === part);
    if (!step || !isToOne(step)) throw new AdminConfigError(current.name, `listFilter (${path})`, part, current.fields.filter(isToOne).map((f) => f.name));
    relations.push(part);
    optional.push(!step.isRequired);
    current = findModel(schema, step.type)!;
  }
  const last = parts[parts.length - 1];
  const field = current.fields.find((f) => f.name === last);
  const kind = field ? valueKind(field) : null;
  const valid = current.fields.filter((f) => valueKind(f) !== null && (relations.length === 0 || f.kind !== 'relation'));
  if (!field || !kind || (relations.length > 0 && field.kind === 'relation')) throw new AdminConfigError(current.name, relations.length ? `listFilter (${path})` : 'listFilter', last, valid.map((f) => f.name));
  const title = relations.length ? `${labelOf(findOnPath(schema, model, relations))} ${labelOf(field).toLowerCase()}` : labelOf(field);
  if (forced !== null) checkForced(model.name, path, field, forced);
  if (kind === 'relation' || kind === 'many') {
    const related = findModel(schema, (field as RelationFieldMeta).type)!;
    return { name: path, title, kind, field: field as RelationFieldMeta, related, relatedLabelField: labelFieldOf(related) };
  }
  if (kind === 'scalar') return { name: path, title, kind, field: field as ScalarFieldMeta, relations, optional, forced };
  return { name: path, title, kind, field: field as ValueFieldMeta, relations, optional };
}

function findOnPath(schema: SchemaMeta, model: ModelMeta, relations: string[]): FieldMeta {
  let current = model;
  let field: FieldMeta | undefined;
  for (const rel of relations) {
    field = current.fields.find((f) => f.name === rel)!;
    current = findModel(schema, (field as RelationFieldMeta).type)!;
  }
  return field!;
}

function checkForced(modelName: string, path: string, field: FieldMeta, kind: ScalarFilterKind): void {
  const isString = field.kind === 'scalar' && field.type === 'String';
  const isNumber = field.kind === 'scalar' && NUMBER_TYPES.has(field.type);
  const fits = kind === 'text' ? isString : kind === 'values' ? isString || isNumber : isNumber;
  if (!SCALAR_FILTER_KINDS.includes(kind) || !fits) {
    const kinds = isString ? 'values, text' : isNumber ? 'values, range' : 'none (its kind follows from its type)';
    throw new Error(`${modelName}Admin.listFilter: “${path}” cannot be filtered as “${kind}”. Kinds for this field: ${kinds}.`);
  }
}

function valueKind(f: FieldMeta): 'enum' | 'boolean' | 'date' | 'scalar' | 'relation' | 'many' | null {
  if (f.kind === 'enum') return f.isList ? null : 'enum';
  if (f.kind === 'relation') return f.cardinality === 'many' ? 'many' : isToOne(f) ? 'relation' : null;
  if (f.kind !== 'scalar' || f.isList || f.isId) return null;
  if (f.type === 'Boolean') return 'boolean';
  if (f.type === 'DateTime') return 'date';
  if (f.type === 'String' || NUMBER_TYPES.has(f.type)) return 'scalar';
  return null;
}

function customFilterOf(modelName: string, custom: CustomFilter): ListFilter {
  if (!/^[A-Za-z]\w{0,63}$/.test(custom.name ?? '') || ['q', 'page', 'sort'].includes(custom.name)) {
    throw new Error(`${modelName}Admin.listFilter: “${custom.name}” is not a valid custom filter name (letters, digits and _, not q/page/sort).`);
  }
  if (typeof custom.where !== 'function') throw new Error(`${modelName}Admin.listFilter: the custom filter “${custom.name}” has no where() function.`);
  return { name: custom.name, title: custom.title, kind: 'custom', custom, field: { isRequired: true } };
}
