// RawOrPrisma: the one rule of the admin's raw queries. Raw where the dialect fits; a failure that is not an outage
// is logged once and the owner uses Prisma from then on; an outage goes through, and the raw query is tried again.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RawOrPrisma } from '../../../src/data/raw-or-prisma.ts';

function recorder() {
  const warnings: string[] = [];
  return { warnings, log: { warn: (_details: object, message: string) => void warnings.push(message) } };
}

test('raw while it works; Prisma only when the dialect does not fit', async () => {
  const sw = new RawOrPrisma('the test query');
  const owner = {};
  const { warnings, log } = recorder();
  assert.equal(await sw.run(owner, log, async () => 'raw', async () => 'prisma'), 'raw');
  assert.equal(await sw.run(owner, log, async () => 'raw', async () => 'prisma', false), 'prisma');
  assert.equal(sw.usable(owner), true, 'a dialect that does not fit is no failure');
  assert.deepEqual(warnings, []);
});

test('a failure that is no outage: logged once, Prisma from then on, for that owner only', async () => {
  const sw = new RawOrPrisma('the test query');
  const site = {};
  const other = {};
  const { warnings, log } = recorder();
  let rawRuns = 0;
  const failing = async () => {
    rawRuns++;
    throw new Error('relation "AdminSession" does not exist');
  };
  assert.equal(await sw.run(site, log, failing, async () => 'prisma'), 'prisma');
  assert.equal(await sw.run(site, log, failing, async () => 'prisma again'), 'prisma again');
  assert.equal(rawRuns, 1, 'not tried again');
  assert.equal(sw.usable(site), false);
  assert.deepEqual(warnings, ['the test query unavailable; using Prisma from now on']);
  assert.equal(sw.usable(other), true, 'another site keeps its raw query');
  assert.equal(await sw.run(other, log, async () => 'raw', async () => 'prisma'), 'raw');
});

test('an outage goes through, and the raw query is tried again once the database is back', async () => {
  const sw = new RawOrPrisma('the test query');
  const owner = {};
  const { warnings, log } = recorder();
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
  let prismaRuns = 0;
  await assert.rejects(sw.run(owner, log, async () => { throw refused; }, async () => String(++prismaRuns)), refused);
  const wrapped = new Error('Invalid invocation', { cause: refused });
  await assert.rejects(sw.run(owner, log, async () => { throw wrapped; }, async () => String(++prismaRuns)), wrapped);
  assert.equal(prismaRuns, 0);
  assert.equal(sw.usable(owner), true);
  assert.equal(await sw.run(owner, log, async () => 'raw', async () => 'prisma'), 'raw');
  assert.deepEqual(warnings, []);
});

test('without a logger, the warning goes to the console', async (t) => {
  const warn = t.mock.method(console, 'warn', () => {});
  const sw = new RawOrPrisma('the session JOIN');
  await sw.run({}, undefined, async () => { throw new Error('no such table'); }, async () => null);
  assert.equal(warn.mock.callCount(), 1);
  assert.match(String(warn.mock.calls[0].arguments[0]), /the session JOIN unavailable/);
});
