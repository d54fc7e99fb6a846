// Computed list columns and custom list filters: the parts of listDisplay / listFilter that are code, not field names.
import type { FastifyRequest } from 'fastify';

/** A list column computed from the record, e.g. the number of words of a post, or "is it recent?" as an icon. */
export interface ComputedColumn<R = Record<string, unknown>> {
  /** Identifier (used in listDisplayLinks and for sorting). */
  name: string;
  header: string;
  /** The value shown; it gets the record's scalar fields. */
  value(record: R): unknown;
  /** Show the value as a yes/no icon. */
  boolean?: boolean;
  /** A field to sort the column by, when sorting makes sense. */
  sortField?: string;
}

/** A sidebar filter of your own: a title, its choices, and how each choice narrows the query (a Prisma `where`). */
export interface CustomFilter {
  /** The query parameter of the filter (letters, digits and _). */
  name: string;
  title: string;
  choices: { value: string; label: string }[];
  where(value: string, request: FastifyRequest): Record<string, unknown> | undefined;
}

/** Defines a computed column with its record type checked. */
export function column<R = Record<string, unknown>>(definition: ComputedColumn<R>): ComputedColumn<R> {
  return definition;
}

/** Defines a custom list filter. */
export function customFilter(definition: CustomFilter): CustomFilter {
  return definition;
}
