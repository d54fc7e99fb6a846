// Every id type round-trips through the admin's URLs: add → change page → detail → list → change → delete, for String
// ids with "/", ",", "%", spaces, unicode and "?#", composite (String, Int) and (String, DateTime) ids, Int and BigInt
// ids, and generated cuid/uuid/autoincrement ids. On SQLite, and on PostgreSQL when the test server answers.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from '../support/cookie-jar.ts';
import { startCrudApp, type CrudApp, type CrudProvider } from '../support/crud-app.ts';
import { postgresAvailable } from '../support/databases.ts';
import { detailRows, fieldError, formFields, links, listRows, mainOf, messagesOf, textOf } from '../support/html.ts';

const show = (r: { statusCode: number; body: string }) => `${r.statusCode}: ${textOf(mainOf(r.body)).slice(0, 500)}`;

/** The admin's id encoding, written out from its documentation: composite parts escape "%" and "," and join with ",". */
function compositeId(...parts: string[]): string {
  return parts.map((p) => p.replace(/%/g, '%25').replace(/,/g, '%2C')).join(',');
}

const recordUrl = (model: string, id: string, action = '') => `/admin/${model}/${encodeURIComponent(id)}/${action}`;

/** A valid add form of Sample (every required field); `blob` is a required file, so it goes multipart. */
function sampleForm(id: string): Record<string, string> {
  return { id, label: `Sample ${id}`, count: '1', big: '2', ratio: '0.5', amount: '1.5', flag: 'on', at: '2024-01-01T00:00', data: '{}', mood: 'happy' };
}
const SMALL_FILE = { data: new Uint8Array([1, 2, 3]), filename: 'three.bin' };

const TRICKY_STRING_IDS = [
  'a/b',
  'a,b',
  '100%',
  '%2F',
  'with space',
  '  padded  ',
  'plus+and&amp=eq',
  'ünïcödé 日本語 🎉',
  'what?#hash',
  'a/b,c%d e ü?#',
  'back\\slash',
  '"quoted" <tag>',
];

const providers: CrudProvider[] = ['sqlite', 'postgresql'];
const pgUp = await postgresAvailable();

