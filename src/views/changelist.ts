// The list page ("changelist"): search, filters, sort, pagination, and a checkbox per row for bulk actions.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ListColumn } from '../admin/resolve-list-columns.ts';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { parseListParams, type ListParams } from '../data/list-params.ts';
import { buildListQuery } from '../data/list-query.ts';
import { scopedWhere } from '../data/scoped-where.ts';
import { literalSearchWhere, needsLiteralSearch } from '../data/sqlite-literal-search.ts';
import { DELETE_SELECTED } from '../admin/actions.ts';
import { mayRun } from '../admin/action-permission.ts';
import { encodeRecordId } from '../data/record-id.ts';
import { modelLabel, modelLabelPlural } from '../schema/lookup.ts';
import { delegateOf } from '../data/delegates.ts';
import type { AdminContext } from '../admin/context.ts';
import { renderPage, urlsOf } from '../http/page.ts';
import { displayValue, formatDateTime, truncate } from './display.ts';
import { currentQuery, queryWith, type QueryValues } from './query-string.ts';
import { labelOf, recordLabel } from './record-label.ts';
import { filterChoices } from './list-filters.ts';
import { dateHierarchyOf } from './date-hierarchy.ts';
import { editableFields, relationWidgets, rowInputs, type ListEdits } from './list-editable.ts';
import { fetchPlannedLabels, planLabels, type LabelPlan } from './list-labels.ts';
import { RELATION_FILTER_LIMIT } from './list-filters.ts';
import { isDatabaseUnavailable } from '../data/database-unavailable.ts';
import { unfilteredCount, type Total } from '../data/estimated-count.ts';
import { DEEP_PAGE_OFFSET, fetchListPage, indexServesOrder, readsKeysFirst, rowsByKey } from '../data/deep-page.ts';
import { canAnchorPageKeys, canReadPageKeys, totalWithPageKeys, type PageWindow } from '../data/page-keys.ts';
import { recordWhere } from '../data/record-id.ts';
import type { ListFilter } from '../admin/resolve-model-admin.ts';

/** Sites whose database refused the batched labels query once: they use Prisma's per-relation queries. */
const batchingFailed = new WeakSet<AdminContext>();
/** Sites whose database refused a raw total query once (plain COUNT(*), or total and keys): Prisma from then on. */
const rawTotalsFailed = new WeakSet<AdminContext>();

type Delegate = ReturnType<typeof delegateOf>;

/** A rejected list edit shown again: the list of `query` with the typed values and errors, and this status. */
export interface ListRerender {
  query: Record<string, unknown>;
  edits: ListEdits;
  status: number;
}

