// The import's raw INSERT (src/data/raw-create-many.ts) writes a row exactly as Prisma's own create writes it: every
// scalar type, mapped table, column and enum value names, Json nulls, the defaults Prisma fills in the client (uuid(),
// now(), @updatedAt) and those the database fills; on PostgreSQL also scalar lists and native types. Each pair of
// rows is compared as Prisma reads it back and as the database stores it (SQLite: each column's quote(), which shows
// its storage class; PostgreSQL: the row as jsonb). What it cannot reproduce (a cuid() key, a @db.Date) it refuses.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DbNull, JsonNull } from '@prisma/client/runtime/client';
import { rawCreateMany, rawCreateObstacle, type RawCreateTarget } from '../../src/data/raw-create-many.ts';
import { boundDateFormat } from '../../src/data/raw-date-format.ts';
import { findModel } from '../../src/schema/lookup.ts';
import Fastify from 'fastify';
import { admin } from '../../src/index.ts';
import { Browser, testCredentials } from '../support/cookie-jar.ts';
import { postgresAvailable } from '../support/databases.ts';
import { chosenMapping, csvOf, importCounts, previewedOf, uploadImport } from '../support/import-files.ts';
import { testPasswordHash } from '../support/test-passwords.ts';
import { EVERYTHING_SCHEMA, openImportRawDatabase, POSTGRES_ONLY_SCHEMA, type ImportRawDatabase } from '../support/import-raw-fixture.ts';

type Row = Record<string, unknown>;
const pgUp = await postgresAvailable();

const REQUIRED = { label: 'Ünïcode “label”, it\'s', count: -2147483648, big: 9223372036854775807n, ratio: 0.1 + 0.2, amount: '12345.6789', flag: false, at: new Date('2026-12-02T19:45:01.234Z'), data: { nested: [1, 'two', { three: null }], ü: true }, blob: new Uint8Array([0, 1, 2, 255]), shade: 'dark' };
const EVERYTHING_ROWS: Record<string, Row> = {
  'every field given': {
    ...REQUIRED, labelOpt: null, countOpt: 7, bigOpt: -5n, ratioOpt: 1e300, amountOpt: '0.0001', flagOpt: true, atOpt: new Date(0), dataOpt: [1, 2, 3], blobOpt: null, shadeOpt: 'light',
    token: 'given token', createdAt: new Date('2020-01-01T00:00:00.001Z'), updatedAt: new Date('2021-06-30T23:59:59.999Z'), countDef: 1, bigDef: 2n, ratioDef: -0.25, amountDef: '-1.5', flagDef: false, atDef: new Date('1999-12-31T23:59:59Z'), shadeDef: 'light', textDef: '',
  },
  'only the fields without a default (the rest Prisma or the database fills)': { ...REQUIRED, ratio: 5, amount: '7' },
  'Json nulls: a JSON null, a database NULL': { ...REQUIRED, data: JsonNull, dataOpt: DbNull },
  'Json nulls: a JSON null in an optional field': { ...REQUIRED, dataOpt: JsonNull, labelOpt: '' },
};
// Columns whose value is generated anew for every row: compared by what they must be, not with each other.
const GENERATED = ['row_id', 'id', 'token', 'created_at', 'updated_at'];

const sqliteQuoted = async (db: ImportRawDatabase, table: string, idColumn: string, id: number) => {
  const columns = (await db.prisma.$queryRawUnsafe(`SELECT name FROM pragma_table_info('${table}')`)) as Array<{ name: string }>;
  const names = columns.map((c) => c.name).filter((name) => !GENERATED.includes(name));
  const [row] = (await db.prisma.$queryRawUnsafe(`SELECT ${names.map((n) => `quote("${n}") AS "${n}"`).join(', ')} FROM "${table}" WHERE "${idColumn}" = ?`, id)) as Row[];
  return row;
};
const postgresJson = async (db: ImportRawDatabase, table: string, idColumn: string, id: number) => {
  const [row] = (await db.prisma.$queryRawUnsafe(`SELECT (to_jsonb(t) - ARRAY['${GENERATED.join("','")}'])::text AS row FROM "${table}" t WHERE "${idColumn}" = $1`, id)) as Row[];
  return row.row;
};

/** Prisma's own create and the raw INSERT of `data`; both rows read back, by Prisma and as stored. */
async function writeBoth(db: ImportRawDatabase, modelName: string, delegate: string, table: string, idColumn: string, data: Row) {
  const target: RawCreateTarget = { provider: db.schema.provider, enums: db.schema.enums, model: findModel(db.schema, modelName)! };
  const before = Date.now();
  const own = await db.prisma[delegate].create({ data });
  assert.equal(rawCreateObstacle(target, [data], []), null);
  const returned = await rawCreateMany(db.prisma, target, [data], []);
  const afterTime = Date.now();
  assert.equal(returned.length, 1);
  const raw = await db.prisma[delegate].findUniqueOrThrow({ where: { id: returned[0].id } });
  const stored = db.schema.provider === 'sqlite' ? sqliteQuoted : postgresJson;
  return { own, raw, ownStored: await stored(db, table, idColumn, own.id), rawStored: await stored(db, table, idColumn, raw.id as number), before, after: afterTime };
}

