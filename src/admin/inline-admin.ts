// Inlines (Django's InlineModelAdmin): records of a related model edited inside their parent's add/change form, e.g.
// the comments of a post. The related model is the one whose relation points at the parent; its rows are saved in the
// same transaction as the parent.
import type { FastifyRequest } from 'fastify';
import { hasModelPermission } from '../auth/permissions.ts';

export type InlineLayout = 'tabular' | 'stacked';

/**
 * The options of one inline. Subclass `TabularInline` (one table row per record) or `StackedInline` (one block of
 * fields per record) and list the class in the parent admin's `inlines`.
 *
 * @example
 * class CommentInline extends TabularInline {
 *   model = 'Comment';
 *   fields = ['authorName', 'body', 'approved'];
 *   extra = 1;
 * }
 * class PostAdmin extends ModelAdmin {
 *   inlines = [CommentInline];
 * }
 */
export class InlineModelAdmin {
  /** The Prisma model edited inline (its relation must point at the parent model). */
  model = '';
  /**
   * The inline model's relation to the parent, when it has several relations to the parent's model (e.g. `author`
   * and `reviewer` both pointing at Author). With one, it is found on its own.
   */
  fkName?: string;
  /** The fields of each row, in order. Default: every editable field except the relation to the parent. */
  fields?: string[];
  /** Fields left out of the default `fields`. */
  exclude?: string[];
  /** Fields shown but never editable. */
  readonlyFields?: string[];
  /** Blank rows for new records below the existing ones (without JavaScript, the only way to add). */
  extra = 3;
  /** Shows a "delete" checkbox on existing rows (when the user may delete records of the inline model). */
  canDelete = true;
  /** Order of the existing rows, e.g. `['-createdAt']`. Default: by primary key. */
  ordering?: string[];
  /** Labels per field, instead of the humanized field name. */
  labels?: Record<string, string>;
  /** Per relation field of the rows, a `where` its choices must match (see ModelAdmin.limitChoicesTo). */
  limitChoicesTo?: Record<string, Record<string, unknown>>;
  /** How rows are drawn: a table (`tabular`) or one block of fields per record (`stacked`). */
  layout: InlineLayout = 'tabular';

  /** Narrows one relation field's choices for this request (see ModelAdmin.getRelationChoicesWhere). */
  getRelationChoicesWhere(_request: FastifyRequest, _fieldName: string): Record<string, unknown> | undefined {
    return undefined;
  }

  // Permission hooks, like ModelAdmin's; `parent` is the record being changed (undefined on the add page). The
  // defaults follow the user's permissions on the inline model.
  hasViewPermission(request: FastifyRequest, _parent?: Record<string, unknown>): boolean {
    return hasModelPermission(request.adminUser, this.model, 'view');
  }
  hasAddPermission(request: FastifyRequest, _parent?: Record<string, unknown>): boolean {
    return hasModelPermission(request.adminUser, this.model, 'add');
  }
  hasChangePermission(request: FastifyRequest, _parent?: Record<string, unknown>): boolean {
    return hasModelPermission(request.adminUser, this.model, 'change');
  }
  hasDeletePermission(request: FastifyRequest, _parent?: Record<string, unknown>): boolean {
    return hasModelPermission(request.adminUser, this.model, 'delete');
  }
}

/** An inline drawn as a table: one row per record, one column per field. */
export class TabularInline extends InlineModelAdmin {
  override layout: InlineLayout = 'tabular';
}

/** An inline drawn as blocks: the fields of each record one under the other, like the parent's form. */
export class StackedInline extends InlineModelAdmin {
  override layout: InlineLayout = 'stacked';
}

export type InlineModelAdminClass = new () => InlineModelAdmin;