export async function changelistView(ctx: AdminContext, request: FastifyRequest, reply: FastifyReply, admin: ResolvedModelAdmin, rerender?: ListRerender) {
  const params = parseListParams(admin, rerender?.query ?? (request.query as Record<string, unknown>));
  const plan = batchingFailed.has(ctx) ? { columns: new Map(), filters: new Map() } as LabelPlan : planLabels(ctx, admin, RELATION_FILTER_LIMIT);
  const built = buildListQuery(ctx.schema, admin, params, new Date(), request, new Set(plan.columns.keys()));
  const query = { ...built, where: scopedWhere(admin, request, built.where) };
  if (needsLiteralSearch(ctx, admin, params)) {
    const literal = await literalSearchWhere(ctx, admin, request, params, query.where);
    if (literal) query.where = { AND: [query.where, literal] };
  }
  const delegate = delegateOf(ctx, admin);
  const perPage = admin.perPage;
  const editable = admin.admin.hasChangePermission(request) ? editableFields(ctx, admin) : [];
  if (editable.length) {
    // The row's version covers every stored value.
    for (const f of admin.model.fields) if (f.kind === 'scalar' || f.kind === 'enum') query.select[f.name] = true;
  }
  const fetchPage = (page: number) =>
    fetchListPage(delegate, admin.model, { where: query.where, orderBy: query.orderBy, select: query.select, skip: (page - 1) * perPage, take: perPage });

  const undrilled = params.drill ? scopedWhere(admin, request, buildListQuery(ctx.schema, admin, { ...params, drill: null }, new Date(), request).where) : query.where;
  const [[counted, firstTry], dateHierarchy, widgets] = await Promise.all([
    totalAndPage(ctx, request, admin, delegate, query, params, fetchPage),
    dateHierarchyOf(ctx, admin, params, undrilled, currentQuery({ ...params, page: 1 })),
    relationWidgets(ctx, editable),
  ]);
  const { total, estimated } = counted;
  // An estimate may fall short of the rows there are: a page that has rows is never past the end.
  const pageCount = Math.max(1, Math.ceil(total / perPage), estimated && firstTry.length ? params.page : 1);
  const page = Math.min(params.page, pageCount);
  const rows = page === params.page ? firstTry : await fetchPage(page);
  // Related labels of the page and relation filter choices: one query (see list-labels.ts).
  const activeValues = new Map(params.filters.filter((f) => f.filter.kind === 'relation' && f.param.endsWith('__exact')).map((f) => [f.filter as Extract<ListFilter, { kind: 'relation' }>, f.value]));
  let labels;
  try {
    labels = await fetchPlannedLabels(ctx, plan, rows, RELATION_FILTER_LIMIT, activeValues);
  } catch (error) {
    if (isDatabaseUnavailable(error) || plan.columns.size + plan.filters.size === 0) throw error;
    // A database the raw query does not fit (e.g. a PostgreSQL schema set only on the adapter): Prisma from now on.
    request.log.warn({ err: error }, 'batched related labels unavailable; using one query per relation');
    batchingFailed.add(ctx);
    return changelistView(ctx, request, reply, admin, rerender);
  }
  const filters = await Promise.all(admin.filters.map((f) => filterChoices(ctx, f, params, f.kind === 'relation' ? labels.filterChoices.get(f) : undefined)));
  const base = currentQuery({ ...params, page });
  const urls = urlsOf(ctx);

  const shared: RowContext = { urls, relatedAdmins: relatedAdminsOf(ctx, admin) };
  const builtRows = rows.map((row) => rowFor(shared, admin, row));
  const data = {
    model: { label: modelLabel(admin.model), labelPlural: modelLabelPlural(admin.model), isView: admin.model.isView },
    addUrl: !admin.model.isView && admin.admin.hasAddPermission(request) ? urls.add(admin) : null,
    actions: [
      ...(!admin.model.isView && admin.admin.hasDeletePermission(request) ? [{ name: DELETE_SELECTED, label: `Delete selected ${modelLabelPlural(admin.model).toLowerCase()}` }] : []),
      ...(admin.admin.actions ?? []).filter((a) => mayRun(admin, request, a)).map((a) => ({ name: a.name, label: a.label })),
    ],
    listUrl: urls.list(admin),
    deleteSelectedUrl: urls.deleteSelected(admin),
    search: { enabled: admin.search.length > 0, value: params.search, fields: admin.search.map((s) => [...s.relations, s.field].join('.')) },
    headers: admin.columns.map((column, c) => ({ ...headerFor(column.name, column.header, params, base), sortable: column.sortable, numeric: isNumericColumn(column) || numericColumn(builtRows, c) })),
    rows: rows.map((row, i) => {
      const built = builtRows[i];
      if (!editable.length) return built;
      const edit = rowInputs(ctx, admin, editable, widgets, row, i, rerender?.edits);
      return { ...built, edit, cells: built.cells.map((cell, c) => ({ ...cell, input: edit.inputs[admin.columns[c].name] ?? null })) };
    }),
    editable: editable.length > 0,
    listQuery: new URLSearchParams(base).toString(),
    editErrorCount: rerender ? rerender.edits.errors.size : 0,
    filters: filters.map((f, i) => ({ title: admin.filters[i].title, choices: f.map((c) => ({ ...c, url: `?${queryWith(base, c.changes)}` })) })),
    activeFilterCount: params.filters.length,
    dateHierarchy,
    clearUrl: params.search || params.filters.length ? urls.list(admin, queryWith(base, Object.fromEntries([['q', undefined], ...params.filters.map((f) => [f.param, undefined])]))) : null,
    total,
    estimated,
    exactCountUrl: estimated ? `?${queryWith(base, { exact: '1', page: base.page })}` : null,
    pagination: paginationFor(page, pageCount, base, builtRows.length && anchorsPages(ctx, admin, query) ? { first: builtRows[0].id, last: builtRows[builtRows.length - 1].id, perPage } : null),
    perPage,
  };
  const title = `Select ${modelLabel(admin.model).toLowerCase()} to change`;
  return renderPage(ctx, request, reply, 'change_list', data, {
    title,
    status: rerender?.status,
    model: admin,
    breadcrumbs: [{ label: 'Home', url: urls.index() }, { label: modelLabelPlural(admin.model) }],
  });
}

