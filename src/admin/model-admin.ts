// The per-model admin class, like Django's ModelAdmin. Users subclass it and override options; every option left
// undefined gets a default derived from the model's metadata (see resolve-model-admin.ts).
import type { FileFieldOptions } from './file-fields.ts';
import type { PasswordHasherOption } from '../forms/password-hashers.ts';
import type { FastifyRequest } from 'fastify';
import { hasModelPermission } from '../auth/permissions.ts';
import type { AdminAction } from './actions.ts';
import type { AdminPage } from './admin-page.ts';
import type { ComputedColumn, CustomFilter } from './columns.ts';
import type { FieldFilterOption, ShowFacets } from './list-filter-option.ts';
import type { Badges } from './badge-colours.ts';
import { defaultDeleteModel, defaultSaveModel, type AdminClient, type DeleteModelArgs, type FieldLine, type Fieldset, type RadioLayout, type SaveModelArgs, type WidgetOverride } from './form-options.ts';
import type { InlineModelAdminClass } from './inline-admin.ts';

export type Ordering = string; // a field name, `-field` for descending

export class ModelAdmin {
  /**
   * Columns of the list page: field names, to-one relations (shown by the related record's label), paths through
   * to-one relations (`author.name`), and computed columns (see `column()`).
   */
  listDisplay?: Array<string | ComputedColumn<any>>;
  /** Columns whose cells link to the change page. Default: the first column; `null` for none. */
  listDisplayLinks?: string[] | null;
  /**
   * Sidebar filters: fields (`status`), paths through to-one relations (`author.country`), relations (`author`,
   * `tags`), `{ field, kind }` to force a String/number field's kind, and custom filters (see `customFilter()`).
   */
  listFilter?: Array<string | CustomFilter | FieldFilterOption>;
  /** Counts beside the filter choices: 'allow' (on the "Show counts" link, the default), 'always' or 'never'. */
  showFacets?: ShowFacets;
  /**
   * Fields searched by the list's search box (String fields), also through relations (`author.name`, `tags.name`).
   * A prefix picks how: `^title` starts with, `=email` exact, `@body` full text; none: contains.
   */
  searchFields?: string[];
  /** A line of help under the search box (Django's `search_help_text`). */
  searchHelpText?: string;
  /**
   * After a save, "save and add another", a delete or an action, go back to the list with the search, filters, sort
   * and page it had (Django's `preserve_filters`, carried in `_changelist_filters`). Default: true.
   */
  preserveFilters?: boolean;
  /** Default order of the list, e.g. ['-createdAt']. The primary key is always added as tie breaker. */
  ordering?: Ordering[];
  /** The columns whose headers sort the list (names of listDisplay, or its computed columns). Default: all that can; `[]`: none. */
  sortableBy?: Array<string | ComputedColumn<any>>;
  /** Columns edited directly in the list (fields of listDisplay that are not links), saved with one button. */
  listEditable?: string[];
  /** A DateTime field to drill down by above the list: years, then months, then days. */
  dateHierarchy?: string;
  /** Rows per list page. */
  listPerPage?: number;
  /** Fields of the add/change forms, in order; a nested list shows its fields on one line: `['title', ['status', 'publishedAt']]`. */
  fields?: FieldLine[];
  /** Fields shown but never editable. */
  readonlyFields?: string[];
  /** The form's fields in titled groups, optionally collapsed (instead of `fields`). See `Fieldset`. */
  fieldsets?: Fieldset[];
  /** Fields left out of the form (of its default field set). */
  exclude?: string[];
  /** Fields filled in the browser from others as you type, on the add form: `{ slug: ['title'] }`. */
  prepopulatedFields?: Record<string, string[]>;
  /** Relation fields that always use the search-as-you-type widget, however few related records there are. */
  autocompleteFields?: string[];
  /**
   * Per relation field, a Prisma `where` on the related model that its choices must match (Django's
   * `limit_choices_to`), on top of the related admin's `getQueryset`. It narrows the select, the autocomplete and the
   * ids a save accepts: `limitChoicesTo = { author: { active: true } }`.
   */
  limitChoicesTo?: Record<string, Record<string, unknown>>;
  /** Related records edited inside this model's add/change form (`TabularInline` / `StackedInline` subclasses). */
  inlines?: InlineModelAdminClass[];
  /**
   * String fields that hold a password hash: the form shows an empty password input, stores the hash of what is typed
   * (see `passwordHasher`), and on change keeps the current hash when the input is left empty. Pages show a summary
   * of the hash (algorithm, parameters, a few characters), never the hash.
   */
  passwordFields?: string[];
  /**
   * How `passwordFields` are hashed, so that your app's login can verify them: `'scrypt'` (default, the admin's own
   * format), `'bcrypt'` (`$2b$12$...`), `'argon2'` (argon2id PHC string), or `{ algorithm, hash, verify }` of your own.
   */
  passwordHasher?: PasswordHasherOption;
  /**
   * Fields that hold secrets (tokens, API keys): left out of the default list columns and search, shown masked on
   * detail pages, and edited through a masked input that keeps the value when left empty. Default: String and Bytes
   * fields whose names say password, hash, secret, token, api key or salt. `[]` marks none.
   */
  secretFields?: string[];
  /**
   * Enum fields, optional Boolean fields and to-one relations drawn as radio buttons instead of a select:
   * `{ status: 'horizontal' }`. A relation with more related records than a select holds keeps its search box.
   */
  radioFields?: Record<string, RadioLayout>;
  /** The input of a field instead of its default: `{ body: 'markdown', summary: 'textarea', config: 'code' }`. */
  widgets?: Record<string, WidgetOverride>;
  /** A "Save as new" button on the change form: the submitted values become a new record (Django's `save_as`). */
  saveAs = false;
  /** The save buttons above the form too, not only below it. */
  saveOnTop = false;
  /**
   * The record's page on your site, linked as "View on site" from its change and detail pages. Only `http(s)://`
   * URLs and paths (`/posts/my-post`) are linked; anything else (`javascript:`, `data:`) is left out.
   */
  viewOnSite?: (record: any) => string | null | undefined;
  /** Labels per field, instead of the humanized field name (`{ publishedAt: 'Publication date' }`). */
  labels?: Record<string, string>;
  /**
   * String fields written in Markdown: an editor with a live preview in forms, rendered (sanitized) on the detail
   * page. A `/// @markdown` doc comment on the field does the same.
   */
  markdownFields?: string[];
  /** String fields that hold an uploaded file's storage key: `{ cover: { storage, accept: ['image/*'], maxBytes } }`. */
  fileFields?: Record<string, FileFieldOptions>;
  /** Enum (or String) values shown as coloured badges in lists and on detail pages: `{ status: { published: 'green' } }`. */
  badges?: Badges;
  /** Bulk actions offered on the list page, besides "Delete selected" (see `action()`). */
  actions?: AdminAction<any, any>[];
  /** The action menu above the list (default) and/or below it. */
  actionsOnTop = true;
  actionsOnBottom = false;
  /** Actions on one record: buttons on its change and detail pages ("Publish"), with the same permission and confirmation. */
  recordActions?: AdminAction<any, any>[];
  /** Fields that the built-in "Edit selected" action sets on many rows at once (to-many: add, remove or replace). */
  bulkEdit?: string[];
  /**
   * The columns of the list's Export (and "Export selected"): field names, paths through to-one relations
   * (`author.email`), to-one relations (their label, and their key beside it) and computed columns. Default: the
   * list's columns. The export form's "all fields" choice writes every scalar field instead.
   */
  exportFields?: Array<string | ComputedColumn<any>>;
  /** What an empty value looks like on list and detail pages. */
  emptyValueDisplay = '—';
  /** Pages of your own for this model, at `<prefix>/pages/<model>/<path>` (see AdminPage). */
  pages?: AdminPage[];
  /** Hidden from the index and navigation (its pages stay reachable). */
  hidden = false;
  /** The model's name for people (Django's verbose_name): `'person'`. Default: the humanized model name. */
  label?: string;
  /** Its plural (Django's verbose_name_plural): `'people'`. Default: the label pluralized by the `pluralize` library. */
  labelPlural?: string;

