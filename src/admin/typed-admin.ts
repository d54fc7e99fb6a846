// Admin classes typed from the user's generated Prisma client: pass the model's `Select` type (Prisma.PostSelect) and
// every field name in the options is checked by TypeScript — a typo is a compile error, not a start-up error.
import type { FileFieldOptions } from './file-fields.ts';
import type { PasswordHasherOption } from '../forms/password-hashers.ts';
import type { AdminAction } from './actions.ts';
import type { AdminPage } from './admin-page.ts';
import type { ComputedColumn, CustomFilter } from './columns.ts';
import type { Badges } from './badge-colours.ts';
import type { FieldFilterOption, ShowFacets } from './list-filter-option.ts';
import { ModelAdmin, type ModelAdminClass } from './model-admin.ts';
import type { Fieldset, RadioLayout, WidgetOverride } from './form-options.ts';
import type { InlineModelAdminClass } from './inline-admin.ts';

/** The field names of a model, from its Prisma `Select` type (relations included, `_count` left out). */
export type FieldName<S> = [S] extends [never] ? string : unknown extends S ? string : Exclude<keyof S, '_count'> & string;

/** The `select` of a relation field's args (`author?: boolean | AuthorDefaultArgs`), or never for scalars. */
type RelatedSelect<S, K extends keyof S> = Extract<NonNullable<S[K]>, { select?: unknown }> extends { select?: infer T } ? NonNullable<T> : never;

/** A field, or a path through a relation to a field of the related model (`author.name`). */
export type FieldPath<S> = unknown extends S
  ? string
  : { [K in FieldName<S>]: K | (K extends keyof S ? (RelatedSelect<S, K> extends infer R ? ([R] extends [never] ? never : `${K}.${FieldName<R>}`) : never) : never) }[FieldName<S>];

/** A search field with Django's optional prefix: `^` starts with, `=` exact, `@` full text (`^title`, `@body`). */
export type SearchField<S> = FieldPath<S> | `${'^' | '=' | '@'}${FieldPath<S>}`;

/** The String fields of a model, read from its record type `R` (any field name while `R` is not given). */
export type StringFieldName<S, R> = Record<string, unknown> extends R
  ? FieldName<S>
  : Extract<{ [K in keyof R]-?: [NonNullable<R[K]>] extends [string] ? (string extends NonNullable<R[K]> ? K : never) : never }[keyof R], FieldName<S>>;

export type Ordering<S> = FieldName<S> | `-${FieldName<S>}`;

/** The relation fields of a model (those whose Select entry takes a nested `select`). */
export type RelationName<S> = unknown extends S ? string : { [K in FieldName<S>]: K extends keyof S ? ([RelatedSelect<S, K>] extends [never] ? never : K) : never }[FieldName<S>];

/** A `where` on a relation's target model: its field names are checked (values are Prisma's to check at run time). */
export type RelatedWhere<S, K> = unknown extends S
  ? Record<string, unknown>
  : K extends keyof S
    ? { [F in FieldName<RelatedSelect<S, K>>]?: unknown } & { AND?: unknown; OR?: unknown; NOT?: unknown }
    : never;

/** `limitChoicesTo`, typed: relation names of the model, each with a where on its related model. */
export type LimitChoicesTo<S> = unknown extends S ? Record<string, Record<string, unknown>> : { [K in RelationName<S>]?: RelatedWhere<S, K> };

