// The list page ("changelist"): search, filters, sort, pagination, and a checkbox per row for bulk actions.
import { hasImportJobs } from '../auth/backend-for-schema.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { ChangeList } from '../data/change-list.ts';
import { listIndexAdvice } from '../data/index-advice.ts';
import type { ListParams } from '../data/list-params.ts';
import { ListQueryTimeout } from '../data/statement-timeout.ts';
import { DEEP_PAGE_OFFSET } from '../data/deep-page.ts';
import { RawOrPrisma } from '../data/raw-or-prisma.ts';
import { modelLabel, modelLabelPlural } from '../schema/lookup.ts';
import type { AdminContext } from '../admin/context.ts';
import { renderPage, urlsOf } from '../http/page.ts';
import { currentQuery, queryWith, type QueryValues } from './query-string.ts';
import { sortHeaderFor } from './sort-headers.ts';
import { searchBoxOf } from './search-box.ts';
import { preservedFromList, withPreserved } from './preserved-filters.ts';
import { facetsOf, sidebarFilters } from './list-filter-sidebar.ts';
import { dateHierarchyOf } from './date-hierarchy.ts';
import { editableFields, relationWidgets, rowInputs, type ListEdits } from './list-editable.ts';
import { fetchPlannedLabels, planLabels, type LabelPlan, type RelationFilter } from './list-labels.ts';
import { RELATION_FILTER_LIMIT } from './list-filters.ts';
import type { ListFilter } from '../admin/resolve-model-admin.ts';
import { readOnlyReason } from '../admin/read-only.ts';
import { buildRows, isNumericColumn, type RowContext } from './list-cells.ts';
import { exportFormFor } from './export/export-form.ts';
import { actionBar, actionMenu } from './actions-menu.ts';

/** The batched labels query (list-labels.ts): per site, Prisma's per-relation queries once it fails. */
const batchedLabels = new RawOrPrisma('the batched related labels query');

/** A rejected list edit shown again: the list of `query` with the typed values and errors, and this status. */
export interface ListRerender {
  query: Record<string, unknown>;
  edits: ListEdits;
  status: number;
}

