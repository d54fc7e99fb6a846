// The CRUD suite through the real command: `prisma-admin-site serve` over the CLI fixture schema (every scalar type, an
// enum, composite ids, each relation kind) on a new SQLite file, PostgreSQL database and MariaDB database, driven
// over HTTP as a browser would. Values are checked through the admin's own pages (the change form shows exactly what
// was stored), so nothing here shares code with the server process.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { detailRows, fieldError, formFields, inputValue, links, listRows, mainOf, messagesOf, textOf } from '../support/html.ts';
import { availableProviders, CLI_PROVIDERS, serveFixture, type ServedFixture } from './support/served-fixture.ts';
import { HttpBrowser, type HttpResponse } from './support/http-browser.ts';

let serveOutput = () => '';
/** The page's text, and on a server error what the server logged. */
const show = (r: HttpResponse) => `${r.statusCode}: ${textOf(mainOf(r.body)).slice(0, 500)}${r.statusCode >= 500 ? `\nserver log:\n${serveOutput().slice(-2000)}` : ''}`;
const compositeId = (...parts: string[]) => parts.map((p) => p.replace(/%/g, '%25').replace(/,/g, '%2C')).join(',');
const recordUrl = (model: string, id: string, action = '') => `/admin/${model}/${encodeURIComponent(id)}/${action}`;
/** The id in a redirect to `/admin/<model>/<id>/change`. */
const idOf = (response: HttpResponse) => decodeURIComponent(/\/admin\/\w+\/([^/]+)\/change$/.exec(response.headers.location ?? '')?.[1] ?? '');

const ALL_BYTES = new Uint8Array(Array.from({ length: 256 }, (_, i) => i));
const JSON_VALUE = { a: [1, 2.5, { b: null }], c: 'é "quoted" <tag>', d: true, e: {}, f: [] };
const TYPED = {
  label: 'Ünïcode “quotes” <b>tag</b> & ampersand',
  count: '-2147483648',
  big: '9007199254740993',
  ratio: '0.1',
  amount: '12345678901234567890.12',
  flag: 'on',
  at: '2024-02-29T13:14:15.678',
  data: JSON.stringify(JSON_VALUE),
  mood: 'meh',
  labelOpt: '  keeps its spaces  ',
  countOpt: '2147483647',
  bigOpt: '-9223372036854775808',
  ratioOpt: '-1.5e-7',
  amountOpt: '-0.000001',
  flagOpt: 'false',
  atOpt: '1969-07-20T20:17:40',
  dataOpt: '"just a string"',
  moodOpt: 'happy',
};

const available = await availableProviders();

