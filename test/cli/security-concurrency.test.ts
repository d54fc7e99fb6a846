// Security suite, issue 13 point 2: optimistic locking holds under truly simultaneous saves. Two editors open the
// change form of one record at the same version and save at once; the first save's transaction is held open (its
// saveModel waits until the second request has read the record and passed the permission check), so the two
// overlap on every run. Every pair must end with exactly one 303 and one 409 whose form keeps the loser's values —
// on SQLite, PostgreSQL and MariaDB, for a record of every scalar type (Decimal, BigInt, DateTime with ms, Json,
// Bytes, and nulls in the version).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyRequest } from 'fastify';
import { lockRows } from '../../src/data/row-lock.ts';
import type { RawClient } from '../../src/data/raw-sql-names.ts';
import { action, AdminSite, ModelAdmin, readSchema, TabularInline, type AdminClient, type SaveModelArgs } from '../../src/index.ts';
import type { Browser } from '../support/cookie-jar.ts';
import { formFields, inputValue, mainOf, textOf } from '../support/html.ts';
import { availableProviders, CLI_PROVIDERS } from './support/served-fixture.ts';
import { startInProcessAdmin, type InProcessAdmin } from './support/in-process-fixture.ts';

const PAIRS = 10;
type Form = Record<string, string | string[]>;
const available = await availableProviders();

