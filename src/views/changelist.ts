// The list page ("changelist"): search, filters, sort, pagination, and a checkbox per row for bulk actions.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { parseListParams, type ListParams } from '../data/list-params.ts';
import { buildListQuery } from '../data/list-query.ts';
import { scopedWhere } from '../data/scoped-where.ts';
import { DELETE_SELECTED } from '../admin/actions.ts';
import { mayRun } from './actions.ts';
import { encodeRecordId } from '../data/record-id.ts';
import { modelLabel, modelLabelPlural } from '../schema/lookup.ts';
import { delegateOf, type AdminContext } from '../http/context.ts';
import { renderPage, urlsOf } from '../http/page.ts';
import { displayValue, truncate } from './display.ts';
import { currentQuery, queryWith, type QueryValues } from './query-string.ts';
import { labelOf, recordLabel } from './record-label.ts';
import { filterChoices } from './list-filters.ts';

export async function changelistView(ctx: AdminContext, request: FastifyRequest, reply: FastifyReply, admin: ResolvedModelAdmin) {
  const params = parseListParams(admin, request.query as Record<string, unknown>);
  const built = buildListQuery(ctx.schema, admin, params);
  const query = { ...built, where: scopedWhere(admin, request, built.where) };
  const delegate = delegateOf(ctx, admin);
  const perPage = admin.perPage;
  const fetchPage = (page: number) =>
    delegate.findMany({ where: query.where, orderBy: query.orderBy, select: query.select, skip: (page - 1) * perPage, take: perPage });

  const [total, firstTry, filters] = await Promise.all([
    delegate.count({ where: query.where }),
    fetchPage(params.page),
    Promise.all(admin.filters.map((f) => filterChoices(ctx, f, params))),
  ]);
  const pageCount = Math.max(1, Math.ceil(total / perPage));
  const page = Math.min(params.page, pageCount);
  const rows = page === params.page ? firstTry : await fetchPage(page);
  const base = currentQuery({ ...params, page });
  const urls = urlsOf(ctx);

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
    headers: admin.columns.map((column) => headerFor(column.name, column.header, params, base)),
    rows: rows.map((row) => rowFor(ctx, admin, row)),
    filters: filters.map((f, i) => ({ title: admin.filters[i].title, choices: f.map((c) => ({ ...c, url: `?${queryWith(base, c.changes)}` })) })),
    activeFilterCount: params.filters.length,
    clearUrl: params.search || params.filters.length ? urls.list(admin, queryWith(base, Object.fromEntries([['q', undefined], ...params.filters.map((f) => [f.param, undefined])]))) : null,
    total,
    pagination: paginationFor(page, pageCount, base),
    perPage,
  };
  const title = `Select ${modelLabel(admin.model).toLowerCase()} to change`;
  return renderPage(ctx, request, reply, 'change_list', data, {
    title,
    model: admin,
    breadcrumbs: [{ label: 'Home', url: urls.index() }, { label: modelLabelPlural(admin.model) }],
  });
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

function rowFor(ctx: AdminContext, admin: ResolvedModelAdmin, row: Record<string, unknown>) {
  const urls = urlsOf(ctx);
  const id = encodeRecordId(admin.model, row);
  const cells = admin.columns.map((column) => {
    const value = row[column.name];
    if (column.kind === 'relation') {
      if (!value) return { text: admin.emptyValueDisplay, empty: true };
      const related = value as Record<string, unknown>;
      const relatedAdmin = [...ctx.models.values()].find((a) => a.model === column.related);
      const label = labelOf(column.related, column.relatedLabelField, related);
      return { text: truncate(label), title: label, empty: false, url: relatedAdmin ? urls.record(relatedAdmin, related, 'change') : null };
    }
    const shown = displayValue(column.field, value, admin.emptyValueDisplay);
    const limit = column.longText ? 60 : 100;
    return { ...shown, text: truncate(shown.text, limit), title: shown.text.length > limit ? shown.text : null };
  });
  return { id, label: recordLabel(admin, row), changeUrl: urls.recordById(admin, id, 'change'), cells };
}

function paginationFor(page: number, pageCount: number, base: QueryValues) {
  // Like Django: the first and last pages, and a window around the current one, with gaps in between.
  const wanted = new Set([1, 2, pageCount - 1, pageCount, page - 2, page - 1, page, page + 1, page + 2]);
  const numbers = [...wanted].filter((n) => n >= 1 && n <= pageCount).sort((a, b) => a - b);
  const items: { number: number | null; url: string | null; current: boolean }[] = [];
  let previous = 0;
  for (const n of numbers) {
    if (n - previous > 1) items.push({ number: null, url: null, current: false });
    items.push({ number: n, url: `?${queryWith(base, { page: n === 1 ? undefined : String(n) })}`, current: n === page });
    previous = n;
  }
  return {
    page,
    pageCount,
    items: pageCount > 1 ? items : [],
    previousUrl: page > 1 ? `?${queryWith(base, { page: page === 2 ? undefined : String(page - 1) })}` : null,
    nextUrl: page < pageCount ? `?${queryWith(base, { page: String(page + 1) })}` : null,
  };
}
