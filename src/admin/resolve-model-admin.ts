// Turns a ModelAdmin (the user's options, mostly undefined) into the concrete settings the views use, with defaults
// derived from the model's metadata. Runs once per model at start-up; every name is checked here.
import { resolveFileFields, type ResolvedFileField } from './file-fields.ts';
import type { FieldMeta, ModelMeta, RelationFieldMeta, SchemaMeta, ValueFieldMeta } from '../schema/types.ts';
import { fieldLabel as humanFieldLabel, findModel } from '../schema/lookup.ts';
import { isLongText } from '../schema/long-text.ts';
import { AdminConfigError } from './config-error.ts';
import { validateActions } from './actions.ts';
import { validateActionOptions } from './actions-options.ts';
import { validatePages } from './admin-page.ts';
import type { ModelAdmin } from './model-admin.ts';
import { defaultFilterNames, resolveListFilters, type ListFilter } from './resolve-list-filters.ts';
import { resolveColumns, type ListColumn } from './resolve-list-columns.ts';
import { isToOne, isValueField, labelFieldOf } from './field-kinds.ts';
import { flattenLines } from './resolve-field-layout.ts';
import { resolveFormOptions, type ResolvedFormOptions } from './resolve-form-options.ts';
import { secretFieldsOf } from './secret-fields.ts';
import { restrictSorting } from './sortable-by.ts';
import { resolveHasher, type PasswordHasher } from '../forms/password-hashers.ts';
import { recordKeyFields } from '../schema/record-key.ts';
import { resolveMarkdownFields } from './markdown-fields.ts';
import { resolveBadges } from './badges.ts';
import type { BadgeColour } from './badge-colours.ts';

export type { ListFilter } from './resolve-list-filters.ts';

/**
 * A searched field: on the model itself (`title`), through to-one relations (`author.name`) or to-many ones
 * (`tags.name`), with Django's prefix: `^` starts with, `=` exact, `@` full text, none contains.
 */
export interface SearchPath {
  relations: string[];
  /** Per relation of `relations`, whether it is a to-many one (searched with `some`, so rows never repeat). */
  toMany: boolean[];
  field: string;
  mode: SearchMode;
  /** The model that holds `field` (the last relation's, or the list's own). */
  model: ModelMeta;
}

export type SearchMode = 'contains' | 'startsWith' | 'exact' | 'fullText';

const SEARCH_PREFIXES: Record<string, SearchMode> = { '^': 'startsWith', '=': 'exact', '@': 'fullText' };

export interface OrderTerm {
  field: string;
  dir: 'asc' | 'desc';
}

export interface ResolvedModelAdmin {
  model: ModelMeta;
  admin: ModelAdmin;
  /** The String field that labels a record (Django's __str__), or null to use the primary key. */
  labelField: string | null;
  columns: ListColumn[];
  /** The columns of an export: `exportFields` resolved like listDisplay, or null for the list's columns. */
  exportColumns: ListColumn[] | null;
  filters: ListFilter[];
  search: SearchPath[];
  ordering: OrderTerm[];
  perPage: number;
  fields: string[] | undefined;
  readonlyFields: string[];
  /** Form-side options: fieldsets, exclude, prepopulatedFields, autocompleteFields, inlines. */
  form: ResolvedFormOptions;
  emptyValueDisplay: string;
  /** The label of a field: the admin's `labels`, else the humanized name. */
  labelFor(fieldName: string): string;
  /** The DateTime field of the date hierarchy, if any. */
  dateHierarchy: string | null;
  /** Columns edited in the list. */
  listEditable: string[];
  /** Fields shown masked and left out of default columns and search: `secretFields` (or by name) and `passwordFields`. */
  secretFields: ReadonlySet<string>;
  /** How `passwordFields` are hashed. */
  passwordHasher: PasswordHasher;
  /** String fields edited and shown as Markdown (see isMarkdownField). */
  markdownFields: ReadonlySet<string>;
  /** String fields holding an uploaded file's key (`fileFields`). */
  fileFields: ReadonlyMap<string, ResolvedFileField>;
  /** Per field, the badge colour of each value (`badges`). */
  badges: ReadonlyMap<string, ReadonlyMap<string, BadgeColour>>;
}

