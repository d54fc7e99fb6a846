// What the inline partials (views/admin/partials/inline_tabular.eta, inline_stacked.eta) draw: per inline its rows,
// each row's fields in the shape of the form's own fields (so partials/field.eta draws them), and the template row that
// the "add another" button copies. Relation widgets cost one query per field, never one per row.
import { encodeRecordId } from '../data/record-id.ts';
import { recordVersion } from '../data/record-version.ts';
import { initialFormValues } from '../forms/index.ts';
import { INDEX_PLACEHOLDER, ROW_DELETE, ROW_ID, ROW_VERSION, rowInputName, totalFormsName } from '../forms/inline-forms.ts';
import type { FormField } from '../forms/types.ts';
import type { FastifyRequest } from 'fastify';
import type { AdminContext } from '../admin/context.ts';
import { urlsOf } from '../http/page.ts';
import { modelLabel } from '../schema/lookup.ts';
import type { InlineRowState, InlineState } from './inlines.ts';
import { secretSummary } from '../forms/password-hashers.ts';
import { readOnlyText } from './readonly-text.ts';
import { recordLabel } from './record-label.ts';
import { relationWidget, type RelationWidget } from './relation-choices.ts';

export interface InlineFieldView extends FormField {
  inputId: string;
  value: string | string[];
  values: string[];
  error: string | null;
  relation: RelationWidget | null;
  readOnlyText: string | null;
  currentText: null;
  downloadUrl: string | null;
  prepopulateFrom: null;
}

export interface InlineRowView {
  index: string;
  isNew: boolean;
  /** The record's label (stacked rows' heading). */
  label: string;
  idName: string;
  id: string | null;
  versionName: string;
  version: string | null;
  deleteName: string;
  deleteId: string;
  canDelete: boolean;
  deleted: boolean;
  /** Errors of the whole row (e.g. the record no longer exists). */
  errors: string[];
  /** One per column of the inline; null where this row has no such field (e.g. a field left out on add). */
  cells: (InlineFieldView | null)[];
}

export interface InlineView {
  prefix: string;
  title: string;
  layout: 'tabular' | 'stacked';
  totalName: string;
  total: number;
  columns: { name: string; label: string; required: boolean; help: string | null }[];
  rows: InlineRowView[];
  /** The blank row the "add another" button copies (index `__prefix__`), when the user may add. */
  template: InlineRowView | null;
  addLabel: string;
  canDelete: boolean;
  /** The inline holds an editable file input: the form must be multipart. */
  multipart: boolean;
}

export async function inlineViews(ctx: AdminContext, states: InlineState[], request: FastifyRequest): Promise<InlineView[]> {
  return Promise.all(states.map((state) => inlineView(ctx, state, request)));
}

export function inlineErrorCount(states: InlineState[]): number {
  return states.reduce((n, s) => n + s.rows.reduce((m, r) => m + Object.keys(r.errors).length, 0), 0);
}

async function inlineView(ctx: AdminContext, state: InlineState, request: FastifyRequest): Promise<InlineView> {
  const { formset } = state;
  const { inline, addFields, changeFields } = formset;
  const fieldsOf = (row: InlineRowState) => (row.id ? changeFields : addFields);
  // Columns: the fields of existing rows, then any that only new rows have.
  const columns: FormField[] = [...changeFields, ...addFields.filter((f) => !changeFields.some((c) => c.name === f.name))];

  // One widget per editable relation field, for every row at once: a select's options are the same for all rows; an
  // autocomplete box gets the labels of every row's current value.
  const widgets = new Map<string, RelationWidget>();
  await Promise.all(columns.map(async (column) => {
    if (column.widget !== 'relation' && column.widget !== 'relation-multiple') return;
    const editing = state.rows.some((row) => fieldsOf(row).some((f) => f.name === column.name && !f.readOnly)) || (formset.canAdd && addFields.some((f) => f.name === column.name && !f.readOnly));
    if (!editing) return;
    const selected = state.rows.flatMap((row) => asList(row.values[column.name]));
    widgets.set(column.name, await relationWidget(ctx, request, { owner: inline.admin, source: formset.parent, inline: inline.prefix }, column, [...new Set(selected)]));
  }));

  const rowView = (row: InlineRowState, index: string): InlineRowView => {
    const fields = fieldsOf(row);
    const cells = columns.map((column) => {
      const field = fields.find((f) => f.name === column.name);
      return field ? fieldView(ctx, state, row, field, index, widgets.get(field.name) ?? null) : null;
    });
    return {
      index,
      isNew: row.id === null,
      label: row.record ? recordLabel(formset.related, row.record) : `New ${modelLabel(inline.model).toLowerCase()}`,
      idName: rowInputName(inline.prefix, index, ROW_ID),
      id: row.id,
      versionName: rowInputName(inline.prefix, index, ROW_VERSION),
      version: row.id !== null && row.record ? row.version ?? recordVersion(inline.model, row.record) : null,
      deleteName: rowInputName(inline.prefix, index, ROW_DELETE),
      deleteId: `id_${rowInputName(inline.prefix, index, ROW_DELETE)}`,
      canDelete: row.id !== null && formset.canDelete,
      deleted: row.deleted,
      errors: Object.entries(row.errors).filter(([name]) => !fields.some((f) => f.name === name)).map(([, message]) => message),
      cells,
    };
  };

  const rows = state.rows.map((row, i) => rowView(row, String(i)));
  const blank: InlineRowState = { id: null, values: initialFormValues(inline.model, addFields), errors: {}, deleted: false };
  return {
    prefix: inline.prefix,
    title: formset.title,
    layout: inline.layout,
    totalName: totalFormsName(inline.prefix),
    total: rows.length,
    columns: columns.map((c) => ({ name: c.name, label: c.label, required: c.required, help: c.help })),
    rows,
    template: formset.canAdd ? rowView(blank, INDEX_PLACEHOLDER) : null,
    addLabel: `Add another ${modelLabel(inline.model).toLowerCase()}`,
    canDelete: formset.canDelete && state.rows.some((r) => r.id !== null),
    multipart: columns.some((c) => c.widget === 'file' && !c.readOnly),
  };
}

function fieldView(ctx: AdminContext, state: InlineState, row: InlineRowState, field: FormField, index: string, widget: RelationWidget | null): InlineFieldView {
  const { inline, related } = state.formset;
  const name = rowInputName(inline.prefix, index, field.name);
  const value = row.values[field.name] ?? '';
  const values = asList(value);
  const meta = inline.model.fields.find((f) => f.name === field.name)!;
  // An autocomplete box lists its current records: only this row's.
  const relation = widget && !field.readOnly
    ? { ...widget, options: widget.mode === 'autocomplete' ? widget.options.filter((o) => values.includes(o.value)) : widget.options }
    : null;
  const id = row.record ? encodeRecordId(inline.model, row.record) : null;
  return {
    ...field,
    name,
    inputId: `id_${name}`,
    value,
    values,
    error: row.errors[field.name] ?? null,
    relation,
    readOnlyText: field.readOnly ? (row.record ? (related.secretFields.has(field.name) ? secretSummary(row.record[field.name]) : readOnlyText(ctx, related, meta, row.record[field.name])) : related.emptyValueDisplay) : null,
    currentText: null,
    downloadUrl: field.widget === 'file' && id && row.record?.[field.name] ? urlsOf(ctx).download(related, id, field.name) : null,
    prepopulateFrom: null,
  };
}

function asList(value: string | string[] | undefined): string[] {
  if (value === undefined || value === '') return [];
  return Array.isArray(value) ? value : [value];
}
