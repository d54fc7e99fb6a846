// What the benchmark drives: the posts list in five shapes, one post's change form, and saving that form. Each
// scenario has the admin's URL and the baseline's (bench/baseline/), which runs the same Prisma query for the page.

export interface ListCase {
  page?: number;
  q?: string;
  status?: string;
  category?: number;
  /** A list column, `-` for descending (the admin sorts by list columns only). */
  sort?: string;
  /** Reached by the previous page's Next link (the admin's keyset link; the baseline reads the page by number). */
  viaNext?: boolean;
  /** That link's anchor, read from the admin's previous page when the run starts (see run.ts). */
  anchor?: { from: string; after: string };
}

export type Scenario =
  | { id: string; label: string; kind: 'list'; list: ListCase }
  | { id: string; label: string; kind: 'form'; postId: number }
  | { id: string; label: string; kind: 'save'; postIds: number[] };

/** The post whose change form is measured (a published post with comments, so the inline has rows). */
export const FORM_POST_ID = 50_001;
/**
 * Saves go round a pool of posts, each GET-then-POST cycle on the next one, so two connections never hold the same
 * post at once (which would turn a save into a 409 conflict, correctly).
 */
export const SAVE_POST_IDS = Array.from({ length: 1_000 }, (_, i) => 60_001 + i);

export const scenarios: Scenario[] = [
  { id: 'list-page-1', label: 'Posts list, page 1', kind: 'list', list: {} },
  { id: 'list-page-1000', label: 'Posts list, page 1,000', kind: 'list', list: { page: 1_000 } },
  { id: 'list-page-1000-next', label: 'Posts list, page 1,000 by page 999’s Next link', kind: 'list', list: { page: 1_000, viaNext: true } },
  { id: 'list-search', label: 'Search “prisma”', kind: 'list', list: { q: 'prisma' } },
  { id: 'list-filter', label: 'Filter status + category', kind: 'list', list: { status: 'published', category: 3 } },
  { id: 'list-sort', label: 'Sort by title', kind: 'list', list: { sort: 'title' } },
  { id: 'change-form', label: 'Change form (GET)', kind: 'form', postId: FORM_POST_ID },
  { id: 'save', label: 'Save change form (GET + POST)', kind: 'save', postIds: SAVE_POST_IDS },
];

/** The list's query string, as the admin's own links write it. */
export function listQueryString(list: ListCase): string {
  const params = new URLSearchParams();
  if (list.q) params.set('q', list.q);
  if (list.status) params.set('status__exact', list.status);
  if (list.category !== undefined) params.set('category__exact', String(list.category));
  if (list.sort) params.set('sort', list.sort);
  if (list.page && list.page > 1) params.set('page', String(list.page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export type Side = 'admin' | 'baseline' | 'django';

/** Django's admin names the same list by its own parameters: `o` is the sorted column's place in list_display. */
function djangoQueryString(list: ListCase): string {
  const params = new URLSearchParams();
  if (list.q) params.set('q', list.q);
  if (list.status) params.set('status__exact', list.status);
  if (list.category !== undefined) params.set('category__id__exact', String(list.category));
  if (list.sort) params.set('o', `${list.sort.startsWith('-') ? '-' : ''}${DJANGO_COLUMNS.indexOf(list.sort.replace(/^-/, '')) + 1}`);
  if (list.page && list.page > 1) params.set('p', String(list.page));
  const text = params.toString();
  return text ? `?${text}` : '';
}
const DJANGO_COLUMNS = ['title', 'author', 'category', 'status', 'publishedAt'];

export function listPath(side: Side, list: ListCase): string {
  if (side === 'django') return `/django/admin/blog/post/${djangoQueryString(list)}`;
  const query = listQueryString(list);
  if (side !== 'admin' || !list.anchor) return `/${side}/post/${query}`;
  return `/${side}/post/${query}${query ? '&' : '?'}${new URLSearchParams(list.anchor).toString()}`;
}

export function changePath(side: Side, postId: number): string {
  if (side === 'django') return `/django/admin/blog/post/${postId}/change/`;
  return `/${side}/post/${postId}/change`;
}