const DEFAULT_VALUE_COLUMNS = 4;

export function resolveModelAdmin(schema: SchemaMeta, model: ModelMeta, admin: ModelAdmin): ResolvedModelAdmin {
  const byName = new Map(model.fields.map((f) => [f.name, f] as const));
  for (const name of Object.keys(admin.labels ?? {})) {
    if (!byName.has(name)) throw new AdminConfigError(model.name, 'labels', name, model.fields.map((f) => f.name));
  }
  for (const name of admin.passwordFields ?? []) {
    const f = byName.get(name);
    if (!f || f.kind !== 'scalar' || f.type !== 'String') {
      throw new AdminConfigError(model.name, 'passwordFields', name, model.fields.filter((x) => x.kind === 'scalar' && x.type === 'String').map((x) => x.name));
    }
  }
  for (const name of Object.keys(admin.limitChoicesTo ?? {})) {
    if (byName.get(name)?.kind !== 'relation') throw new AdminConfigError(model.name, 'limitChoicesTo', name, model.fields.filter((x) => x.kind === 'relation').map((x) => x.name));
  }
  const fieldLabel = (field: FieldMeta) => admin.labels?.[field.name] ?? humanFieldLabel(field);
  const check = (option: string, name: string, ok: (f: FieldMeta | undefined) => boolean, valid: FieldMeta[]) => {
    if (!ok(byName.get(name))) throw new AdminConfigError(model.name, option, name, valid.map((f) => f.name));
  };


  for (const name of admin.secretFields ?? []) {
    const f = byName.get(name);
    if (!f || f.kind !== 'scalar') throw new AdminConfigError(model.name, 'secretFields', name, model.fields.filter((x) => x.kind === 'scalar').map((x) => x.name));
  }
  const secret = secretFieldsOf(model, admin);
  const columns = restrictSorting(model.name, resolveColumns(schema, model, admin, fieldLabel, defaultColumns(model).filter((n) => !secret.has(n))), admin.sortableBy);
  const exportColumns = resolveExportColumns(schema, model, admin, fieldLabel);

  const filters = resolveListFilters(schema, model, admin.listFilter ?? defaultFilterNames(model), fieldLabel);

  const search = (admin.searchFields ?? defaultSearch(model).filter((n) => !secret.has(n))).map((path) => resolveSearchPath(schema, model, path));

  const orderable = model.fields.filter(isValueField);
  const ordering = (admin.ordering ?? defaultOrdering(model)).map((term): OrderTerm => {
    const field = term.replace(/^-/, '');
    check('ordering', field, (f) => !!f && isValueField(f), orderable);
    return { field, dir: term.startsWith('-') ? 'desc' : 'asc' };
  });

  validateActions(model.name, admin.actions ?? []);
  validateActionOptions(model, admin);
  validatePages(`${model.name}Admin.pages`, admin.pages ?? []);
  const editableColumns = columns.filter((c) => (c.kind === 'value' || c.kind === 'relation') && !c.link && !(c.kind === 'value' && c.field.isId));
  for (const name of admin.listEditable ?? []) {
    if (!editableColumns.some((c) => c.name === name)) {
      throw new AdminConfigError(model.name, 'listEditable', name, editableColumns.map((c) => c.name));
    }
  }
  if (admin.dateHierarchy !== undefined) {
    const dates = model.fields.filter((f) => f.kind === 'scalar' && f.type === 'DateTime' && !f.isList);
    check('dateHierarchy', admin.dateHierarchy, (f) => !!f && dates.includes(f), dates);
  }
  const fields = admin.fields ? flattenLines(admin.fields) : undefined;
  for (const name of fields ?? []) check('fields', name, (f) => !!f && f.kind !== 'unsupported', model.fields);
  for (const name of admin.readonlyFields ?? []) check('readonlyFields', name, (f) => !!f, model.fields);

  return {
    model,
    admin,
    labelField: labelFieldOf(model),
    columns,
    exportColumns,
    filters,
    search,
    ordering,
    perPage: admin.listPerPage ?? 100,
    fields,
    readonlyFields: admin.readonlyFields ?? [],
    form: resolveFormOptions(schema, model, admin),
    emptyValueDisplay: admin.emptyValueDisplay,
    dateHierarchy: admin.dateHierarchy ?? null,
    listEditable: admin.listEditable ?? [],
    secretFields: secret,
    passwordHasher: resolveHasher(admin.passwordHasher),
    markdownFields: resolveMarkdownFields(model, admin),
    fileFields: resolveFileFields(model, admin),
    badges: resolveBadges(schema, model, admin),
    labelFor: (name) => {
      const field = byName.get(name);
      return field ? fieldLabel(field) : name;
    },
  };
}

