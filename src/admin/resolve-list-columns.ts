// listDisplay → the list's columns: fields, to-one relations (shown by label), paths through to-one relations
// (`author.name`) and computed columns; each knows whether it sorts and whether it links to the change page.
import { findModel } from '../schema/lookup.ts';
import { isLongText } from '../schema/long-text.ts';
import type { FieldMeta, ModelMeta, RelationFieldMeta, SchemaMeta, ValueFieldMeta } from '../schema/types.ts';
import type { ComputedColumn } from './columns.ts';
import { AdminConfigError } from './config-error.ts';
import type { ModelAdmin } from './model-admin.ts';
import { isToOne, isValueField, labelFieldOf } from './field-kinds.ts';

interface ColumnCommon {
  name: string;
  header: string;
  /** Does the header sort by this column? */
  sortable: boolean;
  /** Does the cell link to the record's change page (listDisplayLinks)? */
  link: boolean;
}

export type ListColumn = ColumnCommon & (
  | { kind: 'value'; field: ValueFieldMeta; longText: boolean }
  | { kind: 'relation'; field: RelationFieldMeta; related: ModelMeta; relatedLabelField: string | null }
  /** A field of a related record through to-one relations: `author.name`. */
  | { kind: 'path'; relations: string[]; field: ValueFieldMeta; longText: boolean }
  | { kind: 'computed'; computed: ComputedColumn<any> }
);

export function resolveColumns(
  schema: SchemaMeta,
  model: ModelMeta,
  admin: ModelAdmin,
  labelOf: (field: FieldMeta) => string,
  defaults: string[],
): ListColumn[] {
  const entries = admin.listDisplay ?? defaults;
  const names = entries.map((e) => (typeof e === 'string' ? e : e.name));
  const links = new Set(admin.listDisplayLinks === null ? [] : admin.listDisplayLinks ?? names.slice(0, 1));
  for (const name of links) {
    if (!names.includes(name)) throw new AdminConfigError(model.name, 'listDisplayLinks', name, names);
  }
  const seen = new Set<string>();
  return entries.map((entry): ListColumn => {
    const name = typeof entry === 'string' ? entry : entry.name;
    if (seen.has(name)) throw new Error(`${model.name}Admin.listDisplay: the column “${name}” is listed twice.`);
    seen.add(name);
    const link = links.has(name);
    if (typeof entry !== 'string') return computedColumn(model, entry, link);
    if (entry.includes('.')) return pathColumn(schema, model, entry, labelOf, link);
    const field = model.fields.find((f) => f.name === entry);
    if (!field || !(isValueField(field) || isToOne(field))) {
      const valid = model.fields.filter((f) => isValueField(f) || isToOne(f)).map((f) => f.name);
      throw new AdminConfigError(model.name, 'listDisplay', entry, valid);
    }
    if (field.kind === 'relation') {
      const related = findModel(schema, field.type)!;
      return { name, header: labelOf(field), sortable: true, link, kind: 'relation', field, related, relatedLabelField: labelFieldOf(related) };
    }
    return { name, header: labelOf(field), sortable: true, link, kind: 'value', field: field as ValueFieldMeta, longText: isLongText(field) };
  });
}

function computedColumn(model: ModelMeta, computed: ComputedColumn<any>, link: boolean): ListColumn {
  if (!/^[A-Za-z]\w{0,63}$/.test(computed.name ?? '') || typeof computed.value !== 'function') {
    throw new Error(`${model.name}Admin.listDisplay: a computed column needs a name (letters, digits, _) and a value() function.`);
  }
  if (model.fields.some((f) => f.name === computed.name)) {
    throw new Error(`${model.name}Admin.listDisplay: the computed column “${computed.name}” has the name of a field; choose another name.`);
  }
  if (computed.sortField) {
    const f = model.fields.find((x) => x.name === computed.sortField);
    if (!f || !isValueField(f)) throw new AdminConfigError(model.name, `listDisplay[${computed.name}].sortField`, computed.sortField, model.fields.filter(isValueField).map((x) => x.name));
  }
  return { name: computed.name, header: computed.header, sortable: Boolean(computed.sortField), link, kind: 'computed', computed };
}

/** `author.name`: every step but the last is a to-one relation; the last is a value field of the related model. */
function pathColumn(schema: SchemaMeta, model: ModelMeta, path: string, labelOf: (field: FieldMeta) => string, link: boolean): ListColumn {
  const parts = path.split('.');
  let current = model;
  const relations: string[] = [];
  for (const part of parts.slice(0, -1)) {
    const field = current.fields.find((f) => f.name === part);
    if (!field || !isToOne(field)) throw new AdminConfigError(model.name, 'listDisplay', path, current.fields.filter(isToOne).map((f) => f.name));
    relations.push(part);
    current = findModel(schema, (field as RelationFieldMeta).type)!;
  }
  const last = parts[parts.length - 1];
  const field = current.fields.find((f) => f.name === last);
  if (!field || !isValueField(field)) {
    throw new AdminConfigError(current.name, `listDisplay (${path})`, last, current.fields.filter(isValueField).map((f) => f.name));
  }
  const header = `${labelOf(model.fields.find((f) => f.name === relations[0])!)} ${labelOf(field).toLowerCase()}`;
  return { name: path, header, sortable: true, link, kind: 'path', relations, field, longText: isLongText(field) };
}
