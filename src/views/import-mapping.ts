// Which field each column of an import file fills: the choices (form fields, relations by key or by a unique field of
// the related model, the unique keys rows are matched by), the automatic match by name or label, and the keys.
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import type { FormField } from '../forms/types.ts';
import { findModel, fieldLabel } from '../schema/lookup.ts';
import type { ModelMeta, SchemaMeta, ValueFieldMeta } from '../schema/types.ts';

export type ImportMode = 'create' | 'update' | 'upsert';
export const IMPORT_MODES: readonly ImportMode[] = ['create', 'update', 'upsert'];

/** One thing a column can fill. `value` is what the column's select sends: `title`, `author`, `author.email`, `id`. */
export interface ImportTarget {
  value: string;
  label: string;
  /** The form field it fills (relations: the relation field), or null for a key that is not in the form. */
  field: FormField | null;
  /** A relation found by a unique field of the related model: that model and field. */
  lookup?: { model: ModelMeta; field: string };
  /** A field rows can be matched by (update / create or update). */
  key?: ValueFieldMeta;
  /** Other names a column may have for it (a relation's foreign key column: `authorId`). */
  aliases: string[];
}

// Widgets whose value a file cannot carry: a typed password, a masked secret, an upload.
const NOT_IMPORTED = new Set(['password', 'secret', 'file']);

/** What an import of `model` may fill: the add form's editable fields, plus the single-field unique keys. */
export function importTargets(schema: SchemaMeta, admin: ResolvedModelAdmin, fields: FormField[]): ImportTarget[] {
  const model = admin.model;
  const targets: ImportTarget[] = [];
  const keys = keyFields(model);
  for (const field of fields) {
    if (field.readOnly || NOT_IMPORTED.has(field.widget) || field.widget === 'relation-multiple') continue;
    const meta = model.fields.find((f) => f.name === field.name);
    if (!meta) continue;
    if (meta.kind === 'relation') {
      const related = findModel(schema, meta.type);
      targets.push({ value: field.name, label: `${field.label} (by key)`, field, aliases: [...meta.fromFields.length === 1 ? meta.fromFields : [], `${field.name}.id`] });
      for (const unique of related ? keyFields(related).filter((k) => !related.primaryKey.fields.includes(k.name)) : []) {
        targets.push({ value: `${field.name}.${unique.name}`, label: `${field.label} (by ${fieldLabel(unique).toLowerCase()})`, field, lookup: { model: related!, field: unique.name }, aliases: [] });
      }
      continue;
    }
    const key = keys.find((k) => k.name === field.name);
    targets.push({ value: field.name, label: field.label, field, key, aliases: [] });
  }
  for (const key of keys) {
    if (!targets.some((t) => t.value === key.name)) targets.push({ value: key.name, label: `${admin.labelFor(key.name)} (key only)`, field: null, key, aliases: [] });
  }
  return targets;
}

/** The fields a row can be matched by: the single-field primary key and single-field @unique scalars. */
export function keyFields(model: ModelMeta): ValueFieldMeta[] {
  const names = new Set([...(model.primaryKey.fields.length === 1 ? model.primaryKey.fields : []), ...model.uniques.filter((u) => u.fields.length === 1).map((u) => u.fields[0])]);
  return model.fields.filter((f): f is ValueFieldMeta => (f.kind === 'scalar' || f.kind === 'enum') && names.has(f.name));
}

const normal = (text: string) => text.trim().toLowerCase().replace(/[\s_-]+/g, '');

/** Each column's target chosen automatically: by field name, label or alias, case and spacing aside; '' for none. */
export function automaticMapping(columns: string[], targets: ImportTarget[]): string[] {
  const taken = new Set<string>();
  return columns.map((column) => {
    const name = normal(column);
    const match = targets.find((t) => !taken.has(t.value) && (normal(t.value) === name || (t.field && normal(t.field.label) === name) || normal(t.label) === name || t.aliases.some((a) => normal(a) === name)));
    if (!match) return '';
    taken.add(match.value);
    return match.value;
  });
}

/** The mapping a person chose, checked: unknown targets dropped, a target chosen twice is an error. */
export function checkMapping(mapping: string[], targets: ImportTarget[]): { mapping: string[]; error: string | null } {
  const known = new Set(targets.map((t) => t.value));
  const checked = mapping.map((value) => (known.has(value) ? value : ''));
  const fields = checked.filter(Boolean).map((value) => targets.find((t) => t.value === value)!).map((t) => t.field?.name ?? t.value);
  const twice = fields.find((name, i) => fields.indexOf(name) !== i);
  return { mapping: checked, error: twice ? `Two columns fill the field “${twice}”: choose one of them, and “do not import” for the other.` : null };
}