  /** The Prisma model this admin serves; set by the AdminSite when it registers the class. */
  modelName = '';

  /** The text that stands for one record (Django's `__str__`): in relation columns, selects, breadcrumbs. */
  recordLabel?(record: Record<string, unknown>): string;

  /**
   * Narrows every query of this admin (lists, record pages, autocomplete, bulk actions) to what the request may see,
   * as a Prisma `where` (e.g. only the logged-in author's posts). Records outside it answer 404.
   */
  getQueryset(_request: FastifyRequest): Record<string, unknown> | undefined {
    return undefined;
  }

  /**
   * The search's where for the term typed in the list's search box (Django's `get_search_results`): `where` is the
   * one built from `searchFields` (undefined without them); return it, extend it (`{ OR: [where, ...] }`) or replace
   * it. Called only when the term is not empty. Overriding it shows the search box even without `searchFields`.
   */
  getSearchResults(_request: FastifyRequest, where: Record<string, unknown> | undefined, _term: string): Record<string, unknown> | undefined | Promise<Record<string, unknown> | undefined> {
    return where;
  }

  /**
   * Narrows the choices of one relation field for this request, as a Prisma `where` on the related model (Django's
   * `formfield_for_foreignkey` / `formfield_for_manytomany` setting the field's queryset). Applied together with the
   * related admin's `getQueryset` and `limitChoicesTo`, to the select, the autocomplete and the ids a save accepts.
   *
   * @example
   * getRelationChoicesWhere(request, fieldName) {
   *   return fieldName === 'author' ? { id: currentAuthorId(request) } : undefined;
   * }
   */
  getRelationChoicesWhere(_request: FastifyRequest, _fieldName: string): Record<string, unknown> | undefined {
    return undefined;
  }

