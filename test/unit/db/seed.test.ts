// scripts/seed.ts: the same rows on every run, on SQLite and PostgreSQL, with the edge-case rows the admin tests use.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { ensureDemoDatabase } from '../../../scripts/demo-db.ts';
import { presets, seed, type SeedOptions, type SeedProgress } from '../../../scripts/seed.ts';
import { demoClient, freshPostgresDatabase, freshSqliteDatabase, type DemoClient } from '../../support/databases.ts';

const SIZE = { ...presets.small, posts: 60, comments: 120 };

/** Every row as Prisma reads it (ordered by id), with the tag links: the same text on any provider. */
async function prismaDigest(prisma: DemoClient): Promise<string> {
  const byId = { orderBy: { id: 'asc' as const } };
  const data = {
    authors: await prisma.author.findMany(byId),
    categories: await prisma.category.findMany(byId),
    tags: await prisma.tag.findMany(byId),
    posts: await prisma.post.findMany({ ...byId, include: { tags: { select: { id: true }, orderBy: { id: 'asc' } } } }),
    comments: await prisma.comment.findMany(byId),
  };
  const text = JSON.stringify(data, (_key, value) => (value !== null && typeof value === 'object' && value.constructor?.name === 'Decimal' ? value.toString() : value));
  return createHash('sha256').update(text).digest('hex');
}

/** Every stored value with its SQLite storage class: catches two ways of writing that Prisma would read alike. */
function storedDigest(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    const hash = createHash('sha256');
    for (const table of ['Author', 'Category', 'Tag', 'Post', 'Comment', '_PostToTag']) {
      const columns = db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[];
      const select = columns.map((c) => `typeof("${c}"), "${c}"`).join(', ');
      for (const row of db.prepare(`SELECT ${select} FROM "${table}" ORDER BY rowid`).raw().iterate()) hash.update(JSON.stringify(row));
    }
    return hash.digest('hex');
  } finally {
    db.close();
  }
}

async function seededSqlite(options: Partial<SeedOptions> = {}) {
  const db = await freshSqliteDatabase();
  const prisma = await demoClient(db.url);
  await seed(prisma, { ...SIZE, ...options });
  return {
    ...db,
    prisma,
    async close() {
      await prisma.$disconnect();
      await db.cleanup();
    },
  };
}

