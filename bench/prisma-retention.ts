// Why a long export grows the server's RSS whatever the admin does (bench/RESULTS.md, Export):
//   node --import tsx bench/prisma-retention.ts [posts, default 100000]
// Each way of reading the same rows runs in a child process under V8's --trace-gc-nvp, which prints, per scavenge, the
// bytes it promoted to the old generation: data that outlives two scavenges stays until a major collection, and the
// old generation grows to a multiple of what is live before one comes. Rows a loop drops at once should promote
// almost nothing. Prisma 7's PrismaPromise (the object every delegate call returns) is an object literal with a getter
// (`get spec()`) whose closure holds the query's result; on this V8 (Node 20) such an object keeps that closure, and so
// the result, alive through every scavenge until the next major collection. The plain JavaScript pair shows it without
// Prisma. Rerun after upgrading Prisma or Node to see whether it still holds.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { openDemoClient } from '../scripts/db/demo-client.ts';
import { prepareDemoDatabase } from '../scripts/db/demo-schema.ts';
import { freshBenchDatabase } from './fresh-database.ts';
import { sqliteFileOfUrl } from '../scripts/db/apply-schema.ts';

const BATCH = 250;
const WAYS = {
  'thenable with a getter (plain JavaScript)': 'js-getter',
  'thenable with a data property (plain JavaScript)': 'js-data',
  'prisma.post.findMany, keyset batches': 'prisma',
  "the driver adapter's queryRaw, same SQL": 'adapter',
} as const;
type Way = (typeof WAYS)[keyof typeof WAYS];

/** The child: reads every post (or makes as many plain objects) `BATCH` at a time, dropping each batch. */
async function child(way: Way, url: string, posts: number): Promise<void> {
  const turn = () => new Promise((resolve) => setImmediate(resolve));
  if (way === 'js-getter' || way === 'js-data') {
    for (let i = 0; i < posts / BATCH; i++) {
      const value = Promise.resolve(Array.from({ length: BATCH }, (_, k) => ({ id: i * BATCH + k, body: `${i} ${k} `.padEnd(500, 'x') })));
      const thenable = way === 'js-getter'
        ? { get spec() { return i; }, then: (ok: (v: unknown) => unknown, no: (e: unknown) => unknown) => value.then(ok, no) }
        : { spec: i, then: (ok: (v: unknown) => unknown, no: (e: unknown) => unknown) => value.then(ok, no) };
      await thenable;
      await turn();
    }
    return;
  }
  if (way === 'prisma') {
    const prisma = await openDemoClient(url);
    for (let after = 0; ;) {
      const batch = await prisma.post.findMany({ where: { id: { gt: after } }, orderBy: { id: 'asc' }, take: BATCH });
      if (batch.length < BATCH) break;
      after = batch[batch.length - 1].id;
      await turn();
    }
    return prisma.$disconnect();
  }
  const adapter = await new PrismaBetterSqlite3({ url: sqliteFileOfUrl(url) }).connect();
  for (let after = 0; ;) {
    const batch = await adapter.queryRaw({ sql: `SELECT * FROM "Post" WHERE "id" > ? ORDER BY "id" LIMIT ${BATCH}`, args: [after], argTypes: [{ scalarType: 'int', arity: 'scalar' }] });
    if (batch.rows.length < BATCH) break;
    after = batch.rows[batch.rows.length - 1][0] as number;
    await turn();
  }
  await adapter.dispose();
}

/** Bytes promoted by the scavenges of one child run, from --trace-gc-nvp's `promoted=` fields. */
function promotedBy(way: Way, url: string, posts: number): { promoted: number; scavenges: number } {
  const out = execFileSync(process.execPath, ['--trace-gc-nvp', '--import', 'tsx', fileURLToPath(import.meta.url), '--child', way, url, String(posts)], { encoding: 'utf8', maxBuffer: 1 << 28 });
  let promoted = 0;
  let scavenges = 0;
  for (const line of out.split('\n')) {
    if (!line.includes(' gc=s ')) continue;
    scavenges++;
    promoted += Number(/ promoted=(\d+)/.exec(line)?.[1] ?? 0);
  }
  return { promoted, scavenges };
}

if (process.argv[2] === '--child') {
  await child(process.argv[3] as Way, process.argv[4], Number(process.argv[5]));
} else {
  const posts = Number(process.argv[2] ?? 100_000);
  const db = await freshBenchDatabase('sqlite', 'pa_bench_retention');
  try {
    await prepareDemoDatabase(db.url);
    const prisma = await openDemoClient(db.url);
    const author = await prisma.author.create({ data: { name: 'Retention', email: 'retention@example.com' } });
    await prisma.$executeRawUnsafe(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${posts})
      INSERT INTO Post (title, slug, body, status, viewCount, authorId, createdAt, updatedAt)
      SELECT 'Post ' || i, 'post-' || i, printf('%.500c', 'x') || i, 'draft', i, ${author.id}, 0, 0 FROM n`);
    await prisma.$disconnect();
    console.log(`| ${posts.toLocaleString('en-US')} rows, ${BATCH} per batch, each dropped at once | promoted to the old generation | scavenges |`);
    console.log('| --- | ---: | ---: |');
    for (const [label, way] of Object.entries(WAYS)) {
      const { promoted, scavenges } = promotedBy(way, db.url, posts);
      console.log(`| ${label} | ${(promoted / 2 ** 20).toFixed(0)} MB | ${scavenges} |`);
    }
  } finally {
    await db.drop();
  }
}
