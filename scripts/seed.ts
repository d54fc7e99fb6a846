// Dev/test only: a deterministic seed of the demo blog: the same rows on every run (a seeded PRNG, a fixed base date,
// explicit ids), on SQLite and PostgreSQL.
//   node --import tsx scripts/seed.ts [--size demo|bench|small] [--url file:./prisma/demo.db] [--reset]
// The CLI creates a missing database (applySchema), and refuses a database that already has posts unless --reset.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Prisma, type PrismaClient } from '../prisma/generated/client.ts';
import { quoteIdent } from './db/apply-schema.ts';
import {
  BASE_DATE, DAY, authorRows, categoryRows, commentRow, createRandom, edgePosts, postRow, tagNames, tagsForPost,
  type PostFacts,
} from './seed-data.ts';

export interface SeedSize {
  authors: number;
  categories: number;
  tags: number;
  posts: number;
  comments: number;
}

export interface SeedProgress {
  phase: 'authors' | 'categories' | 'tags' | 'posts' | 'comments';
  done: number;
  total: number;
}

export interface SeedOptions extends SeedSize {
  onProgress?: (progress: SeedProgress) => void;
  /** PostgreSQL schema the client's adapter uses (for the raw inserts); read from the client when not given. */
  schema?: string;
  /** Rows per insert statement (default 1,000). */
  batchSize?: number;
  /**
   * How rows go in. `raw` (default): multi-row INSERTs through `$executeRawUnsafe`, with the same JS values, so the
   * driver adapter encodes them as createMany would. `createMany`: Prisma's createMany, about ten times slower
   * (Prisma 7 compiles every createMany call in its WASM query compiler: ~0.25 ms per row).
   */
  insert?: 'raw' | 'createMany';
}

export interface SeedResult extends SeedSize {
  tagLinks: number;
  ms: number;
}

export const presets = {
  small: { posts: 40, comments: 80, authors: 8, categories: 5, tags: 12 },
  demo: { posts: 3_000, comments: 6_000, authors: 50, categories: 12, tags: 40 },
  bench: { posts: 100_000, comments: 200_000, authors: 1_000, categories: 12, tags: 40 },
} satisfies Record<string, SeedSize>;

export type PresetName = keyof typeof presets;

type Row = Record<string, unknown>;

type Db = Prisma.TransactionClient;

/**
 * Fills the demo blog tables, in one transaction (all or nothing, and a third faster on SQLite than autocommit).
 * Ids follow the largest ids already there, so existing rows are kept.
 */
export async function seed(prisma: PrismaClient, options: SeedOptions): Promise<SeedResult> {
  assertSize(options);
  const started = Date.now();
  const provider = providerOfClient(prisma);
  const schema = options.schema ?? schemaOfClient(prisma);
  const tagLinks = await prisma.$transaction((tx) => fill(tx, provider, schema, options), {
    timeout: 60 * 60_000,
    maxWait: 60_000,
  });
  const { authors, categories, tags, posts, comments } = options;
  return { authors, categories, tags, posts, comments, tagLinks, ms: Date.now() - started };
}