/** The first save of a pair waits in saveModel until the second has read the record it will save over. */
class Overlap {
  #arrived: (() => void) | null = null;
  #second: Promise<void> | null = null;
  arm() {
    this.#second = new Promise((resolve) => (this.#arrived = resolve));
  }
  secondHasRead() {
    this.#arrived?.();
  }
  async holdFirst() {
    const second = this.#second;
    if (!second) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('the second save never reached the record')), 10_000)));
    try {
      await Promise.race([second, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

function siteWith(overlap: Overlap): AdminSite {
  /** Holds the first save of a pair open in its transaction; the second signals once it has read the record. */
  class OverlapAdmin extends ModelAdmin {
    override async saveModel(client: AdminClient, args: SaveModelArgs) {
      if (args.request.headers['x-test-save'] === 'first') await overlap.holdFirst();
      return super.saveModel(client, args);
    }
    override hasChangePermission(request: FastifyRequest, record?: Record<string, unknown>) {
      if (record && request.method === 'POST' && request.headers['x-test-save'] === 'second') overlap.secondHasRead();
      return super.hasChangePermission(request, record);
    }
  }
  class SampleAdmin extends OverlapAdmin {
    listDisplay = ['id', 'label', 'count'];
    listEditable = ['label'];
    actions = [action({
      name: 'increment',
      label: 'Add one to the count',
      // Computes the new value from the record it is given: a stale record would lose the other action's increment.
      async run({ records, client, request }) {
        if (request.headers['x-test-save'] === 'first') await overlap.holdFirst();
        for (const r of records) await client.sample.update({ where: { id: r.id }, data: { count: (r.count as number) + 1 } });
      },
    })];
  }
  class PostRows extends TabularInline {
    model = 'Post';
    fields = ['title'];
    extra = 0;
  }
  class AuthorAdmin extends OverlapAdmin {
    inlines = [PostRows];
  }
  return new AdminSite().register('Sample', SampleAdmin).register('Author', AuthorAdmin);
}

const post = (browser: Browser, url: string, form: Record<string, string | string[]>, which: 'first' | 'second') =>
  browser.request({
    method: 'POST', url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-test-save': which },
    payload: new URLSearchParams(Object.entries(form).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => [k, x]))).toString(),
  });

for (const provider of CLI_PROVIDERS) {
  describe(`simultaneous saves of one record on ${provider}`, { skip: available[provider] ? false : `no ${provider} test server` }, () => {
    const overlap = new Overlap();
    let admin: InProcessAdmin;
    before(async () => {
      admin = await startInProcessAdmin(provider, siteWith(overlap));
    });
    after(() => admin?.close());

    test(`${PAIRS} pairs: exactly one 303 and one 409 each; the 409 keeps the loser's values; the winner's are stored`, async () => {
      const sample = await admin.prisma.sample.create({
        data: {
          label: 'start', count: 1, big: 9007199254740993n, ratio: 0.1, amount: '12345.678901', flag: true,
          at: new Date('2026-03-04T05:06:07.891Z'), data: { nested: [1, 'two', null], z: true }, blob: new Uint8Array([0, 1, 2, 255]),
          mood: 'happy', atOpt: null, dataOpt: null, blobOpt: null, amountOpt: null, bigOpt: null,
        },
      });
      const url = `/admin/sample/${sample.id}/change`;
      for (let pair = 0; pair < PAIRS; pair++) {
        const first = admin.browser!.clone();
        const second = admin.browser!.clone();
        const form = formFields((await first.get(url)).body, '/change');
        await second.get(url);
        assert.ok(form._version, 'the change form carries a version');
        overlap.arm();
        const [a, b] = await Promise.all([
          post(first, url, { ...form, label: `first ${pair}`, count: String(100 + pair) }, 'first'),
          post(second, url, { ...form, label: `second ${pair}`, count: String(200 + pair) }, 'second'),
        ]);
        const statuses = [a.statusCode, b.statusCode];
        assert.deepEqual([...statuses].sort(), [303, 409], `pair ${pair}: ${statuses.join(', ')} — ${textOf(mainOf(b.body)).slice(0, 300)}`);
        const [winner, loser] = a.statusCode === 303 ? ['first', b] : ['second', a];
        const loserName = winner === 'first' ? 'second' : 'first';
        assert.equal(inputValue(loser.body, 'label'), `${loserName} ${pair}`, "the 409 form keeps the loser's values");
        assert.match(textOf(mainOf(loser.body)), /changed by someone else/);
        const stored = await admin.prisma.sample.findUnique({ where: { id: sample.id } });
        assert.equal(stored.label, `${winner} ${pair}`);
        // Nothing else was disturbed by the saves: every exact type survived the round trip through the form.
        assert.equal(stored.big, 9007199254740993n);
        assert.equal(String(stored.amount), '12345.678901');
        assert.equal(stored.at.toISOString(), '2026-03-04T05:06:07.891Z');
        assert.deepEqual(stored.data, { nested: [1, 'two', null], z: true });
        assert.deepEqual([...stored.blob], [0, 1, 2, 255]);
        assert.equal(stored.dataOpt, null);
      }
    });

    /** Runs `pairs` pairs of simultaneous POSTs of `form` as edited for each; returns the statuses and the loser's page. */
    async function race(pairs: number, openUrl: string, postUrl: string, formAction: string, edit: (form: Form, who: 'first' | 'second', pair: number) => Form, check: (pair: number, winner: 'first' | 'second', loserBody: string) => Promise<void>) {
      for (let pair = 0; pair < pairs; pair++) {
        const first = admin.browser!.clone();
        const second = admin.browser!.clone();
        const form = formFields((await first.get(openUrl)).body, formAction);
        await second.get(openUrl);
        overlap.arm();
        const [a, b] = await Promise.all([post(first, postUrl, edit(form, 'first', pair), 'first'), post(second, postUrl, edit(form, 'second', pair), 'second')]);
        const statuses = [a.statusCode, b.statusCode];
        assert.deepEqual([...statuses].sort(), [303, 409], `pair ${pair}: ${statuses.join(', ')} — ${textOf(mainOf(b.body)).slice(0, 300)}`);
        await check(pair, a.statusCode === 303 ? 'first' : 'second', (a.statusCode === 303 ? b : a).body);
      }
    }

    test("list edits (listEditable): 5 pairs, one 303 and one 409 each, the loser's row keeps its value", async () => {
      const sample = await admin.prisma.sample.findFirst();
      const rowOf = (form: Form) => Object.keys(form).find((k) => /^form-\d+-id$/.test(k) && form[k] === sample.id)!.replace(/-id$/, '');
      await race(5, '/admin/sample/', '/admin/sample/action', '/action',
        (form, who, pair) => ({ ...form, [`${rowOf(form)}-label`]: `list ${who} ${pair}`, _save_list: '1' }),
        async (pair, winner, loserBody) => {
          const loser = winner === 'first' ? 'second' : 'first';
          assert.ok(loserBody.includes(`value="list ${loser} ${pair}"`), "the loser's row keeps its value");
          assert.equal((await admin.prisma.sample.findUnique({ where: { id: sample.id } })).label, `list ${winner} ${pair}`);
        });
    });

    test('inline rows: 5 pairs of saves of the same inline row, one 303 and one 409 each', async () => {
      const author = await admin.prisma.author.create({ data: { name: `inline author ${provider}` } });
      const row = await admin.prisma.post.create({ data: { title: 'inline start', authorId: author.id } });
      const url = `/admin/author/${author.id}/change`;
      await race(5, url, url, '/change',
        (form, who, pair) => ({ ...form, 'posts-0-title': `inline ${who} ${pair}` }),
        async (pair, winner, loserBody) => {
          const loser = winner === 'first' ? 'second' : 'first';
          assert.equal(inputValue(loserBody, 'posts-0-title'), `inline ${loser} ${pair}`, "the loser's row keeps its value");
          assert.match(textOf(mainOf(loserBody)), /changed by someone else/);
          assert.equal((await admin.prisma.post.findUnique({ where: { id: row.id } })).title, `inline ${winner} ${pair}`);
        });
    });

    test('an action that updates from its records: 5 pairs of simultaneous runs lose no increment', async () => {
      const sample = await admin.prisma.sample.findFirst();
      const start = sample.count;
      for (let pair = 0; pair < 5; pair++) {
        overlap.arm();
        const run = (which: 'first' | 'second') => post(admin.browser!.clone(), '/admin/sample/action', { action: 'increment', _selected: sample.id, post: 'yes' }, which);
        const [a, b] = await Promise.all([run('first'), run('second')]);
        assert.deepEqual([a.statusCode, b.statusCode], [303, 303]);
      }
      assert.equal((await admin.prisma.sample.findUnique({ where: { id: sample.id } })).count, start + 10);
    });

    test('a list opened before a save committed: its edit of that row is refused with 409 and nothing is saved', async () => {
      const sample = await admin.prisma.sample.create({ data: { label: 'listed', count: 1, big: 1n, ratio: 1, amount: '1', flag: false, at: new Date(), data: {}, blob: new Uint8Array([1]), mood: 'meh' } });
      const form = formFields((await admin.browser!.get('/admin/sample/')).body, '/action');
      const row = Object.keys(form).find((k) => /^form-\d+-id$/.test(k) && form[k] === sample.id)!.replace(/-id$/, '');
      await admin.prisma.sample.update({ where: { id: sample.id }, data: { label: 'changed meanwhile' } });
      const refused = await admin.browser!.post('/admin/sample/action', { ...form, [`${row}-label`]: 'from the old list', _save_list: '1' });
      assert.equal(refused.statusCode, 409);
      assert.match(textOf(mainOf(refused.body)), /Someone else changed this record/);
      assert.equal((await admin.prisma.sample.findUnique({ where: { id: sample.id } })).label, 'changed meanwhile');
    });

    test('a form opened before a save committed is refused afterwards, and saving the re-shown form then succeeds', async () => {
      const sample = await admin.prisma.sample.findFirst();
      const url = `/admin/sample/${sample.id}/change`;
      const stale = formFields((await admin.browser!.get(url)).body, '/change');
      await admin.prisma.sample.update({ where: { id: sample.id }, data: { label: 'changed elsewhere' } });
      const refused = await admin.browser!.post(url, { ...stale, label: 'mine' });
      assert.equal(refused.statusCode, 409);
      const again = await admin.browser!.post(url, formFields(refused.body, '/change'));
      assert.equal(again.statusCode, 303, textOf(mainOf(again.body)).slice(0, 300));
      assert.equal((await admin.prisma.sample.findUnique({ where: { id: sample.id } })).label, 'mine');
    });
  });
}

describe('the row lock finds the row of every kind of primary key', () => {
  for (const provider of CLI_PROVIDERS.filter((p) => p !== 'sqlite')) {
    test(provider, { skip: available[provider] ? false : `no ${provider} test server` }, async () => {
      const admin = await startInProcessAdmin(provider, new AdminSite());
      try {
        const p = admin.prisma;
        const schema = await readSchema(admin.schemaPath);
        const author = await p.author.create({ data: { name: 'key author' } });
        const post = await p.post.create({ data: { title: 'key post', authorId: author.id } });
        await p.category.create({ data: { slug: 'key-cat', name: 'Key' } });
        const keys: [string, Record<string, unknown>][] = [
          ['Author', { id: author.id }],
          ['Sample', { id: (await p.sample.create({ data: { label: 'k', count: 1, big: 1n, ratio: 1, amount: '1', flag: false, at: new Date(), data: {}, blob: new Uint8Array([1]), mood: 'sad' } })).id }],
          ['Ledger', { id: (await p.ledger.create({ data: { id: 9007199254740993n, memo: 'big' } })).id }],
          ['Pair', (({ group, rank }) => ({ group, rank }))(await p.pair.create({ data: { group: 'g', rank: 7 } }))],
          ['Reading', (({ sensor, takenAt }) => ({ sensor, takenAt }))(await p.reading.create({ data: { sensor: 's', takenAt: new Date('2026-03-04T05:06:07.891Z'), value: 1.5 } }))],
          ['PostCategory', (({ postId, categorySlug }) => ({ postId, categorySlug }))(await p.postCategory.create({ data: { postId: post.id, categorySlug: 'key-cat' } }))],
        ];
        for (const [name, key] of keys) {
          const model = schema.models.find((m) => m.name === name)!;
          const locked = await p.$transaction((tx: RawClient) => lockRows(tx, schema, null, model, [key]));
          assert.equal(locked, 1, `${name} ${JSON.stringify(key, (_, v) => (typeof v === 'bigint' ? String(v) : v))}`);
        }
      } finally {
        await admin.close();
      }
    });
  }

  test('postgresql, tables in a schema of their own (?schema=): the lock names them there and the save goes through', { skip: available.postgresql ? false : 'no postgresql test server' }, async () => {
    const admin = await startInProcessAdmin('postgresql', new AdminSite(), { pgSchema: 'sales' });
    try {
      const tag = await admin.prisma.tag.create({ data: { name: 'in sales' } });
      const url = `/admin/tag/${tag.id}/change`;
      const saved = await admin.browser!.post(url, { ...formFields((await admin.browser!.get(url)).body, '/change'), name: 'renamed in sales' });
      assert.equal(saved.statusCode, 303, textOf(mainOf(saved.body)).slice(0, 300));
      assert.equal((await admin.prisma.tag.findUnique({ where: { id: tag.id } })).name, 'renamed in sales');
    } finally {
      await admin.close();
    }
  });
});
