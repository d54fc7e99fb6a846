// The per-model admin class, like Django's ModelAdmin. Users subclass it and override options; every option left
// undefined gets a default derived from the model's metadata (see resolve-model-admin.ts).

export type Ordering = string; // a field name, `-field` for descending

export class ModelAdmin {
  /** Columns of the list page: field names, or relation fields (shown by the related record's label). */
  listDisplay?: string[];
  /** Sidebar filters: enum, Boolean and DateTime fields, and to-one relations. */
  listFilter?: string[];
  /** Fields searched by the list's search box (String fields). */
  searchFields?: string[];
  /** Default order of the list, e.g. ['-createdAt']. The primary key is always added as tie breaker. */
  ordering?: Ordering[];
  /** Rows per list page. */
  listPerPage?: number;
  /** Fields of the add/change forms, in order. */
  fields?: string[];
  /** Fields shown but never editable. */
  readonlyFields?: string[];
  /** What an empty value looks like on list and detail pages. */
  emptyValueDisplay = '—';
  /** Hidden from the index and navigation (its pages stay reachable). */
  hidden = false;

  /** The text that stands for one record (Django's `__str__`): in relation columns, selects, breadcrumbs. */
  recordLabel?(record: Record<string, unknown>): string;
}

export type ModelAdminClass = new () => ModelAdmin;