/** Inserts every row; returns the number of tag links. */
async function fill(prisma: Db, provider: SeedProvider, schema: string, options: SeedOptions): Promise<number> {
  const batchSize = options.batchSize ?? 1_000;
  const report = options.onProgress ?? (() => {});
  const sql = rawSql(prisma, provider, schema);
  const insert = (model: ModelName, rows: Row[]) =>
    options.insert === 'createMany' ? delegate(prisma, model).createMany({ data: rows }) : sql.insertRows(tableOf[model], rows);
  const insertAll = async (model: ModelName, phase: SeedProgress['phase'], rows: Row[]) => {
    for (let start = 0; start < rows.length; start += batchSize) {
      await insert(model, rows.slice(start, start + batchSize));
      report({ phase, done: Math.min(rows.length, start + batchSize), total: rows.length });
    }
  };
  const random = createRandom(0x5eed_b10c);
  const offsets = await largestIds(prisma);

  await insertAll('author', 'authors', authorRows(random, options.authors).map((row, i) => ({ id: offsets.author + i + 1, ...row })));
  await insertAll('category', 'categories', categoryRows(options.categories).map((row, i) => ({ id: offsets.category + i + 1, ...row })));
  await insertAll('tag', 'tags', tagNames(options.tags).map((name, i) => ({ id: offsets.tag + i + 1, name })));

  // Posts are generated batch by batch (the bench size would not fit comfortably in memory as objects); what the
  // comments need to know about each post is kept in `facts`.
  const facts: PostFacts[] = [];
  const slugs = new Map<string, number>();
  const edges = edgePosts().slice(0, options.posts);
  const refs = {
    authors: options.authors,
    authorId: (n: number) => offsets.author + n + 1,
    categories: options.categories,
    categoryId: (n: number) => offsets.category + n + 1,
  };
  let tagLinks = 0;
  for (let start = 0; start < options.posts; start += batchSize) {
    const posts: Row[] = [];
    const links: number[] = [];
    for (let i = start; i < Math.min(options.posts, start + batchSize); i++) {
      const id = offsets.post + i + 1;
      const { row, fact } = postRow(random, i, options.posts, edges[i], slugs, refs);
      posts.push({ id, ...row, rating: row.rating === null ? null : new Prisma.Decimal(row.rating) });
      facts.push(fact);
      for (const tag of tagsForPost(random, options.tags, edges[i])) links.push(id, offsets.tag + tag + 1);
    }
    await insert('post', posts);
    await sql.insertPairs('_PostToTag', links);
    tagLinks += links.length / 2;
    report({ phase: 'posts', done: start + posts.length, total: options.posts });
  }

  const commentable = facts.map((fact, i) => (fact.publishedAt === null ? -1 : i)).filter((i) => i >= 0);
  const pool = commentable.length > 0 ? commentable : facts.map((_, i) => i);
  for (let start = 0; start < options.comments && pool.length > 0; start += batchSize) {
    const comments: Row[] = [];
    for (let i = start; i < Math.min(options.comments, start + batchSize); i++) {
      const postIndex = pool[Math.floor(random.next() ** 1.5 * pool.length)];
      comments.push({ id: offsets.comment + i + 1, postId: offsets.post + postIndex + 1, ...commentRow(random, i, facts[postIndex]) });
    }
    await insert('comment', comments);
    report({ phase: 'comments', done: start + comments.length, total: options.comments });
  }

  if (provider === 'postgresql') await sql.syncSequences(Object.values(tableOf));
  return tagLinks;
}

function assertSize(size: SeedSize): void {
  for (const key of ['authors', 'categories', 'tags', 'posts', 'comments'] as const) {
    const value = size[key];
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`seed: ${key} must be a whole number ≥ 0, not ${value}`);
  }
  if (size.posts > 0 && size.authors === 0) throw new RangeError('seed: posts need at least one author');
  if (size.comments > 0 && size.posts === 0) throw new RangeError('seed: comments need at least one post');
}

type ModelName = 'author' | 'category' | 'tag' | 'post' | 'comment';
const tableOf: Record<ModelName, string> = { author: 'Author', category: 'Category', tag: 'Tag', post: 'Post', comment: 'Comment' };

function delegate(prisma: Db, model: ModelName) {
  return prisma[model] as unknown as { createMany(args: { data: Row[] }): Promise<unknown> };
}

async function largestIds(prisma: Db) {
  const [author, category, tag, post, comment] = await Promise.all([
    prisma.author.aggregate({ _max: { id: true } }),
    prisma.category.aggregate({ _max: { id: true } }),
    prisma.tag.aggregate({ _max: { id: true } }),
    prisma.post.aggregate({ _max: { id: true } }),
    prisma.comment.aggregate({ _max: { id: true } }),
  ]);
  return {
    author: author._max.id ?? 0,
    category: category._max.id ?? 0,
    tag: tag._max.id ?? 0,
    post: post._max.id ?? 0,
    comment: comment._max.id ?? 0,
  };
}

type SeedProvider = 'sqlite' | 'postgresql';

// The generated client knows its provider; Prisma keeps it on the instance (`_activeProvider`), and the PostgreSQL
// adapter factory keeps the schema it was given. Neither is public API, so both reads are defensive.
function providerOfClient(prisma: PrismaClient): SeedProvider {
  const provider = (prisma as unknown as { _activeProvider?: string })._activeProvider;
  if (provider === 'sqlite' || provider === 'postgresql') return provider;
  throw new Error(`The seed supports SQLite and PostgreSQL clients, not ${provider ?? 'this one'}`);
}

function schemaOfClient(prisma: PrismaClient): string {
  const config = (prisma as unknown as { _engineConfig?: { adapter?: { options?: { schema?: string } } } })._engineConfig;
  return config?.adapter?.options?.schema ?? 'public';
}

// SQLite allows 32,766 parameters per statement, PostgreSQL 65,535.
const maxParameters = 30_000;

/** The raw statements of the seed, in each provider's dialect. Values stay JS values (Date, Decimal, boolean, ...):
 * Prisma and the driver adapter encode them exactly as they encode createMany's. */
