// The form-side options of a ModelAdmin (fieldsets, exclude, prepopulatedFields, autocompleteFields, inlines), checked
// against the metadata once at start-up: a bad name stops the start with the model, the name and the valid names.
import type { FieldMeta, ModelMeta, RelationFieldMeta, SchemaMeta } from '../schema/types.ts';
import { fieldLabel, findModel } from '../schema/lookup.ts';
import { AdminConfigError } from './config-error.ts';
import { InlineModelAdmin, type InlineLayout } from './inline-admin.ts';
import type { ModelAdmin } from './model-admin.ts';
import { resolveLines, resolveRadioFields, resolveWidgets } from './resolve-field-layout.ts';
import type { RadioLayout, WidgetOverride } from './form-options.ts';
import { recordKeyFields } from '../schema/record-key.ts';

export interface ResolvedFieldset {
  title: string | null;
  description: string | null;
  collapsed: boolean;
  fields: string[];
  /** The fields line by line: one name, or several shown side by side. */
  lines: string[][];
}

export interface ResolvedInline {
  admin: InlineModelAdmin;
  /** The inline model (Comment). */
  model: ModelMeta;
  /** Its relation to the parent (Comment.post), which holds the key. */
  fk: RelationFieldMeta;
  /** The parent's side of that relation (Post.comments): the prefix of the inline's inputs (`comments-0-body`). */
  prefix: string;
  /** The row's fields in order (never the relation to the parent), before read-only ones are known. */
  fields: string[];
  readonlyFields: string[];
  extra: number;
  canDelete: boolean;
  /** Order of the existing rows as Prisma `orderBy`. */
  orderBy: Record<string, 'asc' | 'desc'>[];
  layout: InlineLayout;
  labelFor(fieldName: string): string;
}

export interface ResolvedFormOptions {
  /** The `fieldsets`, or null when the form is one group. */
  fieldsets: ResolvedFieldset[] | null;
  /** The form's fields when chosen (`fields`, or the fields of the fieldsets); undefined: the default set. */
  fields: string[] | undefined;
  /** `fields` line by line (a line of several: shown side by side); undefined without `fields`. */
  lines: string[][] | undefined;
  /** Fields drawn as radio buttons, and how. */
  radio: Record<string, RadioLayout>;
  /** Inputs chosen by the admin instead of the default ones. */
  widgets: Record<string, WidgetOverride>;
  exclude: string[];
  /** Target field → the fields it is filled from. */
  prepopulated: Record<string, string[]>;
  autocomplete: string[];
  inlines: ResolvedInline[];
}

/** An option that contradicts another one, or a value of the wrong kind (the message says which and why). */
function conflict(owner: string, option: string, message: string): AdminConfigError {
  const error = new AdminConfigError(owner, option, '', []);
  error.message = `${owner}Admin.${option}: ${message}`;
  return error;
}

const names = (fields: FieldMeta[]) => fields.map((f) => f.name);
const isValueField = (f: FieldMeta): boolean => (f.kind === 'scalar' || f.kind === 'enum') && !f.isList;
const isKeyRelation = (f: FieldMeta): f is RelationFieldMeta => f.kind === 'relation' && f.cardinality === 'one' && f.fromFields.length > 0;
/** Can a form input set this field? (Not back-relation lists, explicit join lists, Unsupported types.) */
const isFormEditable = (f: FieldMeta): boolean =>
  f.kind === 'scalar' || f.kind === 'enum' || (f.kind === 'relation' && (f.isImplicitManyToMany || isKeyRelation(f)));

