// An import's confirm killed mid-way (SIGKILL of the server process while its transaction is writing rows) leaves the
// table as it was, and the job unconfirmed: the demo admin runs as a real process over a SQLite file.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openDemoClient } from '../../scripts/db/demo-client.ts';
import { DEMO_SCHEMA } from '../../scripts/demo-server.ts';
import { seed } from '../../scripts/seed.ts';
import { freshSqliteDatabase } from '../support/databases.ts';
import { csvOf, previewedOf } from '../support/import-files.ts';
import { HttpBrowser } from './support/http-browser.ts';
import Database from 'better-sqlite3';
import { sideFileOf } from '../../src/data/jobs/sqlite-side-job-store.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
// The most an import takes (MAX_IMPORT_ROWS): the longest write to catch in the middle.
const ROWS = 100_000;
const credentials = { username: 'import-kill', password: 'import-kill-password-0x9' };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

test('killing the server while it writes an import leaves the table as it was', { timeout: 300_000 }, async () => {
  const db = await freshSqliteDatabase(DEMO_SCHEMA);
  after(() => db.cleanup());
  const prisma = await openDemoClient(db.url);
  await seed(prisma, { posts: 5, comments: 0, authors: 2, categories: 1, tags: 3 });
  const tagsBefore = await prisma.tag.findMany({ orderBy: { id: 'asc' } });
  await prisma.$disconnect();

  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo-start.ts'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: db.url, PORT: String(port), HOST: '127.0.0.1', ADMIN_USERNAME: credentials.username, ADMIN_PASSWORD: credentials.password, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  after(() => void (child.exitCode === null && child.signalCode === null && child.kill('SIGKILL')));
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      if (output.includes('is ready')) resolve();
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
    child.on('close', (code) => reject(new Error(`the demo exited (${code}) before it served:\n${output}`)));
  });

  const browser = await new HttpBrowser(`http://127.0.0.1:${port}`).login(credentials);
  await browser.get('/admin/tag/import');
  const rows = Array.from({ length: ROWS }, (_, i) => ({ name: `killed-${i}` }));
  const uploaded = await browser.postMultipart(`/admin/tag/import?_csrf=${encodeURIComponent(browser.csrfToken ?? '')}`, { file: { data: csvOf(['name'], rows), filename: 'tags.csv' } });
  assert.equal(uploaded.statusCode, 303, uploaded.body.slice(0, 500));
  const job = /job=([\w-]+)/.exec(uploaded.headers.location ?? '')![1];
  const preview = await browser.follow(uploaded);
  assert.match(preview.body, /name="_confirm"/);

  // 100,000 rows are above runAsJobAbove: the confirm answers at once with the job's page, and the run goes on.
  const confirm = await browser.post('/admin/tag/import', { job, map: ['name'], mode: 'create', key: 'id', previewed: previewedOf(preview.body), _confirm: '1' });
  assert.equal(confirm.statusCode, 303, confirm.body.slice(0, 500));
  assert.equal(confirm.headers.location, `/admin/tag/jobs/${job}`);
  // The confirm's transaction writes through SQLite's rollback journal, and the run reports its progress to the side
  // file after every batch: once the journal exists and the job says rows are done, rows are being written inside
  // the transaction. Kill the server then, before it can commit. Watched, not timed: on a quiet machine the first
  // batches go by in milliseconds (a second's wait here let the whole import of 40,000 rows commit).
  const journal = `${db.path}-journal`;
  const side = sideFileOf(db.path);
  const writing = () => {
    if (!existsSync(journal) && !existsSync(`${db.path}-wal`)) return false;
    if (!existsSync(side)) return false;
    const store = new Database(side, { readonly: true, fileMustExist: true });
    try {
      const row = store.prepare('SELECT status, done FROM jobs WHERE id = ?').get(job) as { status: string; done: number } | undefined;
      return row?.status === 'running' && row.done > 0;
    } finally {
      store.close();
    }
  };
  const started = Date.now();
  while (!writing() && Date.now() - started < 120_000) await new Promise((r) => setTimeout(r, 5));
  assert.ok(writing(), 'the import began writing');
  const page = await browser.get(`/admin/tag/jobs/${job}`);
  assert.match(page.body, /http-equiv="refresh"/, 'the job is running');
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('close', resolve));

  // The job's side file still says running: its heartbeat stops, and its page will say the server stopped.
  const sideFile = new Database(side, { readonly: true });
  const stored = sideFile.prepare('SELECT status, updatedAt FROM jobs WHERE id = ?').get(job) as { status: string; updatedAt: number };
  sideFile.close();
  assert.equal(stored.status, 'running');
  assert.ok(stored.updatedAt <= Date.now());

  const check = await openDemoClient(db.url);
  try {
    assert.deepEqual(await check.tag.findMany({ orderBy: { id: 'asc' } }), tagsBefore, 'no imported row survived');
    assert.equal((await check.adminImportJob.findUniqueOrThrow({ where: { id: job } })).status, 'preview', 'the job was not marked done');
    assert.equal(await check.adminLogEntry.count({ where: { model: 'Tag' } }), 0);
  } finally {
    await check.$disconnect();
  }
});
