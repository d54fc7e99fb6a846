// PostgreSQL through `prisma-admin-site serve`: scalar lists, native types, Json and enums; `?schema=`; connections killed
// on the server (the admin carries on without a restart); and two `serve`
// processes over one database behaving as one admin (a session made on one works on the other, an edit made on one
// is seen on the other).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { postgresAvailable } from '../support/databases.ts';
import { formFields, inputValue, listRows, mainOf, textOf } from '../support/html.ts';
import { freshDatabase, postgresAdmin, writeFixtureSchema, type FixtureSchema, type FreshDatabase } from './support/cli-fixture.ts';
import { cliEnv, runCli, startServe, type ServeProcess } from './support/cli-process.ts';
import { HttpBrowser, type HttpResponse } from './support/http-browser.ts';

const pgUp = await postgresAvailable();
const show = (r: HttpResponse) => `${r.statusCode}: ${textOf(mainOf(r.body)).slice(0, 400)}`;
const ADMIN_MODELS = readFileSync(fileURLToPath(new URL('../../src/auth/admin-models.prisma', import.meta.url)), 'utf8');

describe('prisma-admin-site serve on PostgreSQL', { skip: !pgUp && 'no PostgreSQL test server' }, () => {
  let schema: FixtureSchema;
  let db: FreshDatabase;
  before(async () => {
    schema = writeFixtureSchema('postgresql');
    db = await freshDatabase('postgresql', schema.path);
  });
  after(async () => {
    await db?.cleanup();
    schema?.cleanup();
  });

  test('scalar lists, native types, Json and JsonB, enums and enum lists round-trip', async () => {
    const serve = await startServe(['--schema', schema.path, '--url', db.url]);
    try {
      const browser = await new HttpBrowser(serve.origin).login();
      const typed = {
        name: 'Twenty chars, at most',
        code: 'ABC',
        small: '-32768',
        price: '12345678.90',
        day: '2024-02-29',                  // a @db.Date field: a date input
        stampTz: '2024-02-29T13:14:15.678',
        doc: '{"nested":{"list":[1,2.5,null]}}',
        plain: '[true,"x"]',
        tags: 'one\ntwo words\nü',
        scores: '1\n-2\n2147483647',
        sizes: ['small', 'large'],          // an enum list: a checkbox per value
        size: 'large',
      };
      const added = await browser.post('/admin/pgextra/add', { ...typed, name: typed.name.slice(0, 20), _continue: '1' });
      assert.equal(added.statusCode, 303, show(added));
      const id = decodeURIComponent(/\/admin\/pgextra\/([^/]+)\/change$/.exec(added.headers.location)![1]);
      assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'a uuid() id in a @db.Uuid column');
      const html = (await browser.get(added.headers.location)).body;
      assert.equal(inputValue(html, 'name'), typed.name.slice(0, 20));
      assert.equal(inputValue(html, 'code'), 'ABC');
      assert.equal(inputValue(html, 'small'), '-32768');
      assert.equal(inputValue(html, 'price'), '12345678.90', 'a Decimal(10, 2) shows its scale');
      assert.match(String(inputValue(html, 'day')), /^2024-02-29/);
      assert.equal(inputValue(html, 'stampTz'), '2024-02-29T13:14:15.678');
      assert.deepEqual(JSON.parse(String(inputValue(html, 'doc'))), { nested: { list: [1, 2.5, null] } });
      assert.deepEqual(JSON.parse(String(inputValue(html, 'plain'))), [true, 'x']);
      assert.equal(inputValue(html, 'tags'), 'one\ntwo words\nü');
      assert.equal(inputValue(html, 'scores'), '1\n-2\n2147483647');
      assert.deepEqual(checkedValues(html, 'sizes'), ['small', 'large']);
      assert.equal(inputValue(html, 'size'), 'large');

      const changed = await browser.post(added.headers.location, { ...formFields(html, '/change'), tags: '', scores: '7', sizes: 'medium', _save: '1' });
      assert.equal(changed.statusCode, 303, show(changed));
      const after = (await browser.get(added.headers.location)).body;
      assert.equal(inputValue(after, 'tags'), '');
      assert.equal(inputValue(after, 'scores'), '7');
      assert.deepEqual(checkedValues(after, 'sizes'), ['medium']);

      const bad = await browser.post(added.headers.location, { ...formFields(after, '/change'), scores: '1\nseven', sizes: 'huge', _save: '1' });
      assert.equal(bad.statusCode, 400, show(bad));
    } finally {
      assert.equal(await serve.stop(), 0);
    }
  });

  test('?schema= in the URL: the tables of that PostgreSQL schema are the ones served', async () => {
    const sales = await freshDatabase('postgresql', schema.path, { pgSchema: 'sales' });
    try {
      const check = await runCli(['check', '--schema', schema.path, '--url', sales.url]);
      assert.equal(check.code, 0, check.stderr);
      assert.match(check.stdout, /schema "sales": connected/);
      const serve = await startServe(['--schema', schema.path, '--url', sales.url]);
      try {
        const browser = await new HttpBrowser(serve.origin).login();
        assert.equal((await browser.post('/admin/tag/add', { name: 'in sales', _save: '1' })).statusCode, 303);
      } finally {
        assert.equal(await serve.stop(), 0);
      }
      const rows = await postgresAdmin('SELECT name FROM sales."Tag"', [], sales.url.replace(/\?.*$/, ''));
      assert.deepEqual(rows.rows, [{ name: 'in sales' }]);
    } finally {
      await sales.cleanup();
    }
  });

  test('connections killed on the server (pg_terminate_backend): the next pages work without a restart', async () => {
    const url = new URL(db.url);
    url.searchParams.set('application_name', 'pa_cli_terminate');
    const serve = await startServe(['--schema', schema.path, '--url', url.toString()]);
    try {
      const browser = await new HttpBrowser(serve.origin).login();
      // Several pages at once, so the pool holds several connections.
      await Promise.all(['/admin/tag/', '/admin/author/', '/admin/post/', '/admin/node/'].map((u) => browser.on(serve.origin).get(u)));
      const killed = await postgresAdmin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'pa_cli_terminate'`);
      assert.ok(killed.rowCount! > 0, 'the admin had connections to kill');
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await browser.get('/admin/tag/')).statusCode);
      assert.ok(statuses.every((s) => s === 200 || s === 503), `only 200 or 503: ${statuses}`);
      assert.equal(statuses.at(-1), 200, `recovered: ${statuses}`);
      assert.equal(serve.child.exitCode, null, 'the server keeps running');
    } finally {
      assert.equal(await serve.stop(), 0);
    }
  });
});

describe('scale-out: two serve processes over one PostgreSQL database', { skip: !pgUp && 'no PostgreSQL test server' }, () => {
  let schema: FixtureSchema;
  let db: FreshDatabase;
  let one: ServeProcess;
  let two: ServeProcess;
  const superuser = { username: 'scale', password: 'scale-out-password-1' };

  before(async () => {
    // The admin's own models: users and sessions live in the database, as a deployment with several instances has them.
    schema = writeFixtureSchema('postgresql', { extraFiles: { 'prisma-admin-site.prisma': ADMIN_MODELS } });
    db = await freshDatabase('postgresql', schema.path);
    const created = await runCliWithStdin(['createsuperuser', '--url', db.url, '--username', superuser.username], `${superuser.password}\n`);
    assert.equal(created.code, 0, created.stderr);
    // No ADMIN_USERNAME: the users come from the database.
    const env = cliEnv({ ADMIN_USERNAME: undefined, ADMIN_PASSWORD: undefined });
    [one, two] = await Promise.all([startServe(['--schema', schema.path, '--url', db.url], { env }), startServe(['--schema', schema.path, '--url', db.url], { env })]);
  });
  after(async () => {
    await Promise.all([one?.stop(), two?.stop()]);
    await db?.cleanup();
    schema?.cleanup();
  });

  test('a session made on one works on the other; logging out on one ends it on both', async () => {
    const onOne = await new HttpBrowser(one.origin).login(superuser);
    const onTwo = onOne.on(two.origin);
    const index = await onTwo.get('/admin/');
    assert.equal(index.statusCode, 200, 'logged in on the second process too');
    assert.match(index.body, /scale/);

    const other = await new HttpBrowser(two.origin).login(superuser);
    const page = await other.get('/admin/');
    await other.post('/admin/logout', formFields(page.body, '/logout'));
    assert.equal((await other.on(one.origin).get('/admin/')).statusCode, 303, 'the session ended on the first process');
    assert.equal((await onTwo.get('/admin/')).statusCode, 200, 'other sessions go on');
  });

  test('an edit made on one is seen on the other (a form opened on one and posted to the other)', async () => {
    const onOne = await new HttpBrowser(one.origin).login(superuser);
    const added = await onOne.post('/admin/tag/add', { name: 'made on one', _continue: '1' });
    assert.equal(added.statusCode, 303, show(added));
    const onTwo = onOne.on(two.origin);
    assert.ok(listRows((await onTwo.get('/admin/tag/')).body).some((r) => r.cells.includes('made on one')), 'listed on two');

    const form = (await onTwo.get(added.headers.location)).body;
    const changed = await onTwo.on(one.origin).post(added.headers.location, { ...formFields(form, '/change'), name: 'changed via two', _save: '1' });
    assert.equal(changed.statusCode, 303, show(changed));
    assert.equal(inputValue((await onTwo.get(added.headers.location)).body, 'name'), 'changed via two');
  });
});

async function runCliWithStdin(args: string[], stdin: string) {
  const { spawn } = await import('node:child_process');
  const { BIN } = await import('./support/cli-process.ts');
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: cliEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** The values of a checkbox group's checked boxes. */
function checkedValues(html: string, name: string): string[] {
  return [...html.matchAll(/<input[^>]*type="checkbox"[^>]*>/g)].map((m) => m[0])
    .filter((tag) => tag.includes(` name="${name}"`) && /\schecked\b/.test(tag))
    .map((tag) => /\svalue="([^"]*)"/.exec(tag)?.[1] ?? '');
}