export function resolveFormOptions(schema: SchemaMeta, model: ModelMeta, admin: ModelAdmin): ResolvedFormOptions {
  const owner = model.name;
  const byName = new Map(model.fields.map((f) => [f.name, f] as const));
  const readonly = new Set(admin.readonlyFields ?? []);
  const formable = model.fields.filter((f) => f.kind !== 'unsupported' && (isFormEditable(f) || readonly.has(f.name)));
  const checkFormField = (option: string, name: string) => {
    if (!formable.some((f) => f.name === name)) throw new AdminConfigError(owner, option, name, names(formable));
  };

  let fieldsets: ResolvedFieldset[] | null = null;
  if (admin.fieldsets) {
    if (admin.fields) throw conflict(owner, 'fieldsets', 'set either fields or fieldsets, not both (the fieldsets list the fields).');
    const seen = new Set<string>();
    fieldsets = admin.fieldsets.map((set, i) => {
      if (!set || !Array.isArray(set.fields)) throw conflict(owner, `fieldsets[${i}]`, 'each fieldset is { title, fields: [...] }.');
      const lines = resolveLines(owner, `fieldsets[${i}].fields`, set.fields);
      for (const name of lines.flat()) {
        checkFormField(`fieldsets[${i}].fields`, name);
        if (seen.has(name)) throw conflict(owner, 'fieldsets', `"${name}" is in more than one fieldset.`);
        seen.add(name);
      }
      return { title: set.title ?? null, description: set.description ?? null, collapsed: set.collapsed === true, fields: lines.flat(), lines };
    });
  }

  const exclude = admin.exclude ?? [];
  const lines = !fieldsets && admin.fields ? resolveLines(owner, 'fields', admin.fields) : undefined;
  const shown = fieldsets ? fieldsets.flatMap((s) => s.fields) : lines?.flat();
  for (const name of exclude) {
    if (!byName.has(name)) throw new AdminConfigError(owner, 'exclude', name, names(model.fields));
    if (shown?.includes(name)) throw conflict(owner, 'exclude', `"${name}" is both excluded and listed in ${fieldsets ? 'fieldsets' : 'fields'}.`);
  }

  const prepopulated: Record<string, string[]> = {};
  const slugTargets = model.fields.filter((f) => f.kind === 'scalar' && f.type === 'String' && !f.isList);
  const sources = model.fields.filter(isValueField);
  for (const [target, from] of Object.entries(admin.prepopulatedFields ?? {})) {
    if (!slugTargets.some((f) => f.name === target)) throw new AdminConfigError(owner, 'prepopulatedFields', target, names(slugTargets));
    if (!Array.isArray(from) || from.length === 0) throw conflict(owner, `prepopulatedFields.${target}`, 'give the list of fields it is filled from, e.g. ["title"].');
    for (const name of from) {
      if (!sources.some((f) => f.name === name) || name === target) {
        throw new AdminConfigError(owner, `prepopulatedFields.${target}`, name, names(sources).filter((n) => n !== target));
      }
    }
    prepopulated[target] = [...from];
  }

  const relations = model.fields.filter((f) => f.kind === 'relation' && isFormEditable(f));
  for (const name of admin.autocompleteFields ?? []) {
    if (!relations.some((f) => f.name === name)) throw new AdminConfigError(owner, 'autocompleteFields', name, names(relations));
  }

  const inlines = (admin.inlines ?? []).map((inlineClass, i) => resolveInline(schema, model, inlineClass, i));
  const prefixes = new Set<string>();
  for (const inline of inlines) {
    if (prefixes.has(inline.prefix)) throw conflict(owner, 'inlines', `two inlines edit the same relation (${inline.model.name}.${inline.fk.name}).`);
    prefixes.add(inline.prefix);
  }

  return {
    fieldsets,
    fields: shown ? [...shown] : undefined,
    lines,
    radio: resolveRadioFields(model, admin),
    widgets: resolveWidgets(model, admin),
    exclude: [...exclude],
    prepopulated,
    autocomplete: [...(admin.autocompleteFields ?? [])],
    inlines,
  };
}

