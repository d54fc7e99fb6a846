// The demo seeds 50 authors, so the post list's author filter lists them; these tests add enough (without posts, no
// country) for it to become a search box, and take them out again, so the tests after see the demo as seeded.
import { openDemoClient } from '../../../scripts/db/demo-client.ts';
import { DATABASE_URL } from './e2e-env.ts';
import { test } from './fixtures.ts';

const EXTRA = 'Extra Filter Author';

export function withManyAuthors(): void {
  test.beforeAll(async () => {
    const prisma = await openDemoClient(DATABASE_URL);
    try {
      const have = await prisma.author.count();
      const data = Array.from({ length: Math.max(0, 101 - have) }, (_, i) => ({ name: `${EXTRA} ${i + 1}`, email: `extra-filter-author-${i + 1}@example.test` }));
      await prisma.author.createMany({ data });
    } finally {
      await prisma.$disconnect();
    }
  });
  test.afterAll(async () => {
    const prisma = await openDemoClient(DATABASE_URL);
    try {
      await prisma.author.deleteMany({ where: { name: { startsWith: EXTRA } } });
    } finally {
      await prisma.$disconnect();
    }
  });
}

/** A seeded author with posts (not one of the extras), and a part of its name that few others share. */
export async function authorWithPosts(): Promise<{ id: number; name: string; part: string; posts: number; matchingAuthorIds: number[] }> {
  const prisma = await openDemoClient(DATABASE_URL);
  try {
    const authors = await prisma.author.findMany({ include: { _count: { select: { posts: true } } }, orderBy: { id: 'asc' } });
    const lower = (s: string) => s.toLowerCase();
    const matching = (part: string) => authors.filter((a) => lower(a.name).includes(lower(part)) || lower(a.email).includes(lower(part)));
    // The last name's first five letters, of an author with posts whose part matches the fewest others.
    const candidates = authors.filter((a) => a._count.posts > 0 && !a.name.startsWith(EXTRA) && /^[A-Za-z]+ [A-Za-z]{5,}$/.test(a.name));
    const best = candidates.map((a) => ({ a, part: a.name.split(' ')[1].slice(0, 5) })).sort((x, y) => matching(x.part).length - matching(y.part).length)[0];
    return { id: best.a.id, name: best.a.name, part: best.part, posts: best.a._count.posts, matchingAuthorIds: matching(best.part).map((a) => a.id) };
  } finally {
    await prisma.$disconnect();
  }
}

export async function publishedPostsBy(authorIds: number[]): Promise<number> {
  const prisma = await openDemoClient(DATABASE_URL);
  try {
    return await prisma.post.count({ where: { authorId: { in: authorIds }, status: 'published' } });
  } finally {
    await prisma.$disconnect();
  }
}
