// The list of one model for one request, as Django's ChangeList: the parsed parameters, the where (search, filters,
// drill-down and the admin's scope), the order, the total (exact or estimated), a page, and every matching row in
// batches. The list page, export, "select all N" actions and facet counts all read it; nothing else builds a list
// query. It knows no web framework: the request is only handed on to the admin's hooks.
import type { AdminContext, AdminRequest } from '../admin/context.ts';
import type { ListFilter, ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import { delegateIn, delegateOf, type ModelDelegate, type PrismaClientLike } from './delegates.ts';
import { DEEP_PAGE_OFFSET, fetchListPage, indexServesOrder, readsKeysFirst, rowsByKey, type Row } from './deep-page.ts';
import { unfilteredCount, type Total } from './estimated-count.ts';
import { filteredTotal } from './filtered-count.ts';
import { parseListParams, type ListParams, type QueryString } from './list-params.ts';
import { buildListQuery } from './list-query.ts';
import { nextTurn } from './next-turn.ts';
import { sqliteRawBatchReader } from './sqlite-raw-batches.ts';
import { keysetTerms, primaryKeyTerms, rowsAfter, type KeysetTerm } from './list-keyset.ts';
import { canAnchorPageKeys, canReadPageKeys, totalWithPageKeys, type PageWindow } from './page-keys.ts';
import { RawOrPrisma, type WarningLog } from './raw-or-prisma.ts';
import { supportsRawSql } from './raw-sql-names.ts';
import { withStatementTimeout } from './statement-timeout.ts';
import { recordWhere } from './record-id.ts';
import { scopedWhere } from './scoped-where.ts';
import { literalSearchWhere, needsLiteralSearch } from './sqlite-literal-search.ts';
import { sqliteBoundedTotal } from './sqlite-bounded-count.ts';
import { searchWhereOf } from './search-where.ts';
import type { SqlWhere } from './list-where-sql.ts';
import { andWhere } from './relation-scope.ts';
import { resolveRelationSearches, type RelationSearch } from './filters/relation-search.ts';

type Where = Record<string, unknown>;

/** The raw total queries (a plain COUNT(*), or the total with a deep page's keys): per site, Prisma once they fail. */
export const rawTotals = new RawOrPrisma('raw totals and deep page keys');

/** What a ChangeList needs of the request: what the admin's hooks receive, and where a warning goes. */
export interface ListRequest {
  request: AdminRequest;
  log?: WarningLog;
  /** "Today" for date filters (default: now). */
  now?: Date;
}

export interface ChangeListOptions {
  /** Relation columns whose labels the caller fetches itself (views/list-labels.ts): the rows carry their keys. */
  batchedColumns?: ReadonlySet<string>;
  /** Select every stored field, not only the columns' (list editing needs each row's version). */
  selectStoredFields?: boolean;
  /** Narrows the list further, e.g. to the selected rows of "Export selected" (a Prisma where, ANDed). */
  within?: Where;
}

/** How rows() walks the list: through another client (a transaction's), in primary-key order (rows that a bulk
 * change moves in the list's order are neither seen twice nor missed). */
export interface RowWalk {
  client?: PrismaClientLike;
  byPrimaryKey?: boolean;
}

export interface ListPage {
  /** The page shown: the one asked for, or the last one when it was past the end. */
  number: number;
  pageCount: number;
  rows: Row[];
  total: number;
  estimated: boolean;
  /** More rows than `total` match (counted only up to it, SQLite): the page says "more than". */
  bounded: boolean;
}

export class ChangeList {
  private readonly delegate: ModelDelegate;
  readonly perPage: number;

  private constructor(
    private readonly ctx: AdminContext,
    readonly admin: ResolvedModelAdmin,
    readonly params: ListParams,
    private readonly request: ListRequest,
    /** The matching rows: search, filters, drill-down, and the admin's getQueryset. */
    readonly where: Where,
    readonly orderBy: Record<string, unknown>[],
    /** What a page's rows select (the columns, their related labels, the primary key). */
    readonly select: Record<string, unknown>,
    /** The search's part of `where` (after the admin's getSearchResults). */
    private readonly searchWhere: Where | undefined,
    /** Per relation filter searched by text (`author__search`): the related records it matched. */
    readonly relationSearches: Map<ListFilter, RelationSearch>,
    /** SQLite: rowids holding every row of the search, for the bounded count (search-count-driver.ts). */
    private readonly countDriver: SqlWhere | null = null,
  ) {
    this.delegate = delegateOf(ctx, admin);
    this.perPage = admin.perPage;
  }

  /** The list of `query` (the request's query string) for this request. */
  static async of(ctx: AdminContext, admin: ResolvedModelAdmin, query: QueryString, request: ListRequest, options: ChangeListOptions = {}): Promise<ChangeList> {
    const params = parseListParams(admin, query);
    const [search, relationSearches] = await Promise.all([searchWhereOf(ctx, admin, params, request.request, request.log), resolveRelationSearches(ctx, admin, params, request.request)]);
    params.fullTextKeys = search.fullTextKeys;
    const built = buildListQuery(ctx.schema, admin, { ...params, search: '' }, request.now ?? new Date(), request.request, options.batchedColumns ?? new Set());
    let where = scopedWhere(admin, request.request, andWhere(search.where, built.where));
    if (!search.replaced && needsLiteralSearch(ctx, admin, params)) {
      const literal = await literalSearchWhere(ctx, admin, request.request, params, where);
      if (literal) where = { AND: [where, literal] };
    }
    if (options.within) where = { AND: [where, options.within] };
    const select = built.select;
    if (options.selectStoredFields) {
      for (const f of admin.model.fields) if (f.kind === 'scalar' || f.kind === 'enum') select[f.name] = true;
    }
    return new ChangeList(ctx, admin, params, request, where, built.orderBy, select, search.where, relationSearches, search.countDriver);
  }

  /** The where without the date drill-down (the date hierarchy offers the other dates of the same list). */
  get undrilledWhere(): Where {
    if (!this.params.drill) return this.where;
    const built = buildListQuery(this.ctx.schema, this.admin, { ...this.params, search: '', drill: null }, this.request.now ?? new Date(), this.request.request);
    return scopedWhere(this.admin, this.request.request, andWhere(this.searchWhere, built.where));
  }

  /** The where without one filter's parameters: what facet counts count that filter's choices within. */
  whereWithout(filter: ListFilter): Where {
    // The search as the list ran it (full text, getSearchResults), not rebuilt from searchFields.
    const params = { ...this.params, search: '', filters: this.params.filters.filter((f) => f.filter !== filter) };
    const built = buildListQuery(this.ctx.schema, this.admin, params, this.request.now ?? new Date(), this.request.request);
    return scopedWhere(this.admin, this.request.request, andWhere(this.searchWhere, built.where));
  }

  /**
   * How many rows match: COUNT(*), or for a large list on PostgreSQL (and a filtered one on MySQL / MariaDB) the
   * planner's estimate (estimated-count.ts, filtered-count.ts); a filtered one on SQLite counted up to the threshold
   * (sqlite-bounded-count.ts).
   */
  async total(): Promise<Total> {
    const estimateAbove = this.params.exactCount ? null : this.ctx.countEstimateAbove;
    const provider = this.ctx.schema.provider;
    if (Object.keys(this.where).length > 0 && estimateAbove !== null && (provider === 'postgresql' || provider === 'mysql')) {
      // The planner's estimate runs on the site's client; only the counts that read rows go under the timeout.
      return filteredTotal(this.ctx, this.admin.model, this.delegate, this.where, estimateAbove, this.request.log, this.ctx, (job) => this.timed(job));
    }
    return this.timed((db, delegate) => this.totalOn(db, delegate));
  }

  /** The total with `db`'s client running every query (inside a transaction of the caller's, if it has one). */
  private async totalOn(db: AdminContext, delegate: ModelDelegate): Promise<Total> {
    const where = this.where;
    const estimateAbove = this.params.exactCount ? null : this.ctx.countEstimateAbove;
    const exact = async () => ({ total: await delegate.count({ where }), estimated: false });
    if (Object.keys(where).length > 0) {
      // PostgreSQL's and MySQL's estimates of a filtered list are total()'s (their EXPLAIN outside the timeout).
      if (estimateAbove !== null && this.ctx.schema.provider === 'sqlite') return sqliteBoundedTotal(db, this.admin.model, delegate, where, estimateAbove, this.request.log, this.countDriver);
      return exact();
    }
    return rawTotals.run(this.ctx, this.request.log, async () => (await unfilteredCount(db, this.admin.model, estimateAbove)) ?? exact(), exact, supportsRawSql(this.ctx.schema.provider));
  }

  /**
   * Runs a page's queries under the list's statement timeout (statement-timeout.ts): `db` is the context whose
   * client runs them. An unfiltered list in an order an index serves reads a page's rows by the index and needs none.
   */
  private timed<T>(job: (db: AdminContext, delegate: ModelDelegate) => Promise<T>): Promise<T> {
    const { ctx } = this;
    if (!this.inTimeoutTransaction()) return job(ctx, this.delegate);
    return withStatementTimeout(ctx, this.params.exactCount ? ctx.exactCountTimeout : ctx.listQueryTimeout, (client) => job({ ...ctx, prisma: client }, delegateIn(client, this.admin.model.name)));
  }

  /** Whether timed() runs its job in a transaction of its own (see there). */
  private inTimeoutTransaction(): boolean {
    const { ctx } = this;
    const timeout = this.params.exactCount ? ctx.exactCountTimeout : ctx.listQueryTimeout;
    const boundedByIndex = !this.params.exactCount && Object.keys(this.where).length === 0 && indexServesOrder(this.admin.model, this.orderBy);
    return !boundedByIndex && ctx.schema.provider === 'postgresql' && timeout > 0;
  }

  /**
   * Page `n` (from 1) with the total, in as few queries as the page allows: an unfiltered deep page reads its keys
   * with the total (page-keys.ts); the rest run the count and the page side by side. Past the end, the last page.
   */
  async page(n = this.params.page): Promise<ListPage> {
    const [counted, firstTry] = await this.totalAndPage(n);
    const { total, estimated } = counted;
    const bounded = counted.bounded === true;
    // An estimate may fall short of the rows there are: a page that has rows is never past the end. A bounded count
    // knows of one row past the threshold, and a full page beyond it links the next (the exact count, the last page).
    const known = Math.ceil((bounded ? total + 1 : total) / this.perPage);
    const reached = !firstTry.length ? 1 : bounded && firstTry.length === this.perPage ? n + 1 : estimated || bounded ? n : 1;
    const pageCount = Math.max(1, known, reached);
    const number = Math.min(n, pageCount);
    const rows = number === n ? firstTry : await this.fetchPage(number);
    return { number, pageCount, rows, total, estimated, bounded };
  }

  /**
   * Every matching row, in the list's order, `batchSize` rows per query: each batch starts after the last row of the
   * one before (keyset on the order and the primary key), so neither memory nor a query grows with the list. A list
   * ordered through a relation is walked in primary-key order instead. Rows deleted or added during the walk are
   * missed or seen as with any keyset walk; no row is seen twice. Between batches the event loop gets a turn (outside
   * a transaction's client).
   */
  async *rows(batchSize = 500, select: Record<string, unknown> = this.select, walk: RowWalk = {}): AsyncGenerator<Row> {
    for await (const batch of this.batches(batchSize, select, walk)) yield* batch;
  }

  /** The rows of rows(), as the arrays they are read in: each holds `batchSize` rows but the last. */
  async *batches(batchSize = 500, select: Record<string, unknown> = this.select, walk: RowWalk = {}): AsyncGenerator<Row[]> {
    if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new RangeError(`ChangeList.rows: batchSize must be a whole number from 1, not ${batchSize}`);
    const terms: KeysetTerm[] = (walk.byPrimaryKey ? null : keysetTerms(this.ctx.schema, this.admin.model, this.orderBy)) ?? primaryKeyTerms(this.admin.model);
    const delegate = walk.client ? delegateIn(walk.client, this.admin.model.name) : this.delegate;
    const orderBy = terms.map((t) => ({ [t.field]: t.dir }));
    const fullSelect = { ...select, ...Object.fromEntries(terms.map((t) => [t.field, true])) };
    const raw = walk.byPrimaryKey && walk.client ? sqliteRawBatchReader(this.ctx.schema, this.admin.model, this.where, fullSelect) : null;
    // The first batch from the list's start; each next one from the branches after the last row, deepest first, each
    // read until the batch is full (list-keyset.ts rowsAfter).
    let branches: Where[] = [{}];
    if (raw && walk.client) {
      const key = terms[0].field;
      for (let after: unknown; ;) {
        const batch = await raw(walk.client, after, batchSize);
        if (batch === null) {
          if (after !== undefined) branches = rowsAfter(this.ctx.schema.provider, terms, { [key]: after });
          break;
        }
        if (batch.length) yield batch;
        if (batch.length < batchSize) return;
        after = batch[batch.length - 1][key];
      }
    }
    for (;;) {
      const batch: Row[] = [];
      for (const branch of branches) {
        const where: Where = Object.keys(branch).length ? { AND: [this.where, branch] } : this.where;
        batch.push(...(await delegate.findMany({ where, orderBy, select: fullSelect, take: batchSize - batch.length })));
        if (batch.length === batchSize) break;
      }
      if (batch.length) yield batch;
      if (batch.length < batchSize) return;
      branches = rowsAfter(this.ctx.schema.provider, terms, batch[batch.length - 1]);
      if (branches.length === 0) return;
      // Not inside a run's transaction: on SQLite, Prisma's adapter has one connection, and another request served
      // meanwhile would run its statements inside the open transaction (and be rolled back with it).
      if (!walk.client) await nextTurn();
    }
  }

  /** Whether this list's deep pages link to each other by anchor rows (keyset pagination, see PageAnchor). */
  anchorsPages(): boolean {
    return rawTotals.usable(this.ctx) && Object.keys(this.where).length === 0 && indexServesOrder(this.admin.model, this.orderBy)
      && canAnchorPageKeys(this.ctx.schema.provider, this.admin.model, this.orderBy);
  }

  private fetchPage(n: number): Promise<Row[]> {
    return this.timed((_db, delegate) => fetchListPage(delegate, this.admin.model, { where: this.where, orderBy: this.orderBy, select: this.select, skip: (n - 1) * this.perPage, take: this.perPage }));
  }

  private async totalAndPage(n: number): Promise<[Total, Row[]]> {
    const { ctx, admin } = this;
    const window = { orderBy: this.orderBy, skip: (n - 1) * this.perPage, take: this.perPage };
    const anchored = n === this.params.page ? this.anchoredWindow() : null;
    const estimateAbove = this.params.exactCount ? null : ctx.countEstimateAbove;
    if (anchored || (readsKeysFirst(admin.model, { ...window, where: this.where }) && canReadPageKeys(ctx.schema.provider, admin.model, this.orderBy))) {
      const found = await this.timed((db, delegate) => rawTotals.run(ctx, this.request.log, async () => {
        const first = await totalWithPageKeys(db, admin.model, anchored ?? window, estimateAbove);
        // The anchor row is gone (deleted since the link was made): the page by its number.
        const keyed = anchored && first.keys.length === 0 ? await totalWithPageKeys(db, admin.model, window, estimateAbove) : first;
        const total = keyed.total ?? { total: await delegate.count({ where: this.where }), estimated: false };
        return [total, await rowsByKey(delegate, admin.model, this.select, keyed.keys)] as [Total, Row[]];
      }, async () => null));
      if (found) return found;
    }
    // An unfiltered total is the planner's estimate (or a count bounded at the threshold): a statement of a
    // millisecond, which then shares the page's transaction (one BEGIN, SET LOCAL and COMMIT, one pooled connection,
    // instead of two of each) before the page's query. A filtered count may take as long as the page: side by side.
    if (this.inTimeoutTransaction() && Object.keys(this.where).length === 0 && !this.params.exactCount) {
      return this.timed(async (db, delegate) => {
        const total = await this.totalOn(db, delegate);
        return [total, await fetchListPage(delegate, admin.model, { where: this.where, select: this.select, ...window })] as [Total, Row[]];
      });
    }
    return Promise.all([this.total(), this.fetchPage(n)]);
  }

  /** The page's window from its link's anchor row, when the link has a valid one and the list can use it. */
  private anchoredWindow(): PageWindow | null {
    const { anchor, page } = this.params;
    if (!anchor || !this.anchorsPages()) return null;
    const key = recordWhere(this.ctx.schema, this.admin.model, anchor.id);
    const pagesBetween = Math.abs(page - anchor.from) - 1;
    if (!key || pagesBetween * this.perPage >= DEEP_PAGE_OFFSET) return null;
    return { orderBy: this.orderBy, skip: pagesBetween * this.perPage, take: this.perPage, anchor: { key, side: anchor.side } };
  }
}