function resolveInline(schema: SchemaMeta, parent: ModelMeta, inlineClass: unknown, index: number): ResolvedInline {
  const owner = parent.name;
  const where = `inlines[${index}]`;
  if (typeof inlineClass !== 'function') throw conflict(owner, where, 'list inline classes (subclasses of TabularInline or StackedInline), not instances or names.');
  const admin = new (inlineClass as new () => unknown)();
  if (!(admin instanceof InlineModelAdmin)) throw conflict(owner, where, `${inlineClass.name} is not a subclass of TabularInline or StackedInline.`);
  const label = `${where} (${inlineClass.name || 'inline'})`;
  const models = schema.models.filter((m) => !m.isView && recordKeyFields(m).length > 0);
  const model = findModel(schema, admin.model);
  if (!model || !models.includes(model)) {
    throw conflict(owner, `${label}.model`, `"${admin.model}" is not a model of the schema with a primary key. Valid names: ${models.map((m) => m.name).join(', ')}.`);
  }

  const candidates = model.fields.filter((f): f is RelationFieldMeta => isKeyRelation(f) && f.type === parent.name);
  let fk: RelationFieldMeta | undefined;
  if (admin.fkName !== undefined) {
    fk = candidates.find((f) => f.name === admin.fkName);
    if (!fk) throw conflict(owner, `${label}.fkName`, `"${admin.fkName}" is not a relation of ${model.name} to ${parent.name}. Valid names: ${names(candidates).join(', ') || '(none)'}.`);
  } else if (candidates.length === 1) {
    fk = candidates[0];
  } else if (candidates.length === 0) {
    throw conflict(owner, `${label}.model`, `${model.name} has no relation to ${parent.name} that holds the key, so its records cannot be edited inside a ${parent.name}.`);
  } else {
    throw conflict(owner, `${label}.fkName`, `${model.name} has several relations to ${parent.name}: set fkName to one of ${names(candidates).join(', ')}.`);
  }
  const back = parent.fields.find((f) => f.kind === 'relation' && f.relationName === fk!.relationName && f.type === model.name && f !== fk);
  if (!back) throw new Error(`The relation ${model.name}.${fk.name} has no field on ${parent.name}.`);

  const byName = new Map(model.fields.map((f) => [f.name, f] as const));
  const fail = (option: string, name: string, valid: FieldMeta[]) =>
    conflict(owner, `${label}.${option}`, `"${name}" is not a field of ${model.name} that an inline row can show. Valid names: ${names(valid).join(', ')}.`);
  const isParentKey = (f: FieldMeta) => f === fk || fk!.fromFields.includes(f.name);
  const readonlyFields = admin.readonlyFields ?? [];
  for (const name of readonlyFields) if (!byName.has(name) || isParentKey(byName.get(name)!)) throw fail('readonlyFields', name, model.fields.filter((f) => !isParentKey(f)));
  const rowFields = model.fields.filter((f) => !isParentKey(f) && f.kind !== 'unsupported' && (isFormEditable(f) || readonlyFields.includes(f.name)));
  for (const name of admin.fields ?? []) if (!rowFields.some((f) => f.name === name)) throw fail('fields', name, rowFields);
  for (const name of Object.keys(admin.limitChoicesTo ?? {})) {
    const relations = rowFields.filter((f) => f.kind === 'relation');
    if (!relations.some((f) => f.name === name)) throw fail('limitChoicesTo', name, relations);
  }
  const exclude = admin.exclude ?? [];
  for (const name of exclude) {
    if (!byName.has(name)) throw fail('exclude', name, model.fields);
    if (admin.fields?.includes(name)) throw conflict(owner, `${label}.exclude`, `"${name}" is both excluded and listed in fields.`);
  }
  // Like Django's, a row leaves out a primary key the database or Prisma fills in (`@default(autoincrement())`).
  const isGeneratedKey = (f: FieldMeta) => model.primaryKey.fields.includes(f.name) && (f.kind === 'scalar' || f.kind === 'enum') && f.default !== null;
  const defaults = [
    ...model.fields.filter((f) => !isParentKey(f) && !isGeneratedKey(f) && isDefaultRowField(f)).map((f) => f.name),
    ...readonlyFields.filter((name) => !isDefaultRowField(byName.get(name)!)),
  ];
  const fields = admin.fields ? [...admin.fields] : defaults.filter((name) => !exclude.includes(name));

  for (const name of Object.keys(admin.labels ?? {})) if (!byName.has(name)) throw fail('labels', name, model.fields);
  if (!Number.isInteger(admin.extra) || admin.extra < 0) throw conflict(owner, `${label}.extra`, `give a whole number of blank rows (0 or more), not ${String(admin.extra)}.`);
  const orderable = model.fields.filter(isValueField);
  const orderBy = (admin.ordering ?? model.primaryKey.fields).map((term) => {
    const name = term.replace(/^-/, '');
    if (!orderable.some((f) => f.name === name)) throw fail('ordering', name, orderable);
    return { [name]: term.startsWith('-') ? ('desc' as const) : ('asc' as const) };
  });

  return {
    admin,
    model,
    fk,
    prefix: back.name,
    fields,
    readonlyFields: [...readonlyFields],
    extra: admin.extra,
    canDelete: admin.canDelete !== false,
    orderBy,
    layout: admin.layout === 'stacked' ? 'stacked' : 'tabular',
    labelFor: (name) => admin.labels?.[name] ?? fieldLabel({ name }),
  };
}

/** In a row's default field set: value fields that are not foreign keys, key-holding to-one relations, implicit m2m. */
function isDefaultRowField(f: FieldMeta): boolean {
  if (f.kind === 'scalar' || f.kind === 'enum') return !f.isForeignKey;
  return isFormEditable(f);
}
