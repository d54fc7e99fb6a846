import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadFixture, model, scalar } from './fixture-helpers.ts';

describe('native types (@db.*)', () => {
  it('reads PostgreSQL native types with their arguments', async () => {
    const pg = model(await loadFixture('native-types-postgresql.prisma'), 'PgTypes');
    const expected: Record<string, [string, string[]]> = {
      id: ['Uuid', []], shortText: ['VarChar', ['255']], fixed: ['Char', ['2']], longText: ['Text', []],
      small: ['SmallInt', []], integer: ['Integer', []], oid: ['Oid', []], big: ['BigInt', []], real: ['Real', []],
      double: ['DoublePrecision', []], money: ['Money', []], exact: ['Decimal', ['10', '2']], day: ['Date', []],
      clock: ['Time', ['3']], clockTz: ['Timetz', []], stamp: ['Timestamp', ['6']], stampTz: ['Timestamptz', ['3']],
      flag: ['Boolean', []], doc: ['JsonB', []], plainJson: ['Json', []], raw: ['ByteA', []], address: ['Inet', []],
      bits: ['Bit', ['8']], varBits: ['VarBit', []], markup: ['Xml', []], citext: ['Citext', []],
    };
    for (const [fieldName, [name, args]] of Object.entries(expected)) {
      assert.deepEqual(scalar(pg, fieldName).nativeType, { name, args }, fieldName);
    }
    assert.equal(scalar(pg, 'plain').nativeType, null);
    assert.equal(scalar(pg, 'exact').type, 'Decimal', 'the Prisma type stays');
    assert.equal(scalar(pg, 'day').type, 'DateTime');
  });

  it('reads MySQL native types with their arguments', async () => {
    const schema = await loadFixture('native-types-mysql.prisma');
    assert.equal(schema.provider, 'mysql');
    const my = model(schema, 'MyTypes');
    const expected: Record<string, [string, string[]]> = {
      id: ['UnsignedInt', []], name: ['VarChar', ['191']], code: ['Char', ['3']], tiny: ['TinyText', []],
      medium: ['MediumText', []], long: ['LongText', []], plainText: ['Text', []], flag: ['TinyInt', []],
      tinyNum: ['TinyInt', []], small: ['SmallInt', []], unsignedSmall: ['UnsignedSmallInt', []],
      mediumNum: ['MediumInt', []], year: ['Year', []], big: ['UnsignedBigInt', []], ratio: ['Double', []],
      single: ['Float', []], price: ['Decimal', ['12', '4']], day: ['Date', []], clock: ['Time', ['0']],
      stamp: ['Timestamp', ['3']], moment: ['DateTime', ['6']], doc: ['Json', []], blob: ['Blob', []],
      bin: ['Binary', ['16']], varBin: ['VarBinary', ['64']], bit: ['Bit', ['1']],
    };
    for (const [fieldName, [name, args]] of Object.entries(expected)) {
      assert.deepEqual(scalar(my, fieldName).nativeType, { name, args }, fieldName);
    }
    assert.equal(scalar(my, 'flag').type, 'Boolean', '@db.TinyInt on a Boolean stays a Boolean');
    assert.equal(scalar(my, 'tinyNum').type, 'Int');
  });
});
