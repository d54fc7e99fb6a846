// The form-side option types of ModelAdmin, and what its saveModel / deleteModel hooks do by default.
import type { FastifyRequest } from 'fastify';
import type { PrismaClientLike } from '../data/delegates.ts';
import { delegateName } from '../schema/lookup.ts';

/**
 * A titled group of fields in the add/change form (Django's fieldsets).
 *
 * @example
 * fieldsets = [
 *   { title: 'Content', fields: ['title', 'slug', 'body'] },
 *   { title: 'Metadata', fields: ['createdAt', 'updatedAt'], collapsed: true, description: 'Kept by the database.' },
 * ];
 */
export interface Fieldset {
  /** The group's heading; null for a group without one. */
  title: string | null;
  /** Field names; a nested list puts its fields on one line (`['title', ['status', 'publishedAt']]`). */
  fields: FieldLine[];
  /** Starts folded (a `<details>` element: opens with a click, no JavaScript needed; open when it holds an error). */
  collapsed?: boolean;
  /** A sentence under the heading. */
  description?: string;
}

/** A field of `fields` / `fieldsets`, or several shown side by side on one line (Django's tuples). */
export type FieldLine = string | readonly string[];

/** How `radioFields` lays out its radio buttons. */
export type RadioLayout = 'horizontal' | 'vertical';

/**
 * The input a field is drawn with instead of its default (`widgets`): `text` (one line), `textarea`, `markdown`
 * (a textarea with `data-widget="markdown"`, for the Markdown editor) or `code` (a monospace textarea, no spell
 * checking; String and Json fields).
 */
export const WIDGET_OVERRIDES = ['text', 'textarea', 'markdown', 'code'] as const;
export type WidgetOverride = (typeof WIDGET_OVERRIDES)[number];

/**
 * The client a hook writes with: your PrismaClient, or the transaction's client when the audit log is on. Typed `any`
 * so that `client.post.update(...)` reads as in your own code; annotate it as `Prisma.TransactionClient` if you like.
 */
export type AdminClient = any;

/** What `saveModel` gets. */
export interface SaveModelArgs {
  /** The form's values as Prisma `data` for create (add) or update (change). */
  data: Record<string, unknown>;
  mode: 'add' | 'change';
  /**
   * The record's unique `where` (change only). Before saveModel runs, the admin has locked this record in the
   * transaction of `client` and checked that it is still the version the form was opened with (a concurrent save gets
   * a 409): write through `client`, and the check holds whatever `where` you build.
   */
  where?: Record<string, unknown>;
  request: FastifyRequest;
  /** The stored record before the change (change only). */
  record?: Record<string, unknown>;
  /** Relations the admin reads back from the saved record (for the audit log); pass it on to create/update. */
  include?: Record<string, unknown>;
}

/** What `deleteModel` gets. */
export interface DeleteModelArgs {
  /** The record's unique `where`. */
  where: Record<string, unknown>;
  /** The record as the delete page loaded it: its primary key and label field. */
  record: Record<string, unknown>;
  request: FastifyRequest;
}

type Writer = {
  create(args: object): Promise<Record<string, unknown>>;
  update(args: object): Promise<Record<string, unknown>>;
  delete(args: object): Promise<Record<string, unknown>>;
};

function writerOf(client: PrismaClientLike, modelName: string): Writer {
  const delegate = client[delegateName({ name: modelName })];
  if (!delegate) throw new Error(`The Prisma client has no delegate for the model ${modelName}: was it generated from this schema?`);
  return delegate as Writer;
}

/** ModelAdmin.saveModel's default: create (add) or update (change) through `client`. */
export function defaultSaveModel(client: PrismaClientLike, modelName: string, args: SaveModelArgs): Promise<Record<string, unknown>> {
  const writer = writerOf(client, modelName);
  const include = args.include && Object.keys(args.include).length ? { include: args.include } : {};
  if (args.mode === 'add') return writer.create({ data: args.data, ...include });
  if (!args.where) throw new Error(`saveModel(${modelName}): a change needs the record's where.`);
  return writer.update({ where: args.where, data: args.data, ...include });
}

/** ModelAdmin.deleteModel's default: delete through `client`. */
export function defaultDeleteModel(client: PrismaClientLike, modelName: string, args: DeleteModelArgs): Promise<unknown> {
  return writerOf(client, modelName).delete({ where: args.where });
}
