// Turns what the database refused (a unique value taken, a related record missing or still referenced) into
// messages beside the form's fields, instead of a 500.
import { ValidationError } from '../forms/validation-error.ts';
import type { ModelMeta, RelationFieldMeta } from '../schema/types.ts';

export interface MappedError {
  /** Field name → message. `__all__` holds errors that belong to no single field. */
  errors: Record<string, string>;
}

type KnownError = { code?: string; meta?: Record<string, unknown>; message?: string };

export function mapPrismaError(model: ModelMeta, error: unknown): MappedError | null {
  if (error instanceof ValidationError) return { errors: error.errors };
  const e = error as KnownError;
  if (!e || typeof e.code !== 'string') return null;
  switch (e.code) {
    case 'P2002': {
      const fields = constraintFields(model, e).map((f) => toFormField(model, f));
      const label = fields.length ? fields : ['__all__'];
      const message = fields.length > 1
        ? `A record with this combination of ${fields.join(', ')} already exists.`
        : 'A record with this value already exists.';
      return { errors: Object.fromEntries(label.map((f) => [f, message])) };
    }
    case 'P2003': {
      const fields = constraintFields(model, e).map((f) => toFormField(model, f));
      const message = 'The related record does not exist (it may have been deleted).';
      return { errors: Object.fromEntries((fields.length ? fields : ['__all__']).map((f) => [f, message])) };
    }
    case 'P2014': {
      const field = relationField(model, e);
      if (field) return { errors: { [field.name]: `The chosen ${field.type.toLowerCase()} is already linked to another record; choose another one.` } };
      return { errors: { __all__: 'This change would break a required relation between records.' } };
    }
    case 'P2011':
    case 'P2012': {
      const fields = constraintFields(model, e).map((f) => toFormField(model, f));
      return { errors: Object.fromEntries((fields.length ? fields : ['__all__']).map((f) => [f, 'This field is required.'])) };
    }
    case 'P2000': {
      const column = constraintFields(model, e)[0];
      return { errors: { [column ? toFormField(model, column) : '__all__']: 'The value is too long for this field.' } };
    }
    case 'P2020': {
      const column = constraintFields(model, e)[0];
      return { errors: { [column ? toFormField(model, column) : '__all__']: 'The value is out of range for this field.' } };
    }
    case 'P2025': {
      const field = relationField(model, e);
      if (field) return { errors: { [field.name]: 'The chosen record does not exist (it may have been deleted).' } };
      return { errors: { __all__: 'The record (or a related record) no longer exists.' } };
    }
    default:
      return null;
  }
}

/** The relation field named by the error's `meta.relation` (its relation name), if this model has one. */
function relationField(model: ModelMeta, e: KnownError): RelationFieldMeta | undefined {
  const name = e.meta?.relation ?? e.meta?.relation_name;
  if (typeof name !== 'string') return undefined;
  return model.fields.find((f): f is RelationFieldMeta => f.kind === 'relation' && f.relationName === name);
}

/** The column or field names in the error, from any of the shapes Prisma uses (classic engine or driver adapters). */
function constraintFields(model: ModelMeta, e: KnownError): string[] {
  const meta = e.meta ?? {};
  const target = meta.target ?? meta.field_name ?? meta.column_name;
  if (Array.isArray(target)) return target.map(String);
  const adapterCause = (meta.driverAdapterError as { cause?: { constraint?: { fields?: string[]; index?: string }; column?: string } } | undefined)?.cause;
  if (adapterCause?.constraint?.fields) return adapterCause.constraint.fields.map(String);
  // LengthMismatch and the database's own errors name the column they concern.
  if (typeof adapterCause?.column === 'string') return [adapterCause.column];
  const index = adapterCause?.constraint?.index ?? (typeof target === 'string' ? target : undefined);
  return index ? fieldsOfConstraintName(model, index.replace(/\s*\(index\)$/, '')) : [];
}

/**
 * Prisma names constraints `<Table>_<col>[_<col>...]_key` (unique) or `_fkey`; PostgreSQL reports only that name.
 * Columns may hold underscores themselves, so the middle part is split into known column names.
 */
function fieldsOfConstraintName(model: ModelMeta, name: string): string[] {
  const middle = name.replace(new RegExp(`^${escapeRegExp(model.dbName)}_`), '').replace(/_(p|f)?key$/, '');
  const columns = model.fields.filter((f) => f.kind === 'scalar' || f.kind === 'enum').map((f) => f.dbName ?? f.name);
  const split = (rest: string): string[] | null => {
    if (rest === '') return [];
    for (const column of columns) {
      if (rest === column) return [column];
      if (rest.startsWith(`${column}_`)) {
        const tail = split(rest.slice(column.length + 1));
        if (tail) return [column, ...tail];
      }
    }
    return null;
  };
  return split(middle) ?? [middle];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A foreign-key column is shown in the form as its relation (`authorId` → `author`); a db column name maps back. */
function toFormField(model: ModelMeta, name: string): string {
  const clean = name.replace(/["`]/g, '');
  const field = model.fields.find((f) => f.name === clean || f.dbName === clean);
  if (!field) return clean;
  const relation = model.fields.find((f): f is RelationFieldMeta => f.kind === 'relation' && f.fromFields.includes(field.name));
  return relation ? relation.name : field.name;
}
