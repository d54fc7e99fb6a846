// Every scalar type's value survives the admin exactly: typed into the add form, shown on the change form, saved
// again unchanged, changed, cleared (optional fields), and Bytes uploaded multipart and downloaded back identical.
// On SQLite, and on PostgreSQL when the test server answers.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from '../support/cookie-jar.ts';
import { startCrudApp, type CrudApp, type CrudProvider } from '../support/crud-app.ts';
import { postgresAvailable } from '../support/databases.ts';
import { detailRows, fieldError, formFields, inputValue, listRows, mainOf, textOf } from '../support/html.ts';

const show = (r: { statusCode: number; body: string }) => `${r.statusCode}: ${textOf(mainOf(r.body)).slice(0, 500)}`;
const url = (id: string, action = '') => `/admin/sample/${encodeURIComponent(id)}/${action}`;

const ALL_BYTES = new Uint8Array(Array.from({ length: 256 }, (_, i) => i));
const JSON_VALUE = { a: [1, 2.5, { b: null }], c: 'é "quoted" <tag>', d: true, e: {}, f: [], g: -0.001 };

/** Every field typed as a person would, required and optional. */
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

/** A Prisma Decimal as its exact digits. */
const decimal = (value: unknown) => (value === null ? null : (value as { toFixed(): string }).toFixed());
const bytes = (value: unknown) => (value === null ? null : Buffer.from(value as Uint8Array).toString('hex'));

const pgUp = await postgresAvailable();