describe('seed on SQLite', () => {
  let first: Awaited<ReturnType<typeof seededSqlite>>;
  const progress: SeedProgress[] = [];
  before(async () => {
    first = await seededSqlite({ onProgress: (p) => progress.push(p), batchSize: 25 });
  });
  after(() => first?.close());

  test('is deterministic: a second database gets the same rows, stored the same way', async () => {
    const second = await seededSqlite();
    try {
      assert.equal(await prismaDigest(second.prisma), await prismaDigest(first.prisma));
      assert.equal(storedDigest(second.path), storedDigest(first.path));
    } finally {
      await second.close();
    }
  });

  test('raw inserts store exactly what createMany stores', async () => {
    const viaCreateMany = await seededSqlite({ insert: 'createMany' });
    try {
      assert.equal(storedDigest(viaCreateMany.path), storedDigest(first.path));
    } finally {
      await viaCreateMany.close();
    }
  });

  test('creates the requested numbers of rows and reports progress per batch', async () => {
    const { prisma } = first;
    assert.equal(await prisma.author.count(), SIZE.authors);
    assert.equal(await prisma.category.count(), SIZE.categories);
    assert.equal(await prisma.tag.count(), SIZE.tags);
    assert.equal(await prisma.post.count(), SIZE.posts);
    assert.equal(await prisma.comment.count(), SIZE.comments);
    const posts = progress.filter((p) => p.phase === 'posts').map((p) => p.done);
    assert.deepEqual(posts, [25, 50, 60]);
    assert.deepEqual(progress.at(-1), { phase: 'comments', done: SIZE.comments, total: SIZE.comments });
  });

  test('has the edge-case rows', async () => {
    const { prisma } = first;
    const xss = await prisma.post.findFirstOrThrow({ where: { title: '<script>alert(1)</script>' } });
    assert.equal(xss.id, 1);
    assert.equal(xss.status, 'published');
    assert.match(xss.body, /<img src=x onerror=alert\(2\)>/);
    assert.ok(await prisma.post.findFirst({ where: { title: { contains: '🎉' } } }), 'an emoji title');
    assert.ok(await prisma.post.findFirst({ where: { viewCount: 2_147_483_647 } }), 'the largest Int');
    const author = await prisma.author.findUniqueOrThrow({ where: { id: 1 } });
    assert.equal(author.name, "Zoë O'Connor-Łukasiewicz");
    const comment = await prisma.comment.findUniqueOrThrow({ where: { id: 1 } });
    assert.equal(comment.authorName, `Robert'); DROP TABLE "Post";--`);
    assert.equal(await prisma.post.count({ where: { tags: { some: { name: 'never-used' } } } }), 0);
    assert.equal(await prisma.post.count({ where: { category: { name: 'Drafts & Ideas' } } }), 0);
  });

  test('keeps the data consistent: dates, statuses, ratings, tags, slugs', async () => {
    const { prisma } = first;
    const posts = await prisma.post.findMany({ include: { _count: { select: { tags: true } } } });
    const statuses = new Set(posts.map((p) => p.status));
    assert.deepEqual([...statuses].sort(), ['archived', 'draft', 'published']);
    for (const post of posts) {
      assert.equal(post.publishedAt === null, post.status === 'draft', `publishedAt of ${post.status} post ${post.id}`);
      assert.ok(post.updatedAt >= post.createdAt);
      assert.ok(post._count.tags <= 4);
      assert.match(post.slug, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      if (post.rating !== null) assert.match(post.rating.toFixed(1), /^[0-5]\.\d$/);
    }
    assert.equal(new Set(posts.map((p) => p.slug)).size, posts.length);
    assert.ok(posts.some((p) => p.rating === null) && posts.some((p) => p.categoryId === null));
    const years = new Set(posts.map((p) => p.createdAt.getUTCFullYear()));
    assert.ok(years.size >= 3, `createdAt spread over years: ${[...years]}`);
    const comments = await prisma.comment.findMany({ include: { post: true } });
    for (const comment of comments) {
      assert.ok(comment.post.publishedAt && comment.createdAt > comment.post.publishedAt, `comment ${comment.id} after its post`);
    }
    assert.ok(comments.some((c) => c.approved) && comments.some((c) => !c.approved));
  });
});

describe('seed on PostgreSQL', () => {
  test('writes the same rows as on SQLite, and new rows get the next ids', async () => {
    const sqlite = await seededSqlite();
    const db = await freshPostgresDatabase();
    let prisma: DemoClient | undefined;
    try {
      prisma = await demoClient(db.url);
      const result = await seed(prisma, SIZE);
      assert.equal(result.posts, SIZE.posts);
      assert.equal(await prismaDigest(prisma), await prismaDigest(sqlite.prisma));
      const xss = await prisma.post.findFirstOrThrow({ where: { title: '<script>alert(1)</script>' } });
      assert.equal(xss.id, 1);
      // Explicit ids do not move PostgreSQL sequences by themselves.
      const tag = await prisma.tag.create({ data: { name: 'fresh' } });
      assert.equal(tag.id, SIZE.tags + 1);
    } finally {
      await prisma?.$disconnect();
      await db.cleanup();
      await sqlite.close();
    }
  });

  test('works in a ?schema= schema', async () => {
    const db = await freshPostgresDatabase('prisma/schema', { schema: 'blog' });
    let prisma: DemoClient | undefined;
    try {
      prisma = await demoClient(db.url);
      await seed(prisma, { ...presets.small, posts: 10, comments: 10 });
      assert.equal(await prisma.post.count(), 10);
      assert.equal(await prisma.post.count({ where: { tags: { some: {} } } }) > 0, true);
      const comment = await prisma.comment.create({ data: { postId: 1, authorName: 'x', body: 'y' } });
      assert.equal(comment.id, 11);
    } finally {
      await prisma?.$disconnect();
      await db.cleanup();
    }
  });
});

describe('demo database and seed CLI', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pa-seed-cli-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('ensureDemoDatabase creates and seeds a missing file, then leaves it alone', async () => {
    const url = `file:${path.join(dir, 'demo.db')}`;
    const lines: string[] = [];
    const log = (line: string) => lines.push(line);
    assert.deepEqual(await ensureDemoDatabase(url, { size: presets.small, log }), { created: true });
    assert.deepEqual(await ensureDemoDatabase(url, { size: presets.small, log }), { created: false });
    assert.equal(lines.length, 2, lines.join('\n'));
    assert.match(lines[1], /Seeded 40 posts/);
  });

  test('the CLI creates the database, refuses to seed it again, and --reset starts over', () => {
    const url = `file:${path.join(dir, 'cli.db')}`;
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/seed.ts', '--size', 'small', '--url', url, ...args], { encoding: 'utf8' });
    const created = run();
    assert.equal(created.status, 0, created.stderr);
    assert.match(created.stdout, /Created the demo schema/);
    assert.match(created.stdout, /Seeded 40 posts, 80 comments/);
    const refused = run();
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /already has 40 posts: pass --reset/);
    const reset = run('--reset');
    assert.equal(reset.status, 0, reset.stderr);
    assert.match(reset.stdout, /Seeded 40 posts/);
  });
});
