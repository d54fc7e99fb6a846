// The two job stores (the AdminJob table on PostgreSQL, the side file of a SQLite database) keep the same promises: a
// job id starts once while it runs or after it ended well; a failed job, or one whose process stopped beating, can be
// started again (by the same user only); progress and the outcome are read back as written.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { openDemoClient } from '../../../scripts/db/demo-client.ts';
import { DEMO_SCHEMA } from '../../../scripts/demo-server.ts';
import { DatabaseJobStore } from '../../../src/data/jobs/database-job-store.ts';
import { isStale, newJobId, STALE_AFTER_MS, type JobStore, type NewJob } from '../../../src/data/jobs/job-store.ts';
import { SqliteSideJobStore } from '../../../src/data/jobs/sqlite-side-job-store.ts';
import type { PrismaClientLike } from '../../../src/data/delegates.ts';
import { freshPostgresDatabase, postgresAvailable } from '../../support/databases.ts';

const job = (id: string): NewJob => ({ id, kind: 'bulk', model: 'Post', userId: '7', total: 1000, message: 'Starting…', backUrl: '/admin/post/' });

interface Subject {
  store: JobStore;
  /** Moves the job's heartbeat into the past, as a process that died leaves it. */
  age(id: string, ms: number): Promise<void>;
}

function promises(subject: () => Subject) {
  test('a job starts once while it runs, and reads back its progress and outcome', async () => {
    const { store } = subject();
    const id = newJobId();
    assert.equal(await store.start(job(id)), true);
    assert.equal(await store.start(job(id)), false, 'a double submit does not start it again');
    await store.progress(id, 500, { message: 'Writing…' });
    assert.deepEqual((({ status, done, total, message }) => ({ status, done, total, message }))((await store.find(id))!), { status: 'running', done: 500, total: 1000, message: 'Writing…' });
    await store.finish(id, 'done', { level: 'success', message: 'Done for 1,000 posts.', backUrl: '/admin/post/?status__exact=draft' });
    const ended = (await store.find(id))!;
    assert.deepEqual([ended.status, ended.level, ended.message, ended.backUrl], ['done', 'success', 'Done for 1,000 posts.', '/admin/post/?status__exact=draft']);
    assert.equal(await store.start(job(id)), false, 'a job that ended well is not run again');
    await store.progress(id, 900);
    assert.equal((await store.find(id))!.done, 500, 'an ended job takes no more progress');
  });

  test('a failed job, or a stale one, starts again; not for another user', async () => {
    const { store, age } = subject();
    const failed = newJobId();
    await store.start(job(failed));
    await store.finish(failed, 'failed', { level: 'error', message: 'Stopped at “x”.', backUrl: '' });
    assert.equal(await store.start({ ...job(failed), userId: '8' }), false, 'not by someone else');
    assert.equal(await store.start(job(failed)), true);
    assert.deepEqual((({ status, done, level }) => ({ status, done, level }))((await store.find(failed))!), { status: 'running', done: 0, level: null });

    const stale = newJobId();
    await store.start(job(stale));
    assert.equal(isStale((await store.find(stale))!), false);
    await age(stale, STALE_AFTER_MS + 60_000);
    assert.equal(isStale((await store.find(stale))!), true, 'no heartbeat for longer than STALE_AFTER_MS');
    assert.equal(await store.start(job(stale)), true, 'a stopped run can be submitted again');
    assert.equal(isStale((await store.find(stale))!), false);
  });
}

describe('the side file of a SQLite database', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pa-job-stores-'));
  const file = path.join(dir, 'db.sqlite.admin-jobs');
  const store = SqliteSideJobStore.open(Database, file);
  const raw = new Database(file);
  after(() => {
    store.close();
    raw.close();
    rmSync(dir, { recursive: true, force: true });
  });
  promises(() => ({ store, age: async (id, ms) => void raw.prepare('UPDATE jobs SET updatedAt = updatedAt - ? WHERE id = ?').run(ms, id) }));

  test('another process (connection) reads a job as soon as it is written', async () => {
    const id = newJobId();
    await store.start(job(id));
    await store.progress(id, 250);
    assert.equal((raw.prepare('SELECT done FROM jobs WHERE id = ?').get(id) as { done: number }).done, 250);
  });
});

describe('the AdminJob table on PostgreSQL', { skip: (await postgresAvailable()) ? false : 'no PostgreSQL server' }, async () => {
  const db = await freshPostgresDatabase(DEMO_SCHEMA);
  const prisma = await openDemoClient(db.url);
  const store = DatabaseJobStore.for(prisma as unknown as PrismaClientLike, 'postgresql');
  after(async () => {
    await prisma.$disconnect();
    await db.cleanup();
  });
  promises(() => ({
    store,
    age: async (id, ms) => {
      const row = await prisma.adminJob.findUniqueOrThrow({ where: { id } });
      await prisma.adminJob.update({ where: { id }, data: { updatedAt: new Date(row.updatedAt.getTime() - ms) } });
    },
  }));
});
