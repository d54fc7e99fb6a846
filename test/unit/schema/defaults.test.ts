import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { ModelMeta } from '../../../src/schema/types.ts';
import { loadFixture, model, scalar } from './fixture-helpers.ts';

const fn = (name: string, args: unknown[] = []) => ({ kind: 'function', name, args });

describe('default functions and @updatedAt (defaults.prisma)', () => {
  let generated: ModelMeta;
  before(async () => {
    generated = model(await loadFixture('defaults.prisma'), 'Generated');
  });

  it('reads autoincrement() and now()', () => {
    assert.deepEqual(scalar(generated, 'serial').default, fn('autoincrement'));
    assert.deepEqual(scalar(generated, 'created').default, fn('now'));
  });

  it('reads uuid, cuid, nanoid and ulid with their version or length argument', () => {
    assert.deepEqual(scalar(generated, 'uuid4').default, fn('uuid', [4]));
    assert.deepEqual(scalar(generated, 'uuid7').default, fn('uuid', [7]));
    assert.deepEqual(scalar(generated, 'cuid1').default, fn('cuid', [1]));
    assert.deepEqual(scalar(generated, 'cuid2').default, fn('cuid', [2]));
    assert.deepEqual(scalar(generated, 'nano').default, fn('nanoid'));
    assert.deepEqual(scalar(generated, 'nano10').default, fn('nanoid', [10]));
    assert.deepEqual(scalar(generated, 'ulid').default, fn('ulid'));
  });

  it('reads dbgenerated() with and without its SQL expression', () => {
    assert.deepEqual(scalar(generated, 'token').default, fn('dbgenerated', ['gen_random_uuid()']));
    assert.deepEqual(scalar(generated, 'computed').default, fn('dbgenerated'));
  });

  it('reads static defaults next to functions: empty string, negative number, none', () => {
    assert.deepEqual(scalar(generated, 'label').default, { kind: 'static', value: '' });
    assert.deepEqual(scalar(generated, 'negative').default, { kind: 'static', value: -7 });
    assert.equal(scalar(generated, 'nothing').default, null);
  });

  it('marks @updatedAt fields, required or optional, and no others', () => {
    assert.equal(scalar(generated, 'updated').isUpdatedAt, true);
    assert.equal(scalar(generated, 'updatedOpt').isUpdatedAt, true);
    assert.equal(scalar(generated, 'updatedOpt').isRequired, false);
    assert.equal(scalar(generated, 'updated').default, null, '@updatedAt is not a default');
    assert.equal(scalar(generated, 'created').isUpdatedAt, false);
  });
});

describe('sequence() on CockroachDB (sequences.prisma)', () => {
  it('reads sequence() as a function default; DMMF does not pass its arguments on', async () => {
    const schema = await loadFixture('sequences.prisma');
    assert.equal(schema.provider, 'cockroachdb');
    const ticket = model(schema, 'Ticket');
    assert.deepEqual(scalar(ticket, 'id').default, fn('sequence'));
    assert.equal(scalar(ticket, 'id').type, 'BigInt');
    // `sequence(minValue: 100, ...)` in the schema: Prisma's DMMF gives the function name with empty args.
    assert.deepEqual(scalar(ticket, 'number').default, fn('sequence'));
  });
});