for (const provider of providers) {
  describe(`ids round-trip (${provider})`, { skip: provider === 'postgresql' && !pgUp ? 'no PostgreSQL test server' : false }, () => {
    let crud: CrudApp;
    let browser: Browser;
    before(async () => {
      crud = await startCrudApp({ provider });
      browser = crud.browser;
    });
    after(() => crud?.close());

    /** add (save and continue) → change page → detail → list row → change → delete, for one record. */
    async function roundTrip(options: {
      model: string;
      add: () => Promise<{ statusCode: number; headers: Record<string, unknown>; body: string }>;
      id: string;
      change: Record<string, string>;
      find: () => Promise<Record<string, unknown> | null>;
      check: (record: Record<string, unknown>) => void;
    }) {
      const { model, id } = options;
      const added = await options.add();
      assert.equal(added.statusCode, 303, show(added));
      assert.equal(added.headers.location, recordUrl(model, id, 'change'), 'redirects to the new record, its id encoded');
      const changePage = await browser.follow(added as never);
      assert.equal(changePage.statusCode, 200, show(changePage));
      assert.ok(messagesOf(changePage.body).some((m) => /added successfully/.test(m)));
      assert.ok(await options.find(), 'the record exists');

      const detail = await browser.get(recordUrl(model, id));
      assert.equal(detail.statusCode, 200, show(detail));
      assert.ok(links(detail.body).includes(recordUrl(model, id, 'change')), 'the detail page links to the change page');

      const list = await browser.get(`/admin/${model}/`);
      const row = listRows(list.body).find((r) => r.id === id);
      assert.ok(row, `the list has a row whose checkbox value is the id: ${listRows(list.body).map((r) => r.id).join(' | ')}`);
      assert.equal(row.changeUrl, recordUrl(model, id, 'change'));

      const form = formFields(changePage.body, '/change');
      const changed = await browser.post(recordUrl(model, id, 'change'), { ...form, ...options.change, _save: '1' });
      assert.equal(changed.statusCode, 303, show(changed));
      const record = await options.find();
      assert.ok(record);
      options.check(record);

      const confirm = await browser.get(recordUrl(model, id, 'delete'));
      assert.equal(confirm.statusCode, 200, show(confirm));
      const deleted = await browser.post(recordUrl(model, id, 'delete'), formFields(confirm.body, '/delete'));
      assert.equal(deleted.statusCode, 303, show(deleted));
      assert.equal(await options.find(), null, 'deleted');
    }

    for (const id of TRICKY_STRING_IDS) {
      test(`String id ${JSON.stringify(id)}`, async () => {
        await roundTrip({
          model: 'sample',
          id,
          add: () => browser.postMultipart('/admin/sample/add', { ...sampleForm(id), blob: SMALL_FILE, _continue: '1' }),
          change: { label: 'changed' },
          find: () => crud.prisma.sample.findUnique({ where: { id } }),
          check: (r) => assert.equal(r.label, 'changed'),
        });
      });
    }

    test('a String id of 300 characters', async () => {
      const id = `long-${'x/'.repeat(150)}`.slice(0, 300);
      await roundTrip({
        model: 'sample',
        id,
        add: () => browser.postMultipart('/admin/sample/add', { ...sampleForm(id), blob: SMALL_FILE, _continue: '1' }),
        change: { label: 'changed' },
        find: () => crud.prisma.sample.findUnique({ where: { id } }),
        check: (r) => assert.equal(r.label, 'changed'),
      });
    });

    test('a blank String id gets its cuid() default', async () => {
      const added = await browser.postMultipart('/admin/sample/add', { ...sampleForm(''), label: 'generated id', blob: SMALL_FILE, _continue: '1' });
      assert.equal(added.statusCode, 303, show(added));
      const record = await crud.prisma.sample.findFirstOrThrow({ where: { label: 'generated id' } });
      assert.match(record.id, /^c[a-z0-9]{20,}$/);
      assert.equal(added.headers.location, recordUrl('sample', record.id, 'change'));
    });

    test('a uuid() id, and the one-to-one relation that points at it', async () => {
      const added = await browser.post('/admin/person/add', { id: '', name: 'Ada', _continue: '1' });
      assert.equal(added.statusCode, 303, show(added));
      const person = await crud.prisma.person.findFirstOrThrow({ where: { name: 'Ada' } });
      assert.match(person.id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      assert.equal(added.headers.location, recordUrl('person', person.id, 'change'));

      const profile = await browser.post('/admin/profile/add', { bio: 'First', person: person.id, _save: '1' });
      assert.equal(profile.statusCode, 303, show(profile));
      // One-to-one: a second profile for the same person is a field error on the relation.
      const second = await browser.post('/admin/profile/add', { bio: 'Second', person: person.id, _save: '1' });
      assert.equal(second.statusCode, 400, show(second));
      assert.ok(fieldError(second.body, 'person'), `an error beside person: ${show(second)}`);
      assert.equal(await crud.prisma.profile.count({ where: { personId: person.id } }), 1);

      const detail = await browser.get(recordUrl('person', person.id));
      assert.equal(detail.statusCode, 200, show(detail));
      const profileRow = await crud.prisma.profile.findUniqueOrThrow({ where: { personId: person.id } });
      assert.ok(links(detail.body).includes(`/admin/profile/${profileRow.id}/`), 'the person links to its profile');
      const profileDetail = await browser.get(`/admin/profile/${profileRow.id}/`);
      assert.ok(links(profileDetail.body).includes(recordUrl('person', person.id)), 'the profile links to its person');
    });

    for (const [group, rank] of [['plain', '1'], ['a,b', '2'], ['100%,', '-3'], ['a/b c?#d', '0'], ['%2C', '4'], ['日本', '2147483647']] as const) {
      test(`composite (String, Int) id (${JSON.stringify(group)}, ${rank})`, async () => {
        const id = compositeId(group, rank);
        const where = { group_rank: { group, rank: Number(rank) } };
        await roundTrip({
          model: 'pair',
          id,
          add: () => browser.post('/admin/pair/add', { group, rank, note: 'n', _continue: '1' }),
          change: { note: 'changed' },
          find: () => crud.prisma.pair.findUnique({ where }),
          check: (r) => assert.equal(r.note, 'changed'),
        });
      });
    }

    for (const [sensor, takenAt] of [['s1', '2024-02-29T23:59:59.999'], ['a,b/c', '1969-07-20T20:17:40'], ['%', '2000-01-01T00:00']] as const) {
      test(`composite (String, DateTime) id (${JSON.stringify(sensor)}, ${takenAt})`, async () => {
        const at = new Date(`${takenAt}Z`);
        const id = compositeId(sensor, at.toISOString());
        const where = { sensor_takenAt: { sensor, takenAt: at } };
        await roundTrip({
          model: 'reading',
          id,
          add: () => browser.post('/admin/reading/add', { sensor, takenAt, value: '1.25', _continue: '1' }),
          change: { value: '-2.5' },
          find: () => crud.prisma.reading.findUnique({ where }),
          check: (r) => assert.equal(r.value, -2.5),
        });
      });
    }

    for (const value of ['0', '-5', '2147483647', '-2147483648']) {
      test(`Int id ${value}`, async () => {
        await roundTrip({
          model: 'counter',
          id: value,
          add: () => browser.post('/admin/counter/add', { id: value, name: 'c', _continue: '1' }),
          change: { name: 'changed' },
          find: () => crud.prisma.counter.findUnique({ where: { id: Number(value) } }),
          check: (r) => assert.equal(r.name, 'changed'),
        });
      });
    }

    for (const value of ['9007199254740993', '-9223372036854775808', '9223372036854775807', '0']) {
      test(`BigInt id ${value}`, async () => {
        await roundTrip({
          model: 'ledger',
          id: value,
          add: () => browser.post('/admin/ledger/add', { id: value, memo: 'm', _continue: '1' }),
          change: { memo: 'changed' },
          find: () => crud.prisma.ledger.findUnique({ where: { id: BigInt(value) } }),
          check: (r) => {
            assert.equal(r.id, BigInt(value));
            assert.equal(r.memo, 'changed');
          },
        });
      });
    }

    test('a BigInt id beyond 64 bits, or not a number, is a field error', async () => {
      for (const id of ['9223372036854775808', '12abc', '1.5']) {
        const response = await browser.post('/admin/ledger/add', { id, memo: 'm', _save: '1' });
        assert.equal(response.statusCode, 400, `${id}: ${show(response)}`);
        assert.ok(fieldError(response.body, 'id'), `${id}: an error beside id`);
      }
      assert.equal(await crud.prisma.ledger.count(), 0);
    });

    test('autoincrement ids and the self-relation: children link to the parent, deleting the parent keeps them', async () => {
      const root = await browser.post('/admin/node/add', { name: 'root', parent: '', _save: '1' });
      assert.equal(root.statusCode, 303, show(root));
      const rootNode = await crud.prisma.node.findFirstOrThrow({ where: { name: 'root' } });
      for (const name of ['left', 'right']) {
        const child = await browser.post('/admin/node/add', { name, parent: String(rootNode.id), _save: '1' });
        assert.equal(child.statusCode, 303, show(child));
      }
      const detail = await browser.get(`/admin/node/${rootNode.id}/`);
      const children = await crud.prisma.node.findMany({ where: { parentId: rootNode.id } });
      assert.equal(children.length, 2);
      for (const child of children) assert.ok(links(detail.body).includes(`/admin/node/${child.id}/`));
      const childDetail = await browser.get(`/admin/node/${children[0].id}/`);
      assert.equal(detailRows(childDetail.body).get('Parent'), 'root');

      const confirm = await browser.get(`/admin/node/${rootNode.id}/delete`);
      assert.equal(confirm.statusCode, 200, show(confirm));
      assert.doesNotMatch(textOf(mainOf(confirm.body)), /Nodes: 2/, 'children are set null, not deleted');
      const deleted = await browser.post(`/admin/node/${rootNode.id}/delete`, formFields(confirm.body, '/delete'));
      assert.equal(deleted.statusCode, 303, show(deleted));
      assert.equal(await crud.prisma.node.count({ where: { parentId: null, name: { in: ['left', 'right'] } } }), 2);
    });

    test('a node cannot be its own parent through a bad id, and a bad parent id is a field error', async () => {
      const response = await browser.post('/admin/node/add', { name: 'orphan', parent: 'not-a-number', _save: '1' });
      assert.equal(response.statusCode, 400, show(response));
      assert.ok(fieldError(response.body, 'parent'), 'an error beside parent');
    });

    test('bulk delete of composite ids with commas deletes exactly the selected records', async () => {
      const groups = ['x,1', 'x,2', 'x%3', 'keep,me'];
      for (const group of groups) await crud.prisma.pair.create({ data: { group, rank: 1 } });
      const selected = [compositeId('x,1', '1'), compositeId('x%3', '1')];
      const confirm = await browser.post('/admin/pair/action', { action: 'delete_selected', _selected: selected });
      assert.equal(confirm.statusCode, 200, show(confirm));
      const form = formFields(confirm.body, '/delete-selected');
      assert.deepEqual([form._selected].flat().sort(), [...selected].sort());
      const response = await browser.post('/admin/pair/delete-selected', form);
      assert.equal(response.statusCode, 303, show(response));
      const left = (await crud.prisma.pair.findMany({ where: { rank: 1 } })).map((p: { group: string }) => p.group).sort();
      assert.deepEqual(left, ['keep,me', 'x,2']);
    });

    test('malformed ids of each type → 404', async () => {
      for (const url of [
        '/admin/counter/abc/',
        '/admin/counter/1.5/',
        '/admin/counter/99999999999/',
        '/admin/counter/2147483648/',
        '/admin/ledger/99999999999999999999/',
        '/admin/ledger/9223372036854775808/',
        '/admin/ledger/99999999999999999999999/',
        '/admin/ledger/0x1/',
        `/admin/pair/${encodeURIComponent('only-one-part')}/`,
        `/admin/pair/${encodeURIComponent('a,notanint')}/`,
        `/admin/pair/${encodeURIComponent('a,1,extra')}/`,
        `/admin/reading/${encodeURIComponent('s,not-a-date')}/`,
        '/admin/sample/no-such-id/',
        '/admin/node/-1/',
      ]) {
        const response = await browser.get(url);
        assert.equal(response.statusCode, 404, `${url}: ${show(response)}`);
      }
    });
  });
}
