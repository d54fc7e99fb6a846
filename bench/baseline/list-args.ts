// The Prisma arguments of the demo's posts list, written out by hand for the baseline: what the admin's
// buildListQuery (src/data/list-query.ts) makes of the demo PostAdmin (prisma/demo-admin.ts) for the same query
// string — same where, orderBy, skip and take — with the relation columns as Prisma nested selects (the plain way to
// show a related record's label; the admin may fetch them differently, which the benchmark reports as its queries).
import type { ListCase } from '../scenarios.ts';

export const PER_PAGE = 50;

type Where = Record<string, unknown>;

export interface ListArgs {
  where: Where;
  orderBy: Record<string, 'asc' | 'desc'>[];
  select: Record<string, unknown>;
  skip: number;
  take: number;
}

/** PostAdmin: listDisplay title, author, category, status, publishedAt; labels Author.name, Category.name. */
const select = {
  id: true,
  title: true,
  author: { select: { id: true, name: true } },
  category: { select: { id: true, name: true } },
  status: true,
  publishedAt: true,
};

const SORTABLE = new Set(['title', 'status', 'publishedAt']);

export function listArgs(list: ListCase, provider: 'sqlite' | 'postgresql'): ListArgs {
  const and: Where[] = [];
  if (list.q) and.push(searchWhere(list.q, provider));
  if (list.status) and.push({ status: list.status });
  if (list.category !== undefined) and.push({ categoryId: list.category });
  let orderBy: ListArgs['orderBy'];
  const column = list.sort?.replace(/^-/, '');
  if (column && SORTABLE.has(column)) {
    const dir = list.sort!.startsWith('-') ? 'desc' : 'asc';
    orderBy = [{ [column]: dir }, { id: dir }];
  } else {
    // PostAdmin.ordering = ['-createdAt'], the primary key breaking ties in the same direction.
    orderBy = [{ createdAt: 'desc' }, { id: 'desc' }];
  }
  const page = Math.max(1, list.page ?? 1);
  return {
    where: and.length === 0 ? {} : and.length === 1 ? and[0] : { AND: and },
    orderBy,
    select,
    skip: (page - 1) * PER_PAGE,
    take: PER_PAGE,
  };
}

/**
 * searchFields title, body, author.name: every word in at least one of them. PostgreSQL: `mode: 'insensitive'`.
 * SQLite: the admin tries the word as typed, lower, upper and title case (its LIKE ignores case for ASCII only).
 */
function searchWhere(q: string, provider: 'sqlite' | 'postgresql'): Where {
  const words = q.split(/\s+/).filter(Boolean).slice(0, 10);
  const perWord = words.map((word) => {
    const variants = provider === 'postgresql'
      ? [{ contains: word.replace(/[\\%_]/g, '\\$&'), mode: 'insensitive' }]
      : [...new Set([word, word.toLowerCase(), word.toUpperCase(), word.charAt(0).toUpperCase() + word.slice(1).toLowerCase()])].map((v) => ({ contains: v }));
    return {
      OR: [
        ...variants.map((v) => ({ title: v })),
        ...variants.map((v) => ({ body: v })),
        ...variants.map((v) => ({ author: { is: { name: v } } })),
      ],
    };
  });
  return perWord.length === 1 ? perWord[0] : { AND: perWord };
}

/** The list case of a baseline request's query string (the admin's parameter names). */
export function listCaseOf(query: Record<string, unknown>): ListCase {
  const text = (name: string) => (typeof query[name] === 'string' ? (query[name] as string) : undefined);
  const page = Number(text('page') ?? 1);
  const category = text('category__exact');
  return {
    page: Number.isInteger(page) && page > 0 ? page : 1,
    q: text('q')?.trim() || undefined,
    status: text('status__exact'),
    category: category !== undefined && /^\d+$/.test(category) ? Number(category) : undefined,
    sort: text('sort'),
  };
}