  /** The read-only fields of a form (`record` on the change page). Default: `readonlyFields`. */
  getReadonlyFields(_request: FastifyRequest, _record?: Record<string, unknown>): string[] {
    return this.readonlyFields ?? [];
  }

  /**
   * Writes the add/change form's data and returns the saved record. `client` is the save's transaction (always on a
   * change, where the record is locked and its version already checked; on an add when there is a log or inlines):
   * write through it so the change, its inlines and its log entry commit together. Writing the same record through
   * another client would wait for that lock.
   * Default: `create` (add) or `update` (change).
   */
  saveModel(client: AdminClient, args: SaveModelArgs): Promise<Record<string, unknown>> {
    return defaultSaveModel(client, this.modelName, args);
  }

  /** Deletes one record (the delete page, and each record of "delete selected"). Default: `delete`. */
  deleteModel(client: AdminClient, args: DeleteModelArgs): Promise<unknown> {
    return defaultDeleteModel(client, this.modelName, args);
  }

  // Permission hooks: override for rules of your own (e.g. only the author may change a post). `record` is given on
  // pages about one record. The defaults follow the user's model permissions.
  hasViewPermission(request: FastifyRequest, _record?: Record<string, unknown>): boolean {
    return hasModelPermission(request.adminUser, this.modelName, 'view');
  }
  hasAddPermission(request: FastifyRequest): boolean {
    return hasModelPermission(request.adminUser, this.modelName, 'add');
  }
  hasChangePermission(request: FastifyRequest, _record?: Record<string, unknown>): boolean {
    return hasModelPermission(request.adminUser, this.modelName, 'change');
  }
  hasDeletePermission(request: FastifyRequest, _record?: Record<string, unknown>): boolean {
    return hasModelPermission(request.adminUser, this.modelName, 'delete');
  }
  /** May the user download the list as a file (Export, "Export selected")? Default: the view permission. */
  hasExportPermission(request: FastifyRequest): boolean {
    return this.hasViewPermission(request);
  }
}

export type ModelAdminClass = new () => ModelAdmin;
