// Which statement texts get a prepared statement's name: a text that came back, the same name for the same text,
// distinct names for distinct texts, never more names than the cache holds; and the URL parameters that size it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ClientSetupError } from '../../../src/client/client-error.ts';
import { pgStatementNames, statementCacheSizeOfUrl } from '../../../src/client/pg-statement-names.ts';

describe('pgStatementNames', () => {
  test('a text is named once it comes back, with one name per text', () => {
    const name = pgStatementNames();
    assert.equal(name({ sql: 'SELECT 1' }), undefined, 'a text seen once runs unnamed');
    const first = name({ sql: 'SELECT 1' });
    assert.match(first, /^\w+$/);
    assert.equal(name({ sql: 'SELECT 1' }), first);
    name({ sql: 'SELECT 2' });
    const second = name({ sql: 'SELECT 2' });
    assert.notEqual(second, first);
    assert.equal(name({ sql: 'SELECT 1' }), first);
  });

  test('no more than max texts are named; the others run unnamed', () => {
    const name = pgStatementNames({ max: 3 });
    const named = new Set<string>();
    for (let i = 0; i < 10; i++) {
      for (let k = 0; k < 3; k++) {
        const n = name({ sql: `SELECT ${i}` });
        if (n !== undefined) named.add(n);
      }
    }
    assert.equal(named.size, 3);
    assert.equal(name({ sql: 'SELECT 9' }), undefined);
    assert.equal(pgStatementNames({ max: 0 })({ sql: 'SELECT 1' }), undefined);
  });

  test('texts seen once do not pile up: a flood of one-off texts still lets a repeated text in', () => {
    const name = pgStatementNames({ max: 2 });
    for (let i = 0; i < 10_000; i++) assert.equal(name({ sql: `SELECT ${i} /* once */` }), undefined);
    name({ sql: 'SELECT hot' });
    assert.notEqual(name({ sql: 'SELECT hot' }), undefined);
  });

  test('two generators (two adapters over one pg.Pool) give a text the same name, and two texts never one name', () => {
    const first = pgStatementNames();
    const second = pgStatementNames();
    const twice = (name: ReturnType<typeof pgStatementNames>, sql: string) => (name({ sql }), name({ sql }));
    const a1 = twice(first, 'SELECT a');
    const b1 = twice(first, 'SELECT b');
    const b2 = twice(second, 'SELECT b');
    const a2 = twice(second, 'SELECT a');
    assert.equal(a1, a2);
    assert.equal(b1, b2);
    assert.notEqual(a1, b1);
  });

  test('a max that is not a whole number of statements is refused', () => {
    assert.throws(() => pgStatementNames({ max: -1 }), RangeError);
    assert.throws(() => pgStatementNames({ max: 1.5 }), RangeError);
  });
});

describe("the URL's statement cache size (Prisma's parameters)", () => {
  test('100 by default, statement_cache_size when given, none with pgbouncer=true', () => {
    assert.equal(statementCacheSizeOfUrl('postgresql://u@h/db'), 100);
    assert.equal(statementCacheSizeOfUrl('postgresql://u@h/db?statement_cache_size=250'), 250);
    assert.equal(statementCacheSizeOfUrl('postgresql://u@h/db?statement_cache_size=0'), 0);
    assert.equal(statementCacheSizeOfUrl('postgresql://u@h/db?pgbouncer=true'), 0);
    assert.equal(statementCacheSizeOfUrl('postgresql://u@h/db?pgbouncer=true&statement_cache_size=50'), 0);
  });

  test('a size that is not a number of statements is named in the message', () => {
    assert.throws(() => statementCacheSizeOfUrl('postgresql://u@h/db?statement_cache_size=lots'), (error: unknown) => error instanceof ClientSetupError && /statement_cache_size=lots/.test(error.message));
    assert.throws(() => statementCacheSizeOfUrl('postgresql://u@h/db?statement_cache_size=-3'), ClientSetupError);
  });
});