/** The options of ModelAdmin, typed by the model's Select type `S` and record type `R`. */
export interface TypedAdminOptions<S, R = Record<string, unknown>> {
  listDisplay?: ReadonlyArray<FieldPath<S> | ComputedColumn<R>>;
  listDisplayLinks?: ReadonlyArray<string> | null;
  listFilter?: ReadonlyArray<FieldPath<S> | CustomFilter | FieldFilterOption<FieldPath<S>>>;
  showFacets?: ShowFacets;
  searchFields?: ReadonlyArray<SearchField<S>>;
  searchHelpText?: string;
  preserveFilters?: boolean;
  ordering?: ReadonlyArray<Ordering<S>>;
  sortableBy?: ReadonlyArray<FieldPath<S> | ComputedColumn<R>>;
  listPerPage?: number;
  listEditable?: ReadonlyArray<FieldName<S>>;
  dateHierarchy?: FieldName<S>;
  fields?: ReadonlyArray<FieldName<S> | ReadonlyArray<FieldName<S>>>;
  fieldsets?: ReadonlyArray<Omit<Fieldset, 'fields'> & { fields: ReadonlyArray<FieldName<S> | ReadonlyArray<FieldName<S>>> }>;
  radioFields?: Partial<Record<FieldName<S>, RadioLayout>>;
  widgets?: Partial<Record<FieldName<S>, WidgetOverride>>;
  saveAs?: boolean;
  saveOnTop?: boolean;
  viewOnSite?: (record: R) => string | null | undefined;
  inlines?: ReadonlyArray<InlineModelAdminClass>;
  exclude?: ReadonlyArray<FieldName<S>>;
  readonlyFields?: ReadonlyArray<FieldName<S>>;
  autocompleteFields?: ReadonlyArray<FieldName<S>>;
  limitChoicesTo?: LimitChoicesTo<S>;
  prepopulatedFields?: Partial<Record<FieldName<S>, ReadonlyArray<FieldName<S>>>>;
  passwordFields?: ReadonlyArray<FieldName<S>>;
  passwordHasher?: PasswordHasherOption;
  secretFields?: ReadonlyArray<FieldName<S>>;
  labels?: Partial<Record<FieldName<S>, string>>;
  markdownFields?: ReadonlyArray<FieldName<S>>;
  fileFields?: Partial<Record<StringFieldName<S, R>, FileFieldOptions>>;
  badges?: Badges<R>;
  actions?: ReadonlyArray<AdminAction<R, any>>;
  actionsOnTop?: boolean;
  actionsOnBottom?: boolean;
  recordActions?: ReadonlyArray<AdminAction<R, any>>;
  bulkEdit?: ReadonlyArray<FieldName<S>>;
  exportFields?: ReadonlyArray<FieldPath<S> | ComputedColumn<R>>;
  pages?: ReadonlyArray<AdminPage>;
  emptyValueDisplay?: string;
  hidden?: boolean;
  label?: string;
  labelPlural?: string;
  recordLabel?(record: R): string;
}

/** Every option's name, for checking plain options at run time (the type below keeps the list complete). */
export const ADMIN_OPTION_NAMES = [
  'listDisplay', 'listDisplayLinks', 'listFilter', 'searchFields', 'ordering', 'listPerPage', 'listEditable', 'dateHierarchy',
  'fields', 'fieldsets', 'inlines', 'exclude', 'readonlyFields', 'autocompleteFields', 'prepopulatedFields', 'passwordFields',
  'limitChoicesTo', 'passwordHasher', 'secretFields', 'labels', 'actions', 'exportFields', 'pages', 'emptyValueDisplay', 'hidden', 'recordLabel',
  'showFacets', 'markdownFields', 'badges', 'radioFields', 'widgets', 'saveAs', 'saveOnTop', 'viewOnSite',
  'sortableBy', 'label', 'labelPlural',
  'actionsOnTop', 'actionsOnBottom', 'recordActions', 'bulkEdit', 'fileFields', 'searchHelpText', 'preserveFilters',
] as const satisfies ReadonlyArray<keyof TypedAdminOptions<unknown>>;
type MissingOptionNames = Exclude<keyof TypedAdminOptions<unknown>, (typeof ADMIN_OPTION_NAMES)[number]>;
const allOptionsNamed: [MissingOptionNames] extends [never] ? true : MissingOptionNames = true;
void allOptionsNamed;

/**
 * A ModelAdmin class from typed options. Subclass it to override hooks:
 *
 * ```ts
 * class PostAdmin extends defineAdmin<Prisma.PostSelect, Post>({ listDisplay: ['title', 'author.name'] }) {
 *   getQueryset(request) { return { authorId: currentAuthor(request) }; }
 * }
 * ```
 */
export function defineAdmin<S = unknown, R = Record<string, unknown>>(options: TypedAdminOptions<S, R>): ModelAdminClass {
  return class extends ModelAdmin {
    constructor() {
      super();
      Object.assign(this, options);
    }
  };
}