for (const provider of CLI_PROVIDERS) {
  describe(`prisma-admin-site serve: CRUD on ${provider}`, { skip: available[provider] ? false : `no ${provider} test server` }, () => {
    let served: ServedFixture;
    let browser: HttpBrowser;

    before(async () => {
      served = await serveFixture(provider);
      serveOutput = served.serve.output;
      browser = served.browser;
    });
    after(async () => {
      assert.equal(await served?.close(), 0, 'serve stops cleanly on SIGTERM');
    });

    test('the index lists every model; / redirects to the admin', async () => {
      const index = await browser.get('/admin/');
      assert.equal(index.statusCode, 200, show(index));
      const hrefs = links(index.body);
      const models = ['sample', 'author', 'profile', 'post', 'tag', 'category', 'postcategory', 'pair', 'reading', 'ledger', 'node'];
      if (provider === 'postgresql') models.push('pgextra');
      for (const model of models) assert.ok(hrefs.includes(`/admin/${model}/`), `a link to ${model}`);
      const root = await browser.get('/');
      assert.equal(root.statusCode, 302);
      assert.equal(root.headers.location, '/admin/');
    });

    describe('every scalar type', () => {
      const id = 'every/type, 100% ü?#';
      const url = (action = '') => recordUrl('sample', id, action);
      before(async () => {
        const response = await browser.postMultipart('/admin/sample/add', {
          id,
          ...TYPED,
          blob: { data: ALL_BYTES, filename: 'all-bytes.bin' },
          blobOpt: { data: new Uint8Array([0xff, 0x00, 0x0d, 0x0a]), filename: 'crlf.bin' },
          _save: '1',
        });
        assert.equal(response.statusCode, 303, show(response));
      });

      test('add: the change form shows every value exactly as typed', async () => {
        const page = await browser.get(url('change'));
        assert.equal(page.statusCode, 200, show(page));
        const html = page.body;
        for (const field of ['label', 'count', 'big', 'ratio', 'flag', 'at', 'mood', 'labelOpt', 'countOpt', 'bigOpt', 'amountOpt', 'flagOpt', 'atOpt', 'moodOpt'] as const) {
          assert.equal(inputValue(html, field), TYPED[field], field);
        }
        assert.equal(Number(inputValue(html, 'ratioOpt')), -1.5e-7);
        assert.deepEqual(JSON.parse(inputValue(html, 'data') as string), JSON_VALUE);
        assert.equal(JSON.parse(inputValue(html, 'dataOpt') as string), 'just a string');
        // SQLite keeps 15 significant digits of a DECIMAL (Prisma itself cannot store more there).
        if (provider !== 'sqlite') assert.equal(inputValue(html, 'amount'), TYPED.amount);
      });

      test('the detail page shows the values; bytes download back identical', async () => {
        const rows = detailRows((await browser.get(url())).body);
        assert.equal(rows.get('Big'), '9007199254740993');
        assert.equal(rows.get('Label'), TYPED.label);
        assert.match(rows.get('Blob') ?? '', /256 bytes/);
        for (const [field, expected] of [['blob', ALL_BYTES], ['blobOpt', new Uint8Array([0xff, 0x00, 0x0d, 0x0a])]] as const) {
          const response = await browser.get(`${url()}download/${field}`);
          assert.equal(response.statusCode, 200, show(response));
          assert.equal(response.rawPayload.toString('hex'), Buffer.from(expected).toString('hex'), field);
        }
      });

      test('a change to new values of every type, then emptying the optional ones', async () => {
        const form = formFields((await browser.get(url('change'))).body, '/change');
        const changed = await browser.postMultipart(url('change'), {
          ...form,
          label: 'second',
          count: '0',
          big: '-9007199254740993',
          ratio: '-3.141592653589793',
          amount: '0.5',
          flag: [],
          at: '9999-12-31T23:59:59.999',
          data: '[1,"two",{"three":[3]}]',
          mood: 'sad',
          blob: { data: new Uint8Array([9, 8, 7]), filename: 'new.bin' },
          _save: '1',
        });
        assert.equal(changed.statusCode, 303, show(changed));
        let html = (await browser.get(url('change'))).body;
        assert.equal(inputValue(html, 'label'), 'second');
        assert.equal(inputValue(html, 'big'), '-9007199254740993');
        assert.equal(inputValue(html, 'ratio'), '-3.141592653589793');
        assert.equal(inputValue(html, 'amount'), '0.5');
        assert.equal(inputValue(html, 'flag'), '');
        assert.equal(inputValue(html, 'at'), '9999-12-31T23:59:59.999');
        assert.deepEqual(JSON.parse(inputValue(html, 'data') as string), [1, 'two', { three: [3] }]);
        assert.equal(inputValue(html, 'mood'), 'sad');
        assert.equal((await browser.get(`${url()}download/blob`)).rawPayload.toString('hex'), '090807');

        const empty = Object.fromEntries(['labelOpt', 'countOpt', 'bigOpt', 'ratioOpt', 'amountOpt', 'flagOpt', 'atOpt', 'dataOpt', 'moodOpt'].map((f) => [f, '']));
        const cleared = await browser.postMultipart(url('change'), { ...formFields(html, '/change'), ...empty, 'blobOpt-clear': 'on', _save: '1' });
        assert.equal(cleared.statusCode, 303, show(cleared));
        html = (await browser.get(url('change'))).body;
        for (const field of ['labelOpt', 'countOpt', 'bigOpt', 'ratioOpt', 'amountOpt', 'atOpt', 'dataOpt']) assert.equal(inputValue(html, field), '', field);
        assert.equal((await browser.get(`${url()}download/blobOpt`)).statusCode, 404);
      });

      test('invalid values: 400 with an error beside each field, nothing saved', async () => {
        const form = formFields((await browser.get(url('change'))).body, '/change');
        const bad = { count: '1.5', big: '9223372036854775808', ratio: 'abc', amount: '1e5', at: '2024-13-01T00:00', data: '{"unclosed": ', mood: 'angry' };
        const response = await browser.postMultipart(url('change'), { ...form, ...bad, label: 'not saved', _save: '1' });
        assert.equal(response.statusCode, 400, show(response));
        for (const field of Object.keys(bad)) assert.ok(fieldError(response.body, field), `an error beside ${field}`);
        assert.equal(inputValue((await browser.get(url('change'))).body, 'label'), 'second');
      });

      test('the list finds it by search, case-insensitively', async () => {
        const list = await browser.get('/admin/sample/?q=SECOND');
        assert.equal(list.statusCode, 200, show(list));
        assert.deepEqual(listRows(list.body).map((r) => r.id), [id]);
        assert.deepEqual(listRows((await browser.get('/admin/sample/?q=nothing-like-this')).body), []);
      });

      test('delete: confirmation page, then the record is gone', async () => {
        const confirm = await browser.get(url('delete'));
        assert.equal(confirm.statusCode, 200, show(confirm));
        const deleted = await browser.post(url('delete'), formFields(confirm.body, '/delete'));
        assert.equal(deleted.statusCode, 303, show(deleted));
        assert.equal((await browser.get(url('change'))).statusCode, 404);
      });
    });

    /** add (save and continue) → change page → list row → change → delete. */
    async function roundTrip(model: string, add: Record<string, string>, id: string, change: Record<string, string>) {
      const added = await browser.post(`/admin/${model}/add`, { ...add, _continue: '1' });
      assert.equal(added.statusCode, 303, show(added));
      assert.equal(added.headers.location, recordUrl(model, id, 'change'), 'redirects to the new record, its id encoded');
      const page = await browser.follow(added);
      assert.equal(page.statusCode, 200, show(page));
      assert.ok(messagesOf(page.body).some((m) => /added successfully/.test(m)));
      const row = listRows((await browser.get(`/admin/${model}/`)).body).find((r) => r.id === id);
      assert.ok(row, `the list has the record ${id}`);
      const changed = await browser.post(recordUrl(model, id, 'change'), { ...formFields(page.body, '/change'), ...change, _save: '1' });
      assert.equal(changed.statusCode, 303, show(changed));
      const after = (await browser.get(recordUrl(model, id, 'change'))).body;
      for (const [field, value] of Object.entries(change)) assert.equal(inputValue(after, field), value, field);
      const confirm = await browser.get(recordUrl(model, id, 'delete'));
      const deleted = await browser.post(recordUrl(model, id, 'delete'), formFields(confirm.body, '/delete'));
      assert.equal(deleted.statusCode, 303, show(deleted));
      assert.equal((await browser.get(recordUrl(model, id))).statusCode, 404);
    }

    test('composite (String, Int) ids, with "," "/" "%" in the String part', async () => {
      for (const [group, rank] of [['plain', '1'], ['a,b/c 100%', '-3'], ['日本', '2147483647']]) {
        await roundTrip('pair', { group, rank, note: 'n' }, compositeId(group, rank), { note: 'changed' });
      }
    });

    test('composite (String, DateTime) id', async () => {
      await roundTrip('reading', { sensor: 's,1', takenAt: '2024-02-29T23:59:59.999', value: '1.25' }, compositeId('s,1', '2024-02-29T23:59:59.999Z'), { value: '-2.5' });
    });

    test('BigInt ids beyond 2^53', async () => {
      for (const value of ['9007199254740993', '-9223372036854775808']) await roundTrip('ledger', { id: value, memo: 'm' }, value, { memo: 'changed' });
    });

    test('relations: one-to-one, one-to-many, implicit and explicit many-to-many, self-relation', async () => {
      const author = await browser.post('/admin/author/add', { name: 'Ada', _continue: '1' });
      assert.equal(author.statusCode, 303, show(author));
      const authorId = idOf(author);
      const other = idOf(await browser.post('/admin/author/add', { name: 'Grace', _continue: '1' }));

      // One-to-one: one profile per author, a second is a field error.
      const profile = await browser.post('/admin/profile/add', { bio: 'Mathematician', author: authorId, _continue: '1' });
      assert.equal(profile.statusCode, 303, show(profile));
      const second = await browser.post('/admin/profile/add', { bio: 'Again', author: authorId, _save: '1' });
      assert.equal(second.statusCode, 400, show(second));
      assert.ok(fieldError(second.body, 'author'), 'an error beside author');

      // Implicit many-to-many: tags picked on the post.
      const tagIds = [];
      for (const name of ['math', 'history', 'poetry']) tagIds.push(idOf(await browser.post('/admin/tag/add', { name, _continue: '1' })));
      const post = await browser.post('/admin/post/add', { title: 'Notes', author: authorId, tags: [tagIds[0], tagIds[2]], _continue: '1' });
      assert.equal(post.statusCode, 303, show(post));
      const postId = idOf(post);
      let html = (await browser.get(recordUrl('post', postId, 'change'))).body;
      assert.equal(inputValue(html, 'author'), authorId);
      assert.deepEqual([...(inputValue(html, 'tags') as string[])].sort(), [tagIds[0], tagIds[2]].sort());
      const moved = await browser.post(recordUrl('post', postId, 'change'), { ...formFields(html, '/change'), author: other, tags: [tagIds[1]], _save: '1' });
      assert.equal(moved.statusCode, 303, show(moved));
      html = (await browser.get(recordUrl('post', postId, 'change'))).body;
      assert.equal(inputValue(html, 'author'), other);
      assert.deepEqual(inputValue(html, 'tags'), [tagIds[1]]);

      // Explicit many-to-many: a join record whose id is its two foreign keys.
      assert.equal((await browser.post('/admin/category/add', { slug: 'sci/fi', name: 'Science', _save: '1' })).statusCode, 303);
      const link = await browser.post('/admin/postcategory/add', { post: postId, category: 'sci/fi', position: '2', _continue: '1' });
      assert.equal(link.statusCode, 303, show(link));
      assert.equal(link.headers.location, recordUrl('postcategory', compositeId(postId, 'sci/fi'), 'change'));
      const linkPage = (await browser.get(link.headers.location)).body;
      assert.equal(inputValue(linkPage, 'position'), '2');

      // Deleting the post cascades to its join records.
      const confirm = await browser.get(recordUrl('post', postId, 'delete'));
      assert.equal((await browser.post(recordUrl('post', postId, 'delete'), formFields(confirm.body, '/delete'))).statusCode, 303);
      assert.equal((await browser.get(recordUrl('postcategory', compositeId(postId, 'sci/fi')))).statusCode, 404);

      // Self-relation: children of a node; deleting the parent keeps them (SetNull).
      const root = idOf(await browser.post('/admin/node/add', { name: 'root', parent: '', _continue: '1' }));
      const child = idOf(await browser.post('/admin/node/add', { name: 'child', parent: root, _continue: '1' }));
      assert.equal(inputValue((await browser.get(recordUrl('node', child, 'change'))).body, 'parent'), root);
      const rootConfirm = await browser.get(recordUrl('node', root, 'delete'));
      assert.equal((await browser.post(recordUrl('node', root, 'delete'), formFields(rootConfirm.body, '/delete'))).statusCode, 303);
      assert.equal(inputValue((await browser.get(recordUrl('node', child, 'change'))).body, 'parent'), '');
    });

    test('an author with a post cannot be deleted (Restrict); one with only a profile can (Cascade)', async () => {
      const author = idOf(await browser.post('/admin/author/add', { name: 'Restricted', _continue: '1' }));
      await browser.post('/admin/post/add', { title: 'Keeps its author', author, _save: '1' });
      const blocked = await browser.get(recordUrl('author', author, 'delete'));
      // Like Django: the page says what protects the record and offers no confirmation; posting anyway is refused.
      assert.equal(blocked.statusCode, 200, show(blocked));
      assert.match(blocked.body, /protected related records/);
      assert.doesNotMatch(blocked.body, /Yes, I’m sure/);
      const forced = await browser.post(recordUrl('author', author, 'delete'), { post: 'yes' });
      assert.equal(forced.statusCode, 409, show(forced));
      const lonely = idOf(await browser.post('/admin/author/add', { name: 'Profiled', _continue: '1' }));
      await browser.post('/admin/profile/add', { bio: 'Goes with the author', author: lonely, _save: '1' });
      const confirm = await browser.get(recordUrl('author', lonely, 'delete'));
      assert.equal(confirm.statusCode, 200, show(confirm));
      assert.equal((await browser.post(recordUrl('author', lonely, 'delete'), formFields(confirm.body, '/delete'))).statusCode, 303);
    });
  });
}
