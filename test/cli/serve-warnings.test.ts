// `serve` on PostgreSQL prints no warning of Node.js or a driver (a DeprecationWarning, pg's "client.query() when the
// client is already executing a query", …) while it starts, serves pages and saves, and stops.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { postgresAvailable } from '../support/databases.ts';
import { formFields, listRows, mainOf, textOf } from '../support/html.ts';
import { freshDatabase, writeFixtureSchema, type FixtureSchema, type FreshDatabase } from './support/cli-fixture.ts';
import { startServe } from './support/cli-process.ts';
import { HttpBrowser } from './support/http-browser.ts';

const pgUp = await postgresAvailable();

// A model whose form has three relations: its change reads them under the row lock, in one transaction, where
// Prisma loads them concurrently on that transaction's one connection (prisma/orm#29407).
const NOTES = ['Shelf', 'Colour', 'Feeling'].map((m) => `model ${m} {\n  id    Int    @id @default(autoincrement())\n  name  String @unique\n  notes Note[]\n}\n`).join('\n') + `
model Note {
  id       Int    @id @default(autoincrement())
  text     String
  shelf    Shelf  @relation(fields: [shelfId], references: [id])
  shelfId  Int
  colour   Colour @relation(fields: [colourId], references: [id])
  colourId Int
  feeling  Feeling @relation(fields: [feelingId], references: [id])
  feelingId Int
}
`;

describe('serve on PostgreSQL prints no warnings', { skip: !pgUp && 'no PostgreSQL test server' }, () => {
  let schema: FixtureSchema;
  let db: FreshDatabase;
  before(async () => {
    schema = writeFixtureSchema('postgresql', { extraFiles: { 'notes.prisma': NOTES } });
    db = await freshDatabase('postgresql', schema.path);
  });
  after(async () => {
    await db?.cleanup();
    schema?.cleanup();
  });

  test('start, pages in parallel, a save, a stop: nothing on stderr but the CLI’s own lines', async () => {
    const serve = await startServe(['--schema', schema.path, '--url', db.url]);
    try {
      const browser = await new HttpBrowser(serve.origin).login();
      const index = await browser.get('/admin/');
      assert.equal(index.statusCode, 200);
      const lists = [...index.body.matchAll(/href="(\/admin\/[a-z0-9]+\/)"/g)].map((m) => m[1]);
      assert.ok(lists.length > 3, 'the index links its lists');
      // Requests at once, as a browser's tabs send them: the pool serves each on its own connection.
      const pages = await Promise.all(lists.flatMap((list) => [browser.get(list), browser.get(`${list}?q=x`), browser.get(`${list}add`)]));
      for (const page of pages) assert.ok(page.statusCode < 500, `${page.statusCode}`);
      // Writes that load several relations inside a transaction (a post's author, tags and categories): Prisma loads
      // those concurrently, on the transaction's one connection.
      const author = await browser.post('/admin/author/add', { name: 'Warning-free author' });
      assert.equal(author.statusCode, 303, author.body.slice(0, 300));
      for (const name of ['one', 'two']) assert.equal((await browser.post('/admin/tag/add', { name })).statusCode, 303);
      const form = await browser.get('/admin/post/add');
      const choices = (field: string) => [...(new RegExp(`<select[^>]*name="${field}"[\\s\\S]*?</select>`).exec(form.body)?.[0] ?? '').matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]);
      const post = await browser.post('/admin/post/add', { title: 'Warning-free', author: choices('author')[0], tags: choices('tags'), _continue: '1' });
      assert.equal(post.statusCode, 303, post.body.slice(0, 500));
      const change = post.headers.location!;
      const saved = await browser.post(change, { ...formFields((await browser.get(change)).body, '/change'), _save: '1' });
      assert.equal(saved.statusCode, 303, textOf(mainOf(saved.body)).slice(0, 800));
      const remove = change.replace(/change$/, 'delete');
      assert.equal((await browser.get(remove)).statusCode, 200);
      assert.equal((await browser.post(remove, { post: 'yes' })).statusCode, 303);
      for (const title of ['Second', 'Third']) assert.equal((await browser.post('/admin/post/add', { title, author: choices('author')[0], tags: choices('tags') })).statusCode, 303);
      const ids = listRows((await browser.get('/admin/post/')).body).map((row) => row.id);
      const confirm = await browser.post('/admin/post/action', { action: 'delete_selected', _selected: ids, go: '1' });
      assert.equal(confirm.statusCode, 200, textOf(mainOf(confirm.body)).slice(0, 500));
      assert.equal((await browser.post('/admin/post/delete-selected', formFields(confirm.body, '/delete-selected'))).statusCode, 303);
      assert.ok(listRows((await browser.get('/admin/tag/')).body).length >= 2);

      for (const model of ['shelf', 'colour', 'feeling']) assert.equal((await browser.post(`/admin/${model}/add`, { name: `a ${model}` })).statusCode, 303);
      const note = await browser.post('/admin/note/add', { text: 'A note', shelf: '1', colour: '1', feeling: '1', _continue: '1' });
      assert.equal(note.statusCode, 303, textOf(mainOf(note.body)).slice(0, 500));
      const noteSaved = await browser.post(note.headers.location!, { ...formFields((await browser.get(note.headers.location!)).body, '/change'), _save: '1' });
      assert.equal(noteSaved.statusCode, 303, textOf(mainOf(noteSaved.body)).slice(0, 500));
      const notes = await browser.post('/admin/note/action', { action: 'delete_selected', _selected: ['1'], go: '1' });
      assert.equal((await browser.post('/admin/note/delete-selected', formFields(notes.body, '/delete-selected'))).statusCode, 303);
    } finally {
      await serve.stop();
    }
    const output = serve.output();
    assert.doesNotMatch(output, /Warning|DeprecationWarning|deprecated|already executing a query|\(node:\d+\)/i, output);
  });
});