function rawSql(prisma: Db, provider: SeedProvider, schema: string) {
  const table = (name: string) => (provider === 'postgresql' ? `${quoteIdent(schema)}.${quoteIdent(name)}` : quoteIdent(name));
  const placeholder = provider === 'postgresql' ? (n: number) => `$${n}` : () => '?';
  const insertValues = async (name: string, columns: string[], values: unknown[]) => {
    const perRow = columns.length;
    const rowsPerStatement = Math.floor(maxParameters / perRow);
    for (let start = 0; start < values.length; start += rowsPerStatement * perRow) {
      const chunk = values.slice(start, start + rowsPerStatement * perRow);
      const tuples = [];
      for (let row = 0; row < chunk.length / perRow; row++) {
        const marks = columns.map((_, c) => placeholder(row * perRow + c + 1));
        tuples.push(`(${marks.join(', ')})`);
      }
      const columnList = columns.map(quoteIdent).join(', ');
      await prisma.$executeRawUnsafe(`INSERT INTO ${table(name)} (${columnList}) VALUES ${tuples.join(', ')}`, ...chunk);
    }
  };
  return {
    /** Inserts rows that all have the same keys (the column names). */
    async insertRows(name: string, rows: Row[]) {
      if (rows.length === 0) return;
      const columns = Object.keys(rows[0]);
      await insertValues(name, columns, rows.flatMap((row) => columns.map((column) => row[column] ?? null)));
    },
    /** Inserts (A, B) rows of an implicit many-to-many table; `pairs` is flat: a1, b1, a2, b2, ... */
    insertPairs: (name: string, pairs: number[]) => insertValues(name, ['A', 'B'], pairs),
    /** Explicit ids do not advance PostgreSQL sequences: move them past the largest id. */
    async syncSequences(names: string[]) {
      for (const name of names) {
        await prisma.$queryRawUnsafe(
          `SELECT setval(pg_get_serial_sequence($1, 'id'), COALESCE((SELECT MAX("id") FROM ${table(name)}), 0) + 1, false)`,
          table(name),
        );
      }
    },
  };
}

/** Deletes every demo blog row (comments and tag links go with their posts). */
export async function resetDemoData(prisma: PrismaClient): Promise<void> {
  await prisma.comment.deleteMany();
  await prisma.post.deleteMany();
  await prisma.tag.deleteMany();
  await prisma.category.deleteMany();
  await prisma.author.deleteMany();
}

/** Prints seed progress: one updating line on a terminal, a line per finished phase otherwise. */
export function progressPrinter(out: NodeJS.WriteStream = process.stdout): (progress: SeedProgress) => void {
  let lastPhase = '';
  return ({ phase, done, total }) => {
    const line = `  ${phase.padEnd(10)} ${done.toLocaleString('en-US').padStart(9)} / ${total.toLocaleString('en-US')}`;
    if (out.isTTY) {
      out.write(`\r${line}`);
      if (done === total) out.write('\n');
    } else if (done === total && phase !== lastPhase) {
      out.write(`${line}\n`);
    }
    lastPhase = done === total ? phase : lastPhase;
  };
}

export { BASE_DATE, DAY };

async function main(argv: string[]): Promise<void> {
  const value = (flag: string) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
  const size = (value('--size') ?? 'demo') as PresetName;
  if (!(size in presets)) throw new Error(`--size must be one of ${Object.keys(presets).join(', ')}`);
  const url = value('--url') ?? process.env.DATABASE_URL ?? 'file:./prisma/demo.db';
  const { prepareDemoDatabase } = await import('./db/demo-schema.ts');
  const { openDemoClient } = await import('./db/demo-client.ts');
  const { redact } = await import('./db/apply-schema.ts');
  if (await prepareDemoDatabase(url)) console.log(`Created the demo schema in ${redact(url)}`);
  const prisma = await openDemoClient(url);
  try {
    const [posts, others] = await Promise.all([
      prisma.post.count(),
      Promise.all([prisma.author.count(), prisma.category.count(), prisma.tag.count()]).then((n) => n[0] + n[1] + n[2]),
    ]);
    if (posts + others > 0) {
      if (!argv.includes('--reset')) {
        const what = posts > 0 ? `${posts} posts` : 'authors, categories or tags';
        throw new Error(`${redact(url)} already has ${what}: pass --reset to delete the demo data and seed again`);
      }
      console.log('Deleting the existing demo data (--reset)');
      await resetDemoData(prisma);
    }
    console.log(`Seeding ${redact(url)} with the ${size} preset`);
    const result = await seed(prisma, { ...presets[size], onProgress: progressPrinter() });
    console.log(`Seeded ${result.posts} posts, ${result.comments} comments, ${result.tagLinks} tag links in ${(result.ms / 1000).toFixed(1)} s`);
  } finally {
    await prisma.$disconnect();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: Error) => {
    console.error(error.message);
    process.exitCode = 1;
  });
}
