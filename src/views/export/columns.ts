// The columns of an export and what their rows select: the list's columns (a relation as its label and, beside it,
// its key), the admin's `exportFields`, or every scalar field ("all fields", whose header is each field's name, so an
// export of all fields imports back unchanged). Bytes fields are left out unless asked for (then base64).
import type { ListColumn } from '../../admin/resolve-list-columns.ts';
import type { ResolvedModelAdmin } from '../../admin/resolve-model-admin.ts';
import { mergeSelect, relatedSelect } from '../../data/list-query.ts';
import { recordKeyFields } from '../../schema/record-key.ts';
import type { ValueFieldMeta } from '../../schema/types.ts';
import { labelOf } from '../record-label.ts';
import { exactCell, scalarCell, type Cell } from './values.ts';

export type ColumnChoice = 'list' | 'all';

export interface ExportColumn {
  header: string;
  value(row: Record<string, unknown>): Cell;
}

export interface ExportPlan {
  columns: ExportColumn[];
  /** The Prisma select that gives every column its value. */
  select: Record<string, unknown>;
}

export interface ExportColumnOptions {
  choice: ColumnChoice;
  /** Write Bytes fields (as base64) instead of leaving them out. */
  bytes: boolean;
}

export function exportPlan(admin: ResolvedModelAdmin, options: ExportColumnOptions): ExportPlan {
  const select: Record<string, unknown> = {};
  for (const key of recordKeyFields(admin.model)) select[key] = true;
  if (options.choice === 'all') {
    const fields = admin.model.fields.filter((f): f is ValueFieldMeta => (f.kind === 'scalar' || f.kind === 'enum') && (options.bytes || f.type !== 'Bytes'));
    for (const f of fields) select[f.name] = true;
    return { select, columns: fields.map((f) => ({ header: f.name, value: (row) => exactCell(f, row[f.name]) })) };
  }
  const all = (admin.exportColumns ?? admin.columns).flatMap((column) => columnsOf(admin, column, select, options));
  // A relation's key column and the foreign key shown as a column of its own: one column.
  const columns = all.filter((c, i) => all.findIndex((d) => d.header === c.header) === i);
  return { select, columns };
}

function columnsOf(admin: ResolvedModelAdmin, column: ListColumn, select: Record<string, unknown>, options: ExportColumnOptions): ExportColumn[] {
  switch (column.kind) {
    case 'value':
      if (column.field.type === 'Bytes' && !options.bytes) return [];
      select[column.name] = true;
      return [{ header: column.name, value: (row) => exactCell(column.field, row[column.name]) }];
    case 'relation': {
      for (const fk of column.field.fromFields) select[fk] = true;
      mergeSelect(select, [column.name], relatedSelect(column));
      const label: ExportColumn = {
        header: column.name,
        value: (row) => {
          const related = row[column.name] as Record<string, unknown> | null;
          return related ? labelOf(column.related, column.relatedLabelField, related) : null;
        },
      };
      // The key, in a column named as the foreign key field (`authorId`).
      const keys = column.field.fromFields;
      const fieldOf = (name: string) => admin.model.fields.find((f): f is ValueFieldMeta => f.name === name && (f.kind === 'scalar' || f.kind === 'enum'));
      return [label, ...keys.flatMap((fk) => {
        const field = fieldOf(fk);
        return field ? [{ header: fk, value: (row: Record<string, unknown>) => exactCell(field, row[fk]) }] : [];
      })];
    }
    case 'path':
      if (column.field.type === 'Bytes' && !options.bytes) return [];
      mergeSelect(select, column.relations, { [column.field.name]: true });
      return [{ header: column.name, value: (row) => exactCell(column.field, valueAt(row, column.relations, column.field.name)) }];
    case 'computed':
      // A computed column may read any scalar field of the record.
      for (const f of admin.model.fields) if (f.kind === 'scalar' || f.kind === 'enum') select[f.name] = true;
      return [{ header: column.name, value: (row) => scalarCell(column.computed.value(row)) }];
  }
}

function valueAt(row: Record<string, unknown>, relations: string[], field: string): unknown {
  let current: Record<string, unknown> | null = row;
  for (const rel of relations) current = (current?.[rel] as Record<string, unknown> | null) ?? null;
  return current ? current[field] : null;
}
