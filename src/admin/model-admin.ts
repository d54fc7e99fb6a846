// The per-model admin class, like Django's ModelAdmin. Users subclass it and override options; every option left
// undefined gets a default derived from the model's metadata (see resolve-model-admin.ts).
import type { FastifyRequest } from 'fastify';
import { hasModelPermission } from '../auth/permissions.ts';
import type { AdminAction } from './actions.ts';

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
  /**
   * String fields that hold a password hash: the form shows an empty password input, stores the scrypt hash of what
   * is typed, and on change keeps the current hash when the input is left empty. They are never displayed.
   */
  passwordFields?: string[];
  /** Labels per field, instead of the humanized field name (`{ publishedAt: 'Publication date' }`). */
  labels?: Record<string, string>;
  /** Bulk actions offered on the list page, besides "Delete selected" (see `action()`). */
  actions?: AdminAction<any>[];
  /** What an empty value looks like on list and detail pages. */
  emptyValueDisplay = '—';
  /** Hidden from the index and navigation (its pages stay reachable). */
  hidden = false;

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
}

export type ModelAdminClass = new () => ModelAdmin;
