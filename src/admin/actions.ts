// Bulk actions of the list page (Django's admin actions): a name, a label, an optional confirmation, and what to do
// with the selected records. The built-in "delete selected" is one of them.
import type { FastifyRequest } from 'fastify';
import type { PermissionAction } from '../auth/types.ts';

export interface ActionContext<R = Record<string, unknown>, I = Record<string, unknown>> {
  /**
   * The selected records (every scalar field), after the admin's getQueryset, locked and read again in the action's
   * transaction: values computed from them (`count + 1`) do not overwrite a save that committed meanwhile. A run over
   * more than one batch of records (the bulkBatchSize option, 2,000) calls run() once per batch, all in one transaction.
   */
  records: R[];
  /** What the action's form asked for (`form` or `fields`), parsed and valid; `{}` without a form. */
  input: I;
  /** The Prisma client to use: the transaction's, so the action and its audit log entries commit together (and the locks hold). */
  client: any;
  request: FastifyRequest;
}

export interface AdminAction<R = Record<string, unknown>, I = Record<string, unknown>> {
  /** Identifier in the form (letters, digits, _ and -). */
  name: string;
  /** What the action menu shows, e.g. "Publish selected posts". */
  label: string;
  /** Ask before running: `true` for the standard confirmation page, or the question to ask. */
  confirm?: boolean | string;
  /** The model permission needed to run it. Default: change. */
  permission?: PermissionAction;
  /**
   * Asks for input first, on an intermediate page: a zod object schema (its keys are the inputs, each rendered as a
   * text input, a checkbox for booleans, a select for enums; `.describe()` gives the label) ...
   */
  form?: ActionFormSchema<I>;
  /** ... or fields of the model, with the change form's widgets and parsing (`fields: ['category']`). */
  fields?: string[];
  /**
   * Does the work; returns the success message (default: "<label>: done for N records."). Throw `BulkRowError` to
   * stop the run naming the record; any error stops it and nothing of the run is written.
   */
  run(context: ActionContext<R, I>): Promise<string | void> | string | void;
}

/** What `form` must be: a zod object (kept structural so that the admin layer needs no zod import of its own). */
export interface ActionFormSchema<I> {
  safeParse(input: unknown): { success: true; data: I } | { success: false; error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> } };
  shape: Record<string, unknown>;
}

/** Defines an action with its types checked (the same object, returned). */
export function action<R = Record<string, unknown>, I = Record<string, unknown>>(definition: AdminAction<R, I>): AdminAction<R, I> {
  return definition;
}

/** Thrown by an action's run() about one record: the run stops, nothing of it is written, the message names the record. */
export class BulkRowError extends Error {
  constructor(readonly record: Record<string, unknown>, message: string) {
    super(message);
    this.name = 'BulkRowError';
  }
}

export const DELETE_SELECTED = 'delete_selected';

/** Start-up check: names are identifiers, unique, and not the built-in's; every action can run. */
export function validateActions(modelName: string, actions: AdminAction<any>[]): void {
  const seen = new Set<string>([DELETE_SELECTED]);
  for (const a of actions) {
    if (!/^[A-Za-z][\w-]{0,63}$/.test(a.name ?? '')) throw new Error(`${modelName}Admin.actions: “${a.name}” is not a valid action name (letters, digits, _ and -).`);
    if (seen.has(a.name)) throw new Error(`${modelName}Admin.actions: the name “${a.name}” is used twice (or is the built-in delete_selected).`);
    if (typeof a.run !== 'function') throw new Error(`${modelName}Admin.actions: “${a.name}” has no run() function.`);
    if (!a.label) throw new Error(`${modelName}Admin.actions: “${a.name}” has no label.`);
    seen.add(a.name);
  }
}