export async function changelistView(ctx: AdminContext, request: FastifyRequest, reply: FastifyReply, admin: ResolvedModelAdmin, rerender?: ListRerender): Promise<unknown> {
  const plan = batchedLabels.usable(ctx) ? planLabels(ctx, request, admin, RELATION_FILTER_LIMIT) : { columns: new Map(), filters: new Map(), values: new Map() } as LabelPlan;
  const readOnly = readOnlyReason(admin.model);
  const editable = !readOnly && admin.admin.hasChangePermission(request) ? editableFields(ctx, admin) : [];
  const list = await ChangeList.of(ctx, admin, rerender?.query ?? (request.query as Record<string, unknown>), { request, log: request.log }, {
    batchedColumns: new Set(plan.columns.keys()),
    // The row's version covers every stored value.
    selectStoredFields: editable.length > 0,
  });
  const { params, perPage } = list;
  let timedOut: ListQueryTimeout | null = null;
  // A list query cancelled by the statement timeout: the page answers with what would make it fast.
  const listPage = list.page().catch((error: unknown) => {
    if (!(error instanceof ListQueryTimeout)) throw error;
    timedOut = error;
    return { number: 1, pageCount: 1, rows: [], total: 0, estimated: false, bounded: false };
  });
  const [{ number: page, pageCount, rows, total, estimated, bounded }, dateHierarchy, widgets] = await Promise.all([
    listPage,
    dateHierarchyOf(ctx, admin, params, list.undrilledWhere, currentQuery({ ...params, page: 1 })),
    relationWidgets(ctx, request, admin, editable),
  ]);
  // Related labels of the page and relation filter choices: one query (see list-labels.ts).
  const activeValues = new Map(params.filters.filter((f) => (f.filter.kind === 'relation' || f.filter.kind === 'many') && f.param.endsWith('__exact')).map((f) => [f.filter as RelationFilter, f.value]));
  const fetchLabels = () => fetchPlannedLabels(ctx, plan, rows, RELATION_FILTER_LIMIT, activeValues);
  const labels = plan.columns.size + plan.filters.size + plan.values.size === 0
    ? await fetchLabels()
    // Where the raw query does not fit, the page is built again with Prisma's nested selects.
    : await batchedLabels.run(ctx, request.log, fetchLabels, async () => null);
  if (!labels) return changelistView(ctx, request, reply, admin, rerender);
  const base = currentQuery({ ...params, page });
  // A count that stopped at the threshold knows of one row more (facets shown `always` stop at FACETS_ROW_LIMIT).
  const facets = facetsOf(admin, list, bounded ? total + 1 : total, base);
  const filters = await sidebarFilters(ctx, request, list, base, labels, facets.shown);
  const urls = urlsOf(ctx);

  const preserved = preservedFromList(admin, base);
  const shared: RowContext = { urls, relatedAdmins: relatedAdminsOf(ctx, admin), preserved };
  const builtRows = buildRows(shared, admin, rows);
  const data = {
    model: { label: modelLabel(admin.model), labelPlural: modelLabelPlural(admin.model), isView: admin.model.isView },
    readOnly,
    addUrl: !readOnly && admin.admin.hasAddPermission(request) ? withPreserved(urls.add(admin), preserved) : null,
    importUrl: !readOnly && !admin.model.isView && hasImportJobs(ctx.schema) && admin.admin.hasAddPermission(request) ? `${urls.list(admin)}import` : null,
    actions: actionMenu(ctx, admin, request, readOnly),
    actionBar: actionBar(admin, { total, estimated, bounded }, new URLSearchParams(base).toString(), builtRows.length),
    exportForm: exportFormFor(admin, request, urls.list(admin), base),
    listUrl: urls.list(admin),
    actionUrl: withPreserved(`${urls.list(admin)}action`, preserved),
    deleteSelectedUrl: urls.deleteSelected(admin),
    search: searchBoxOf(admin, params),
    headers: admin.columns.map((column, c) => ({ label: column.header, ...sortHeaderFor(column.name, params.sort, base), sortable: column.sortable, numeric: isNumericColumn(column) || numericColumn(builtRows, c) })),
    rows: rows.map((row, i) => {
      const built = builtRows[i];
      if (!editable.length) return built;
      const edit = rowInputs(ctx, admin, editable, widgets, row, i, rerender?.edits);
      return { ...built, edit, cells: built.cells.map((cell, c) => ({ ...cell, input: edit.inputs[admin.columns[c].name] ?? null })) };
    }),
    editable: editable.length > 0,
    listQuery: new URLSearchParams(base).toString(),
    editErrorCount: rerender ? rerender.edits.errors.size : 0,
    filters,
    facetToggle: facets.toggle,
    filterHidden: params.filters.map((f) => ({ name: f.param, value: f.value })),
    activeFilterCount: params.filters.length,
    dateHierarchy,
    clearUrl: params.search || params.filters.length ? urls.list(admin, queryWith(base, Object.fromEntries([['q', undefined], ...params.filters.map((f) => [f.param, undefined])]))) : null,
    total,
    estimated,
    bounded,
    timedOut: timedOutNotice(ctx, admin, params, timedOut),
    exactCountUrl: estimated || bounded ? `?${queryWith(base, { exact: '1', page: base.page })}` : null,
    pagination: paginationFor(page, pageCount, base, builtRows.length && builtRows[0].id !== null && list.anchorsPages() ? { first: builtRows[0].id!, last: builtRows[builtRows.length - 1].id!, perPage } : null),
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

/** The "took too long" notice of a cancelled list: the timeout, and the index lines that would serve the list. */
function timedOutNotice(ctx: AdminContext, admin: ResolvedModelAdmin, params: ListParams, timedOut: ListQueryTimeout | null) {
  if (!timedOut) return null;
  const what = params.search ? 'This search' : params.sort.length ? 'This sort' : 'This list';
  const advice = listIndexAdvice(ctx.schema, admin, params);
  return {
    message: `${what} took too long (over ${(timedOut.timeoutMs / 1000).toLocaleString('en-US')} s) and was stopped.`,
    advice: advice.map((a) => ({ line: a.line, model: a.model, serves: a.serves, sql: a.sql })),
    needs: [...new Set(advice.map((a) => a.needs).filter((n): n is string => n !== null))],
  };
}

/** The admin of each relation column's model (or none). */
function relatedAdminsOf(ctx: AdminContext, admin: ResolvedModelAdmin): RowContext['relatedAdmins'] {
  const admins = [...ctx.models.values()];
  return new Map(admin.columns.filter((c) => c.kind === 'relation').map((c) => [c.name, admins.find((a) => a.model === c.related)]));
}

/** A column of numbers: every value shown on the page is one (its header is aligned with them). */
function numericColumn(rows: { cells: { numeric: boolean; empty: boolean }[] }[], c: number): boolean {
  let shown = 0;
  for (const row of rows) {
    const cell = row.cells[c];
    if (cell.empty) continue;
    if (!cell.numeric) return false;
    shown++;
  }
  return shown > 0;
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