/**
 * The total and the requested page's rows. An unfiltered deep page reads its keys with the total (page-keys.ts): with
 * the related labels, every page is at most three queries.
 */
async function totalAndPage(ctx: AdminContext, request: FastifyRequest, admin: ResolvedModelAdmin, delegate: Delegate, query: { where: Record<string, unknown>; orderBy: Record<string, unknown>[]; select: Record<string, unknown> }, params: ListParams, fetchPage: (page: number) => Promise<Record<string, unknown>[]>): Promise<[Total, Record<string, unknown>[]]> {
  const window = { orderBy: query.orderBy, skip: (params.page - 1) * admin.perPage, take: admin.perPage };
  const anchored = anchoredWindow(ctx, admin, query, params);
  const estimateAbove = params.exactCount ? null : ctx.countEstimateAbove;
  if (anchored || (readsKeysFirst(admin.model, { ...window, where: query.where }) && canReadPageKeys(ctx.schema.provider, admin.model, query.orderBy))) {
    const found = await rawTotal(ctx, request, 'deep page keys unavailable in one query with the total', async () => {
      const first = await totalWithPageKeys(ctx, admin.model, anchored ?? window, estimateAbove);
      // The anchor row is gone (deleted since the link was made): the page by its number.
      return anchored && first.keys.length === 0 ? totalWithPageKeys(ctx, admin.model, window, estimateAbove) : first;
    });
    if (found) {
      const total = found.total ?? { total: await delegate.count({ where: query.where }), estimated: false };
      return [total, await rowsByKey(delegate, admin.model, query.select, found.keys)];
    }
  }
  return Promise.all([countRows(ctx, request, delegate, admin, query.where, estimateAbove), fetchPage(params.page)]);
}

/**
 * One of the raw total queries (estimated-count.ts, page-keys.ts), or null where it cannot run: a database it does not
 * fit (e.g. a PostgreSQL schema set only on the adapter) is logged once, and the site uses Prisma's queries from then
 * on. An outage is no such case: it reaches the error page.
 */
async function rawTotal<T>(ctx: AdminContext, request: FastifyRequest, failure: string, run: () => Promise<T>): Promise<T | null> {
  if (rawTotalsFailed.has(ctx)) return null;
  try {
    return await run();
  } catch (error) {
    if (isDatabaseUnavailable(error)) throw error;
    request.log.warn({ err: error }, `${failure}; using Prisma`);
    rawTotalsFailed.add(ctx);
    return null;
  }
}

/** Whether this list's deep pages link to each other by anchor rows (keyset pagination, see PageAnchor). */
function anchorsPages(ctx: AdminContext, admin: ResolvedModelAdmin, query: { where: Record<string, unknown>; orderBy: Record<string, unknown>[] }): boolean {
  return !rawTotalsFailed.has(ctx) && Object.keys(query.where).length === 0 && indexServesOrder(admin.model, query.orderBy) && canAnchorPageKeys(ctx.schema.provider, admin.model, query.orderBy);
}

