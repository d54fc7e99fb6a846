// The cells of a list page's rows: what each column shows for a record, with its link, tooltip and classes.
// What a column's cells share (its related admin, its limit, its badges, whether it holds numbers) is looked up once
// per page, not once per cell: a page of 50 rows and 8 columns builds 400 cells.
import type { ListColumn } from '../admin/resolve-list-columns.ts';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import type { BadgeColour } from '../admin/badge-colours.ts';
import { hasRecordPages } from '../admin/read-only.ts';
import { encodeRecordId } from '../data/record-id.ts';
import { isSafeHtml } from '../markup/safe-html.ts';
import type { urlsOf } from '../http/page.ts';
import { badgeIn, displayValue, formatDateTime, truncate } from './display.ts';
import { fileFieldHtml } from './file-cells.ts';
import { withPreserved } from './preserved-filters.ts';
import { labelOf, recordLabel } from './record-label.ts';

/** What every row of a page shares: the URL builder, and the admin of each relation column's model (or none). */
export interface RowContext {
  urls: ReturnType<typeof urlsOf>;
  relatedAdmins: Map<string, ResolvedModelAdmin | undefined>;
  /** The list's query, carried to the change pages (preserved-filters.ts). */
  preserved: string;
}

/** One cell as the row template reads it. */
export interface ListCell {
  text: string;
  empty: boolean;
  boolean?: boolean | null;
  title?: string | null;
  /** A link to the related record (relation columns). */
  url?: string | null;
  /** Whether the value is a number (right-aligned): the column's field type, or a computed column's value. */
  numeric: boolean;
  /** Computed columns that returned `html\`...\``, and file fields: the HTML it built (every interpolated value escaped). */
  html?: string;
  /** `badges`: the colour of the value's badge. */
  badge?: BadgeColour;
  className: string;
  /** The record's change page, in the columns of listDisplayLinks. */
  link: string | null;
}

export interface ListRow {
  id: string | null;
  label: string;
  changeUrl: string | null;
  cells: ListCell[];
}

type CellOf = (row: Record<string, unknown>, id: string | null, changeUrl: string | null) => ListCell;

/** The rows of a page, each cell built by its column's function (made once for the page). */
export function buildRows(page: RowContext, admin: ResolvedModelAdmin, rows: Record<string, unknown>[]): ListRow[] {
  // A row of a model without a record key has no page to link to.
  const addressable = hasRecordPages(admin.model);
  const cells = admin.columns.map((column) => cellOfColumn(page, admin, column));
  return rows.map((row) => {
    const id = addressable ? encodeRecordId(admin.model, row) : null;
    const changeUrl = id === null ? null : withPreserved(page.urls.recordById(admin, id, 'change'), page.preserved);
    return { id, label: recordLabel(admin, row), changeUrl, cells: cells.map((cellOf) => cellOf(row, id, changeUrl)) };
  });
}

function cellOfColumn(page: RowContext, admin: ResolvedModelAdmin, column: ListColumn): CellOf {
  const empty = admin.emptyValueDisplay;
  const linked = column.link;
  const numericField = isNumericColumn(column);
  // Every cell has every property (one object shape for the template), built in one go.
  const cell = (text: string, isEmpty: boolean, numeric: boolean, changeUrl: string | null, title: string | null = null, url: string | null = null,
    html: string | undefined = undefined, badge: BadgeColour | undefined = undefined, boolean: boolean | null | undefined = undefined): ListCell => ({
    text, empty: isEmpty, boolean, title, url, numeric, html, badge, className: cellClass(text, isEmpty, numeric), link: linked ? changeUrl : null,
  });
  switch (column.kind) {
    case 'relation': {
      const relatedAdmin = page.relatedAdmins.get(column.name);
      return (row, _id, changeUrl) => {
        const related = row[column.name] as Record<string, unknown> | null;
        if (!related) return cell(empty, true, numericField, changeUrl);
        const label = labelOf(column.related, column.relatedLabelField, related);
        const url = relatedAdmin ? page.urls.record(relatedAdmin, related, 'change') : null;
        return cell(truncate(label), false, numericField, changeUrl, label.length > 80 ? label : null, url);
      };
    }
    case 'computed': {
      const { computed } = column;
      return (row, _id, changeUrl) => {
        const value = computed.value(row);
        if (isSafeHtml(value)) return cell('', false, numericField, changeUrl, null, null, value.toString());
        if (computed.boolean) {
          return value === null || value === undefined
            ? cell(empty, true, numericField, changeUrl, null, null, undefined, undefined, null)
            : cell(value ? 'Yes' : 'No', false, numericField, changeUrl, null, null, undefined, undefined, Boolean(value));
        }
        if (value === null || value === undefined || value === '') return cell(empty, true, numericField, changeUrl);
        const numeric = typeof value === 'number' || typeof value === 'bigint';
        const text = value instanceof Date ? formatDateTime(value) : Number.isSafeInteger(value) ? (value as number).toLocaleString('en-US') : String(value);
        return cell(truncate(text, 100), false, numeric, changeUrl, text.length > 100 ? text : null);
      };
    }
    case 'value':
    case 'path': {
      const limit = column.longText ? 60 : 100;
      if (column.kind === 'value' && admin.fileFields.has(column.name)) {
        const name = column.name;
        const label = admin.labelFor(name);
        return (row, id, changeUrl) => {
          const shown = id === null ? null : fileFieldHtml(page.urls, admin, id, name, row[name], label);
          return shown ? cell('', false, numericField, changeUrl, null, null, shown.toString()) : cell(empty, true, numericField, changeUrl);
        };
      }
      const { field } = column;
      const badges = column.kind === 'value' ? admin.badges.get(column.name) : undefined;
      const valueOf = column.kind === 'value' ? (row: Record<string, unknown>) => row[column.name] : (row: Record<string, unknown>) => valueAt(row, column.relations, field.name);
      return (row, _id, changeUrl) => {
        const value = valueOf(row);
        const shown = displayValue(field, value, empty);
        const badge = shown.empty ? undefined : badgeIn(badges, value);
        return cell(truncate(shown.text, limit), shown.empty, numericField, changeUrl, shown.text.length > limit ? shown.text : null, null, undefined, badge, shown.boolean);
      };
    }
  }
}

const NUMERIC_TYPES = new Set(['Int', 'BigInt', 'Float', 'Decimal']);

/** Numbers are right-aligned, so their digits line up down the column. */
export function isNumericColumn(column: ListColumn): boolean {
  return (column.kind === 'value' || column.kind === 'path') && column.field.kind === 'scalar' && NUMERIC_TYPES.has(column.field.type) && !column.field.isId;
}

const DATE_TEXT = /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$/;

/** Dates never wrap; empty values are muted. */
function cellClass(text: string, empty: boolean, numeric: boolean): string {
  if (numeric) return empty ? 'empty num' : 'num';
  // Only a text of a date's length with its first dash can be one (most cells are not: the pattern is not tried).
  const date = (text.length === 10 || text.length === 16) && text.charCodeAt(4) === 45 && DATE_TEXT.test(text);
  return empty ? (date ? 'empty nowrap' : 'empty') : date ? 'nowrap' : '';
}

/** The value at the end of a to-one relation path, or null where a relation is empty. */
function valueAt(row: Record<string, unknown>, relations: string[], field: string): unknown {
  let current: Record<string, unknown> | null = row;
  for (const rel of relations) current = (current?.[rel] as Record<string, unknown> | null) ?? null;
  return current ? current[field] : null;
}