/** `exportFields` takes what listDisplay takes; its mistakes are reported under its own name. */
function resolveExportColumns(schema: SchemaMeta, model: ModelMeta, admin: ModelAdmin, labelOf: (field: FieldMeta) => string): ListColumn[] | null {
  if (admin.exportFields === undefined) return null;
  const asList = Object.assign(Object.create(admin) as ModelAdmin, { listDisplay: admin.exportFields, listDisplayLinks: null });
  try {
    return resolveColumns(schema, model, asList, labelOf, []);
  } catch (error) {
    if (error instanceof Error) error.message = error.message.replaceAll('listDisplay', 'exportFields');
    throw error;
  }
}

/**
 * Newest first by the record key; a model without one (a view, a log table) by all its sortable columns, so that its
 * pages are as stable as its rows allow.
 */
function defaultOrdering(model: ModelMeta): string[] {
  const key = recordKeyFields(model);
  if (key.length > 0) return key.map((f) => `-${f}`);
  return model.fields.filter((f): f is ValueFieldMeta => isValueField(f) && !(f.kind === 'scalar' && (f.type === 'Json' || f.type === 'Bytes'))).map((f) => f.name);
}

function defaultColumns(model: ModelMeta): string[] {
  const pk = recordKeyFields(model);
  const values = model.fields
    .filter((f): f is ValueFieldMeta => isValueField(f) && !pk.includes(f.name) && !f.isForeignKey)
    .filter((f) => f.kind === 'enum' || (f.type !== 'Json' && f.type !== 'Bytes' && !isLongText(f)))
    .slice(0, DEFAULT_VALUE_COLUMNS)
    .map((f) => f.name);
  const relations = model.fields.filter(isToOne).map((f) => f.name);
  return [...pk, ...values, ...relations];
}

function defaultSearch(model: ModelMeta): string[] {
  return model.fields
    .filter((f) => f.kind === 'scalar' && f.type === 'String' && !f.isList && !f.isForeignKey)
    .map((f) => f.name);
}

function resolveSearchPath(schema: SchemaMeta, model: ModelMeta, entry: string): SearchPath {
  const mode = SEARCH_PREFIXES[entry.charAt(0)] ?? 'contains';
  const path = mode === 'contains' ? entry : entry.slice(1);
  const parts = path.split('.');
  let current = model;
  const relations: string[] = [];
  const toMany: boolean[] = [];
  for (const [i, part] of parts.entries()) {
    const field = current.fields.find((f) => f.name === part);
    const last = i === parts.length - 1;
    const valid = last
      ? current.fields.filter((f) => f.kind === 'scalar' && f.type === 'String' && !f.isList)
      : current.fields.filter((f) => f.kind === 'relation');
    if (!field || !valid.includes(field)) throw new AdminConfigError(model.name, 'searchFields', entry, valid.map((f) => f.name));
    if (!last) {
      relations.push(part);
      toMany.push((field as RelationFieldMeta).cardinality === 'many');
      current = findModel(schema, (field as RelationFieldMeta).type)!;
    }
  }
  return { relations, toMany, field: parts[parts.length - 1], mode, model: current };
}