for (const provider of ['sqlite', 'postgresql'] as CrudProvider[]) {
  describe(`scalar values round-trip (${provider})`, { skip: provider === 'postgresql' && !pgUp ? 'no PostgreSQL test server' : false }, () => {
    let crud: CrudApp;
    let browser: Browser;
    const id = 'every/type, 100% ü?#';
    before(async () => {
      crud = await startCrudApp({ provider });
      browser = crud.browser;
      const response = await browser.postMultipart('/admin/sample/add', {
        id,
        ...TYPED,
        blob: { data: ALL_BYTES, filename: 'all-bytes.bin' },
        blobOpt: { data: new Uint8Array([0xff, 0x00, 0x0d, 0x0a]), filename: 'crlf.bin', type: 'text/plain' },
        _save: '1',
      });
      assert.equal(response.statusCode, 303, show(response));
    });
    after(() => crud?.close());

    const record = () => crud.prisma.sample.findUniqueOrThrow({ where: { id } });

    test('add: every value is stored exactly', async () => {
      const r = await record();
      assert.equal(r.label, TYPED.label);
      assert.equal(r.count, -2147483648);
      assert.equal(r.big, 9007199254740993n);
      assert.equal(r.ratio, 0.1);
      assert.equal(r.flag, true);
      assert.equal(r.at.toISOString(), '2024-02-29T13:14:15.678Z');
      assert.deepEqual(r.data, JSON_VALUE);
      assert.equal(bytes(r.blob), bytes(ALL_BYTES));
      assert.equal(r.mood, 'meh');
      assert.equal(r.labelOpt, '  keeps its spaces  ');
      assert.equal(r.countOpt, 2147483647);
      assert.equal(r.bigOpt, -9223372036854775808n);
      assert.equal(r.ratioOpt, -1.5e-7);
      assert.equal(decimal(r.amountOpt), '-0.000001');
      assert.equal(r.flagOpt, false);
      assert.equal(r.atOpt.toISOString(), '1969-07-20T20:17:40.000Z');
      assert.equal(r.dataOpt, 'just a string');
      assert.equal(bytes(r.blobOpt), 'ff000d0a');
      assert.equal(r.moodOpt, 'happy');
    });

    test('add: Decimal "12345678901234567890.12" is stored exactly', {
      todo: provider === 'sqlite' ? 'SQLite keeps 15 significant digits of a DECIMAL column (NUMERIC affinity): Prisma itself cannot store it' : false,
    }, async () => {
      assert.equal(decimal((await record()).amount), '12345678901234567890.12');
    });

    test('the change form shows every value as exact text', async () => {
      const html = (await browser.get(url(id, 'change'))).body;
      assert.equal(inputValue(html, 'label'), TYPED.label);
      assert.equal(inputValue(html, 'count'), '-2147483648');
      assert.equal(inputValue(html, 'big'), '9007199254740993');
      assert.equal(inputValue(html, 'ratio'), '0.1');
      assert.equal(inputValue(html, 'flag'), 'on');
      assert.equal(inputValue(html, 'at'), '2024-02-29T13:14:15.678');
      assert.deepEqual(JSON.parse(inputValue(html, 'data') as string), JSON_VALUE);
      assert.equal(inputValue(html, 'mood'), 'meh');
      assert.equal(inputValue(html, 'labelOpt'), '  keeps its spaces  ');
      assert.equal(inputValue(html, 'bigOpt'), '-9223372036854775808');
      assert.equal(Number(inputValue(html, 'ratioOpt')), -1.5e-7);
      assert.equal(inputValue(html, 'amountOpt'), '-0.000001');
      assert.equal(inputValue(html, 'flagOpt'), 'false');
      assert.equal(inputValue(html, 'atOpt'), '1969-07-20T20:17:40');
      assert.equal(JSON.parse(inputValue(html, 'dataOpt') as string), 'just a string');
      assert.equal(inputValue(html, 'moodOpt'), 'happy');
      assert.equal(inputValue(html, 'amount'), decimal((await record()).amount));
    });

    test('the detail page shows every value, and Bytes as a download', async () => {
      const rows = detailRows((await browser.get(url(id))).body);
      assert.equal(rows.get('Big'), '9007199254740993');
      assert.equal(rows.get('Big opt'), '-9223372036854775808');
      assert.equal(rows.get('Amount opt'), '-0.000001');
      assert.equal(rows.get('Label'), TYPED.label);
      assert.match(rows.get('Blob') ?? '', /256 bytes/);
      assert.deepEqual(JSON.parse(rows.get('Data') ?? 'null'), JSON_VALUE);
    });

    test('bytes uploaded multipart download back identical', async () => {
      for (const [field, expected] of [['blob', ALL_BYTES], ['blobOpt', new Uint8Array([0xff, 0x00, 0x0d, 0x0a])]] as const) {
        const response = await browser.get(`${url(id)}download/${field}`);
        assert.equal(response.statusCode, 200, show(response));
        assert.equal(response.headers['content-type'], 'application/octet-stream');
        assert.match(String(response.headers['content-disposition']), /^attachment;/);
        assert.equal(response.rawPayload.toString('hex'), Buffer.from(expected).toString('hex'), field);
      }
    });

    test('saving the change form unchanged keeps every value exactly (files kept when none is chosen)', async () => {
      const before = await record();
      const form = formFields((await browser.get(url(id, 'change'))).body, '/change');
      const response = await browser.postMultipart(url(id, 'change'), { ...form, _save: '1' });
      assert.equal(response.statusCode, 303, show(response));
      const after = await record();
      assert.deepEqual({ ...after, amount: decimal(after.amount), amountOpt: decimal(after.amountOpt) }, { ...before, amount: decimal(before.amount), amountOpt: decimal(before.amountOpt) });
    });

    test('a change to new values of every type is stored exactly', async () => {
      const form = formFields((await browser.get(url(id, 'change'))).body, '/change');
      const response = await browser.postMultipart(url(id, 'change'), {
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
        bigOpt: '9223372036854775807',
        amountOpt: '98765432109.87654',
        flagOpt: 'true',
        dataOpt: '{"nested":{"deep":[null]}}',
        blob: { data: new Uint8Array([9, 8, 7]), filename: 'new.bin' },
        _save: '1',
      });
      assert.equal(response.statusCode, 303, show(response));
      const r = await record();
      assert.equal(r.label, 'second');
      assert.equal(r.count, 0);
      assert.equal(r.big, -9007199254740993n);
      assert.equal(r.ratio, -3.141592653589793);
      assert.equal(decimal(r.amount), '0.5');
      assert.equal(r.flag, false, 'an unchecked checkbox saves false');
      assert.equal(r.at.toISOString(), '9999-12-31T23:59:59.999Z');
      assert.deepEqual(r.data, [1, 'two', { three: [3] }]);
      assert.equal(r.mood, 'sad');
      assert.equal(r.bigOpt, 9223372036854775807n);
      assert.equal(decimal(r.amountOpt), '98765432109.87654');
      assert.equal(r.flagOpt, true);
      assert.deepEqual(r.dataOpt, { nested: { deep: [null] } });
      assert.equal(bytes(r.blob), '090807', 'a new upload replaces the file');
    });

    test('emptying optional fields stores null; the clear checkbox removes an optional file', async () => {
      const form = formFields((await browser.get(url(id, 'change'))).body, '/change');
      const empty = Object.fromEntries(['labelOpt', 'countOpt', 'bigOpt', 'ratioOpt', 'amountOpt', 'flagOpt', 'atOpt', 'dataOpt', 'moodOpt'].map((f) => [f, '']));
      const response = await browser.postMultipart(url(id, 'change'), { ...form, ...empty, 'blobOpt-clear': 'on', _save: '1' });
      assert.equal(response.statusCode, 303, show(response));
      const r = await record();
      for (const field of ['labelOpt', 'countOpt', 'bigOpt', 'ratioOpt', 'amountOpt', 'flagOpt', 'atOpt', 'dataOpt', 'blobOpt', 'moodOpt']) {
        assert.equal(r[field], null, field);
      }
      assert.equal(bytes(r.blob), '090807', 'the required file is kept');
      const missing = await browser.get(`${url(id)}download/blobOpt`);
      assert.equal(missing.statusCode, 404);
    });

    test('invalid values of every type → 400, errors beside each field, typed text kept, nothing saved', async () => {
      const before = await record();
      const form = formFields((await browser.get(url(id, 'change'))).body, '/change');
      const bad: Record<string, string> = {
        count: '1.5',
        big: '9223372036854775808',
        ratio: 'abc',
        amount: '1e5',
        at: '2024-13-01T00:00',
        data: '{"unclosed": ',
        mood: 'angry',
        countOpt: '2147483648',
        bigOpt: '12 34',
        amountOpt: '1,5',
        flagOpt: 'maybe',
        atOpt: 'yesterday',
        dataOpt: "{'single': 'quotes'}",
        moodOpt: 'HAPPY',
      };
      const response = await browser.postMultipart(url(id, 'change'), { ...form, ...bad, label: 'typed label', _save: '1' });
      assert.equal(response.statusCode, 400, show(response));
      for (const [field, value] of Object.entries(bad)) {
        assert.ok(fieldError(response.body, field), `an error beside ${field}`);
        if (!['mood', 'flagOpt', 'moodOpt'].includes(field)) assert.equal(inputValue(response.body, field), value, `${field} keeps what was typed`);
      }
      assert.equal(fieldError(response.body, 'label'), undefined);
      assert.equal(inputValue(response.body, 'label'), 'typed label');
      const after = await record();
      assert.deepEqual({ ...after, amount: decimal(after.amount), amountOpt: decimal(after.amountOpt) }, { ...before, amount: decimal(before.amount), amountOpt: decimal(before.amountOpt) });
    });

    /** The ids the list finds for `q`, and those a lower-case comparison in JS finds (every word in id, label or labelOpt). */
    async function search(q: string): Promise<{ found: string[]; expected: string[] }> {
      const all: { id: string; label: string; labelOpt: string | null }[] = await crud.prisma.sample.findMany();
      const words = q.toLowerCase().split(' ');
      const expected = all.filter((r) => words.every((w) => [r.id, r.label, r.labelOpt ?? ''].some((t) => t.toLowerCase().includes(w)))).map((r) => r.id).sort();
      const found = listRows((await browser.get(`/admin/sample/?q=${encodeURIComponent(q)}`)).body).map((r) => r.id).sort();
      return { found, expected };
    }

    test('search is case-insensitive for non-ASCII letters too', async () => {
      const base = { count: 0, big: 0n, ratio: 0, amount: '0', flag: false, at: new Date(0), data: {}, blob: new Uint8Array([0]), mood: 'happy' };
      for (const label of ['Ärger ÉCOLE', 'ärger école', 'plain ascii']) await crud.prisma.sample.create({ data: { ...base, label } });
      for (const q of ['ärger école', 'ÄRGER', 'École', 'ASCII']) {
        const { found, expected } = await search(q);
        assert.equal(expected.length, q === 'ASCII' ? 1 : 2);
        assert.deepEqual(found, expected, `q=${q}`);
      }
    });

    test('search treats % and _ literally, not as LIKE wildcards', async () => {
      const base = { count: 0, big: 0n, ratio: 0, amount: '0', flag: false, at: new Date(0), data: {}, blob: new Uint8Array([0]), mood: 'happy' };
      for (const label of ['100% sure', '1000 sure', 'under_score', 'underXscore']) await crud.prisma.sample.create({ data: { ...base, label } });
      for (const q of ['100%', 'under_score', '%', '_']) {
        const { found, expected } = await search(q);
        assert.deepEqual(found, expected, `q=${q}`);
      }
    });

    test('an add without the required file is refused with an error beside it', async () => {
      const response = await browser.postMultipart('/admin/sample/add', { id: 'no-file', ...TYPED, _save: '1' });
      assert.equal(response.statusCode, 400, show(response));
      assert.ok(fieldError(response.body, 'blob'), 'an error beside blob');
      assert.equal(inputValue(response.body, 'big'), TYPED.big);
      assert.equal(await crud.prisma.sample.count({ where: { id: 'no-file' } }), 0);
    });
  });
}