const withoutGenerated = (record: Row) => Object.fromEntries(Object.entries(record).filter(([name]) => !['id', 'token', 'createdAt', 'updatedAt'].includes(name)));

// SQLite also with the adapter's other timestampFormat: dates stored as numbers (the raw INSERT asks the adapter).
const ENGINES = [['sqlite', 'iso8601'], ['sqlite', 'unixepoch-ms'], ['postgresql', undefined]] as const;
for (const [provider, timestampFormat] of ENGINES) {
  describe(`raw INSERT of an import, ${provider}${timestampFormat ? ` (timestampFormat ${timestampFormat})` : ''}`, { skip: provider === 'postgresql' && !pgUp && 'PostgreSQL is not running' }, () => {
    let db: ImportRawDatabase;
    before(async () => {
      db = await openImportRawDatabase(EVERYTHING_SCHEMA, provider, undefined, timestampFormat ? { timestampFormat } : {});
    });
    after(() => db?.close());

    for (const [name, data] of Object.entries(EVERYTHING_ROWS)) {
      test(`every scalar type reads back and is stored as Prisma's create writes it: ${name}`, async () => {
        const { own, raw, ownStored, rawStored, before, after } = await writeBoth(db, 'Everything', 'everything', 'everything_rows', 'row_id', data);
        assert.deepEqual(withoutGenerated(raw), withoutGenerated(own));
        assert.deepEqual(rawStored, ownStored);
        for (const [field, value] of Object.entries(data)) if (value === JsonNull || value === DbNull) {
          const where = (id: unknown) => ({ id, [field]: { equals: value } });
          assert.equal(await db.prisma.everything.count({ where: where(raw.id) }), 1, `${field} is ${String(value)} in the raw row`);
          assert.equal(await db.prisma.everything.count({ where: where(own.id) }), 1, `${field} is ${String(value)} in Prisma's row`);
        }
        if (data.token === undefined) assert.match(raw.token, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'uuid() is a version 4 UUID');
        else assert.equal(raw.token, data.token);
        for (const field of ['createdAt', 'updatedAt']) {
          const value = (raw[field] as Date).getTime();
          if (data[field] === undefined) assert.ok(value >= before - 1 && value <= after, `${field} is the time of the write`);
          else assert.equal(value, (data[field] as Date).getTime());
        }
        if (provider === 'sqlite') {
          // As stored: the same text format for every date Prisma fills (now(), @updatedAt) as for those it is given.
          const [dates] = (await db.prisma.$queryRawUnsafe('SELECT quote(created_at) AS created, quote(updated_at) AS updated, quote(happened_at) AS at FROM everything_rows WHERE row_id = ?', raw.id)) as Row[];
          const [ownDates] = (await db.prisma.$queryRawUnsafe('SELECT quote(created_at) AS created, quote(updated_at) AS updated, quote(happened_at) AS at FROM everything_rows WHERE row_id = ?', own.id)) as Row[];
          const shape = (text: unknown) => String(text).replace(/\d/g, '9');
          assert.deepEqual(Object.values(dates).map(shape), Object.values(ownDates).map(shape));
          assert.match(String(dates.at), timestampFormat === 'unixepoch-ms' ? /^\d+$/ : /^'2026-12-02T19:45:01\.234\+00:00'$/);
        }
      });
    }

    test('many rows: one statement per bound-value limit, a key returned for each row', async () => {
      const target: RawCreateTarget = { provider: db.schema.provider, enums: db.schema.enums, model: findModel(db.schema, 'Everything')! };
      const rows = Array.from({ length: 300 }, (_, i) => ({ ...REQUIRED, label: `row ${i}`, count: i }));
      const returned = await rawCreateMany(db.prisma, target, rows, ['label']);
      assert.equal(returned.length, rows.length);
      const stored = await db.prisma.everything.findMany({ where: { id: { in: returned.map((r) => r.id) } } });
      assert.deepEqual(new Map(stored.map((r: Row) => [r.id, r.label])), new Map(returned.map((r) => [r.id, r.label])));
      assert.deepEqual(stored.map((r: Row) => r.count).sort((a: number, b: number) => a - b), rows.map((r) => r.count));
    });

    test('dates are bound as the text or number the adapter makes of them, which it is asked for', async () => {
      const format = await boundDateFormat(db.prisma, db.schema.provider);
      assert.ok(format, 'the adapter\'s form is one of the known ones');
      const date = new Date('2026-12-02T19:45:01.234Z');
      const expected = { 'iso8601': '2026-12-02T19:45:01.234+00:00', 'unixepoch-ms': date.getTime(), none: '2026-12-02 19:45:01.234' }[timestampFormat ?? 'none'];
      assert.equal(format(date), expected);
    });

    test('a key Prisma generates (cuid()) is refused when a row leaves it out, not when it is given', () => {
      const target: RawCreateTarget = { provider: db.schema.provider, enums: db.schema.enums, model: findModel(db.schema, 'Ticket')! };
      assert.match(rawCreateObstacle(target, [{ name: 'a' }]) ?? '', /id: Prisma generates its default \(cuid\(/);
      assert.equal(rawCreateObstacle(target, [{ id: 'given', name: 'a' }]), null);
    });
  });
}

describe('raw INSERT of an import, PostgreSQL lists and native types', { skip: !pgUp && 'PostgreSQL is not running' }, () => {
  let db: ImportRawDatabase;
  before(async () => {
    db = await openImportRawDatabase(POSTGRES_ONLY_SCHEMA, 'postgresql');
  });
  after(() => db?.close());
  const NATIVE = { stamp: new Date('2026-12-02T19:45:01.234Z'), ident: '0b4c4a4e-51c5-4d0e-9d3c-2f1d5d8e9a10', short: 'short', padded: 'ab', exact: '12.3456' };
  const ROWS: Record<string, Row> = {
    'every list given': { ...NATIVE, names: ['a', 'b,c', '"q"', ''], counts: [], bigs: [9223372036854775807n, -1n], ratios: [0.5, 1e-7], amounts: ['1.10', '-2'], flags: [true, false], moments: [new Date('2000-01-01T00:00:00.500Z'), new Date(0)], tones: ['warm', 'cool'], doc: { b: 1, a: [null, 'x'] }, docs: 'text' },
    'lists left out (their defaults)': { ...NATIVE },
  };
  for (const [name, data] of Object.entries(ROWS)) {
    test(`reads back and is stored as Prisma's create writes it: ${name}`, async () => {
      const { own, raw, ownStored, rawStored } = await writeBoth(db, 'Lists', 'lists', 'Lists', 'id', data);
      assert.deepEqual(withoutGenerated(raw), withoutGenerated(own));
      assert.deepEqual(rawStored, ownStored);
    });
  }
  test('a @db.Date (formatted by the column type, which a raw statement does not carry) is refused', () => {
    const target: RawCreateTarget = { provider: db.schema.provider, enums: db.schema.enums, model: findModel(db.schema, 'Day')! };
    assert.match(rawCreateObstacle(target, [{ day: new Date() }]) ?? '', /day: a DateTime of @db\.Date/);
  });
});

describe('an import whose rows the raw INSERT cannot write (a cuid() key left to Prisma)', () => {
  const statements: string[] = [];
  let db: ImportRawDatabase;
  let app: ReturnType<typeof Fastify> | undefined;
  before(async () => {
    db = await openImportRawDatabase(EVERYTHING_SCHEMA, 'sqlite', (sql) => statements.push(sql));
    const { username, password } = testCredentials();
    await db.prisma.adminUser.create({ data: { username, passwordHash: await testPasswordHash(password), isSuperuser: true, isActive: true } });
  });
  after(async () => {
    await app?.close();
    await db?.close();
  });

  test('goes through createManyAndReturn, a statement per batch, and gets its keys from Prisma', async () => {
    app = Fastify();
    await app.register(admin, { prefix: '/admin', schema: db.schema, prisma: db.prisma });
    await app.ready();
    const browser = await new Browser(app).login();
    const rows = Array.from({ length: 1200 }, (_, i) => ({ name: `ticket ${i}` }));
    const { response, job } = await uploadImport(browser, 'ticket', csvOf(['name'], rows), 'tickets.csv');
    assert.deepEqual(importCounts(response.body), { new: rows.length, changed: 0, unchanged: 0, error: 0 });
    statements.length = 0;
    const done = await browser.post('/admin/ticket/import', { job: job!, map: chosenMapping(response.body), mode: 'create', key: 'id', previewed: previewedOf(response.body), _confirm: '1' });
    assert.equal(done.statusCode, 303, done.body.slice(0, 500));
    const inserts = statements.filter((sql) => /^INSERT INTO (\S+\.)?[`"]Ticket[`"]/.test(sql));
    // Prisma names the table `main`.`Ticket`; the raw INSERT would name it "Ticket".
    assert.ok(inserts.length >= 2 && inserts.every((sql) => sql.startsWith('INSERT INTO `main`.`Ticket`')), inserts.map((sql) => sql.slice(0, 80)).join('\n'));
    const tickets = await db.prisma.ticket.findMany();
    assert.equal(tickets.length, rows.length);
    assert.ok(tickets.every((t: Row) => /^c[a-z0-9]{24}$/.test(String(t.id))), String(tickets[0]?.id));
  });
});
