// Security suite, issue 13 point 2: optimistic locking holds under truly simultaneous saves. Two editors open the
// change form of one record at the same version and save at once; the first save's transaction is held open (its
// saveModel waits until the second request has read the record and passed the permission check), so the two
// overlap on every run. Every pair must end with exactly one 303 and one 409 whose form keeps the loser's values —
// on SQLite, PostgreSQL and MariaDB, for a record of every scalar type (Decimal, BigInt, DateTime with ms, Json,
// Bytes, and nulls in the version).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyRequest } from 'fastify';
import { AdminSite, ModelAdmin, type AdminClient, type SaveModelArgs } from '../../src/index.ts';
import type { Browser } from '../support/cookie-jar.ts';
import { formFields, inputValue, mainOf, textOf } from '../support/html.ts';
import { availableProviders, CLI_PROVIDERS } from './support/served-fixture.ts';
import { startInProcessAdmin, type InProcessAdmin } from './support/in-process-fixture.ts';

const PAIRS = 10;
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
  class SampleAdmin extends ModelAdmin {
    override async saveModel(client: AdminClient, args: SaveModelArgs) {
      if (args.request.headers['x-test-save'] === 'first') await overlap.holdFirst();
      return super.saveModel(client, args);
    }
    override hasChangePermission(request: FastifyRequest, record?: Record<string, unknown>) {
      if (record && request.method === 'POST' && request.headers['x-test-save'] === 'second') overlap.secondHasRead();
      return super.hasChangePermission(request, record);
    }
  }
  return new AdminSite().register('Sample', SampleAdmin);
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