/** The page's window from its link's anchor row, when the link has a valid one and the list can use it. */
function anchoredWindow(ctx: AdminContext, admin: ResolvedModelAdmin, query: { where: Record<string, unknown>; orderBy: Record<string, unknown>[] }, params: ListParams): PageWindow | null {
  const anchor = params.anchor;
  if (!anchor || !anchorsPages(ctx, admin, query)) return null;
  const key = recordWhere(ctx.schema, admin.model, anchor.id);
  const pagesBetween = Math.abs(params.page - anchor.from) - 1;
  if (!key || pagesBetween * admin.perPage >= DEEP_PAGE_OFFSET) return null;
  return { orderBy: query.orderBy, skip: pagesBetween * admin.perPage, take: admin.perPage, anchor: { key, side: anchor.side } };
}

/** The total for the pagination: COUNT(*), or the planner's estimate for an unfiltered large PostgreSQL table. */
async function countRows(ctx: AdminContext, request: FastifyRequest, delegate: Delegate, admin: ResolvedModelAdmin, where: Record<string, unknown>, estimateAbove: number | null): Promise<Total> {
  if (Object.keys(where).length === 0) {
    const counted = await rawTotal(ctx, request, 'a plain COUNT(*) is unavailable', () => unfilteredCount(ctx, admin.model, estimateAbove));
    if (counted) return counted;
  }
  return { total: await delegate.count({ where }), estimated: false };
}

function headerFor(column: string, label: string, params: ListParams, base: QueryValues) {
  const current = params.sort.find((s) => s.column === column);
  const next = current?.dir === 'asc' ? `-${column}` : column;
  return {
    label,
    sorted: current ? current.dir : null,
    ariaSort: current ? (current.dir === 'asc' ? 'ascending' : 'descending') : 'none',
    url: `?${queryWith(base, { sort: next })}`,
    removeUrl: current ? `?${queryWith(base, { sort: undefined })}` : null,
  };
}

/** What every row of a page shares: the URL builder, and the admin of each relation column's model (or none). */
interface RowContext {
  urls: ReturnType<typeof urlsOf>;
  relatedAdmins: Map<string, ResolvedModelAdmin | undefined>;
}

function relatedAdminsOf(ctx: AdminContext, admin: ResolvedModelAdmin): RowContext['relatedAdmins'] {
  const admins = [...ctx.models.values()];
  return new Map(admin.columns.filter((c) => c.kind === 'relation').map((c) => [c.name, admins.find((a) => a.model === c.related)]));
}

function rowFor(page: RowContext, admin: ResolvedModelAdmin, row: Record<string, unknown>) {
  const { urls } = page;
  const id = encodeRecordId(admin.model, row);
  const changeUrl = urls.recordById(admin, id, 'change');
  const cells = admin.columns.map((column) => {
    const cell = cellFor(page, admin, column, row);
    const numeric = cell.numeric ?? isNumericColumn(column);
    return { ...cell, numeric, className: cellClass(cell, numeric), link: column.link ? changeUrl : null };
  });
  return { id, label: recordLabel(admin, row), changeUrl, cells };
}

interface Cell {
  text: string;
  empty: boolean;
  boolean?: boolean | null;
  title?: string | null;
  /** A link to the related record (relation columns). */
  url?: string | null;
  /** Computed columns: whether the value was a number. */
  numeric?: boolean;
}

