// queryWith writes the query string by hand: it must be the string URLSearchParams writes, for every input.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { queryWith, type QueryValues } from '../../../src/views/query-string.ts';

/** The definition queryWith keeps to: a copy of the base, the changes applied, through URLSearchParams. */
function reference(base: QueryValues, changes: Record<string, string | undefined>): string {
  const next: QueryValues = { ...base };
  if (!('page' in changes)) delete next.page;
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || value === '') delete next[key];
    else next[key] = value;
  }
  return new URLSearchParams(next).toString();
}

const SAMPLES = ['', 'a', 'prisma admin', 'x&y=z', "it's (ok)!", '~tilde*', 'ünïcødé', '日本語', '😀', '+%20', '\ud800', 'a/b?c#d', '\n\t', '-._'];
const KEYS = ['q', 'page', 'sort', 'status__exact', 'author__id__exact', '1', '0', 'toString', 'constructor', '_facets', 'x y'];

test('queryWith writes what URLSearchParams writes, for random bases and changes', () => {
  let seed = 7;
  const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
  for (let i = 0; i < 5000; i++) {
    const base: QueryValues = {};
    for (let k = random(5); k > 0; k--) base[KEYS[random(KEYS.length)]] = SAMPLES[random(SAMPLES.length)];
    const changes: Record<string, string | undefined> = {};
    for (let k = random(4); k > 0; k--) changes[KEYS[random(KEYS.length)]] = random(3) === 0 ? undefined : SAMPLES[random(SAMPLES.length)];
    assert.equal(queryWith(base, changes), reference(base, changes), `base ${JSON.stringify(base)}, changes ${JSON.stringify(changes)}`);
  }
});

test('queryWith: the page is dropped unless changed, a kept empty base value stays, changed keys keep their place', () => {
  assert.equal(queryWith({ q: 'a b', page: '3', sort: 'title' }, { status__exact: 'draft' }), 'q=a+b&sort=title&status__exact=draft');
  assert.equal(queryWith({ q: 'x', page: '3' }, { page: '4' }), 'q=x&page=4');
  assert.equal(queryWith({ q: '', sort: 'title' }, { sort: '-title' }), 'q=&sort=-title');
  assert.equal(queryWith({ a: '1', b: '2' }, { a: undefined, c: '3' }), 'b=2&c=3');
  assert.equal(queryWith({ 1: 'one', q: 'x' }, { q: 'y' }), '1=one&q=y');
});