function cellFor(page: RowContext, admin: ResolvedModelAdmin, column: ListColumn, row: Record<string, unknown>): Cell {
  switch (column.kind) {
    case 'relation': {
      const related = row[column.name] as Record<string, unknown> | null;
      if (!related) return { text: admin.emptyValueDisplay, empty: true };
      const relatedAdmin = page.relatedAdmins.get(column.name);
      const label = labelOf(column.related, column.relatedLabelField, related);
      return { text: truncate(label), title: label.length > 80 ? label : null, empty: false, url: relatedAdmin ? page.urls.record(relatedAdmin, related, 'change') : null };
    }
    case 'computed': {
      const value = column.computed.value(row);
      if (column.computed.boolean) return value === null || value === undefined ? { text: admin.emptyValueDisplay, empty: true, boolean: null } : { text: value ? 'Yes' : 'No', empty: false, boolean: Boolean(value) };
      if (value === null || value === undefined || value === '') return { text: admin.emptyValueDisplay, empty: true };
      const numeric = typeof value === 'number' || typeof value === 'bigint';
      const text = value instanceof Date ? formatDateTime(value) : Number.isSafeInteger(value) ? (value as number).toLocaleString('en-US') : String(value);
      return { text: truncate(text, 100), title: text.length > 100 ? text : null, empty: false, numeric };
    }
    case 'value':
    case 'path': {
      const value = column.kind === 'value' ? row[column.name] : valueAt(row, column.relations, column.field.name);
      const shown = displayValue(column.field, value, admin.emptyValueDisplay);
      const limit = column.longText ? 60 : 100;
      return { ...shown, text: truncate(shown.text, limit), title: shown.text.length > limit ? shown.text : null };
    }
  }
}

const NUMERIC_TYPES = new Set(['Int', 'BigInt', 'Float', 'Decimal']);

/** Numbers are right-aligned, so their digits line up down the column. */
function isNumericColumn(column: ListColumn): boolean {
  return (column.kind === 'value' || column.kind === 'path') && column.field.kind === 'scalar' && NUMERIC_TYPES.has(column.field.type) && !column.field.isId;
}

/** A column of numbers: every value shown on the page is one (its header is aligned with them). */
function numericColumn(rows: { cells: { numeric: boolean; empty: boolean }[] }[], c: number): boolean {
  const shown = rows.map((r) => r.cells[c]).filter((cell) => !cell.empty);
  return shown.length > 0 && shown.every((cell) => cell.numeric);
}

/** Dates never wrap; empty values are muted. */
function cellClass(cell: Cell, numeric: boolean): string {
  const classes = [];
  if (cell.empty) classes.push('empty');
  if (numeric) classes.push('num');
  else if (/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$/.test(cell.text)) classes.push('nowrap');
  return classes.join(' ');
}

/** The value at the end of a to-one relation path, or null where a relation is empty. */
function valueAt(row: Record<string, unknown>, relations: string[], field: string): unknown {
  let current: Record<string, unknown> | null = row;
  for (const rel of relations) current = (current?.[rel] as Record<string, unknown> | null) ?? null;
  return current ? current[field] : null;
}

/** Links to nearby deep pages carry an anchor row of this page (see PageAnchor): its first and last rows' ids. */
interface PageAnchors {
  first: string;
  last: string;
  perPage: number;
}

function paginationFor(page: number, pageCount: number, base: QueryValues, anchors: PageAnchors | null) {
  const urlOf = (n: number) => {
    const changes: Record<string, string | undefined> = { page: n === 1 ? undefined : String(n) };
    if (anchors && n !== page && Math.abs(n - page) <= 2 && (n - 1) * anchors.perPage >= DEEP_PAGE_OFFSET) {
      changes.from = String(page);
      if (n > page) changes.after = anchors.last;
      else changes.before = anchors.first;
    }
    return `?${queryWith(base, changes)}`;
  };
  // Like Django: the first and last pages, and a window around the current one, with gaps in between.
  const wanted = new Set([1, 2, pageCount - 1, pageCount, page - 2, page - 1, page, page + 1, page + 2]);
  const numbers = [...wanted].filter((n) => n >= 1 && n <= pageCount).sort((a, b) => a - b);
  const items: { number: number | null; url: string | null; current: boolean }[] = [];
  let previous = 0;
  for (const n of numbers) {
    if (n - previous > 1) items.push({ number: null, url: null, current: false });
    items.push({ number: n, url: urlOf(n), current: n === page });
    previous = n;
  }
  return {
    page,
    pageCount,
    items: pageCount > 1 ? items : [],
    previousUrl: page > 1 ? urlOf(page - 1) : null,
    nextUrl: page < pageCount ? urlOf(page + 1) : null,
  };
}
