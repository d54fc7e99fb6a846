// The header links of a sorted list: a click puts its column first, toggle flips it in place, remove drops it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sortHeaderFor, sortParam, sortToggled, sortWithout, sortWithPrimary } from '../../../src/views/sort-headers.ts';

const sort = [{ column: 'status', dir: 'asc' as const }, { column: 'publishedAt', dir: 'desc' as const }];
const param = (url: string | null) => (url === null ? null : new URLSearchParams(url.slice(1)).get('sort'));

test('a click on an unsorted column puts it first, ascending, and keeps the others after it', () => {
  assert.equal(sortParam(sortWithPrimary(sort, 'title')), 'title,status,-publishedAt');
});

test('a click on the first sort key flips it; on a later one moves it first as it was', () => {
  assert.equal(sortParam(sortWithPrimary(sort, 'status')), '-status,-publishedAt');
  assert.equal(sortParam(sortWithPrimary(sort, 'publishedAt')), '-publishedAt,status');
});

test('the sort never grows beyond five keys', () => {
  const five = ['a', 'b', 'c', 'd', 'e'].map((column) => ({ column, dir: 'asc' as const }));
  assert.equal(sortParam(sortWithPrimary(five, 'f')), 'f,a,b,c,d');
});

test('toggle flips a key where it stands; remove drops it; an empty sort has no parameter', () => {
  assert.equal(sortParam(sortToggled(sort, 'publishedAt')), 'status,publishedAt');
  assert.equal(sortParam(sortWithout(sort, 'status')), '-publishedAt');
  assert.equal(sortParam([]), undefined);
});

test('headers show a priority, toggle and remove links only where they mean something', () => {
  const base = { q: 'x', sort: 'status,-publishedAt', page: '3' };
  const second = sortHeaderFor('publishedAt', sort, base);
  assert.deepEqual([second.sorted, second.ariaSort, second.priority], ['desc', 'descending', 2]);
  assert.equal(param(second.url), '-publishedAt,status');
  assert.equal(param(second.toggleUrl), 'status,publishedAt');
  assert.equal(param(second.removeUrl), 'status');
  // The links keep the search and go back to page 1.
  assert.equal(new URLSearchParams(second.url.slice(1)).get('q'), 'x');
  assert.equal(new URLSearchParams(second.url.slice(1)).get('page'), null);
  const unsorted = sortHeaderFor('title', sort, base);
  assert.deepEqual([unsorted.sorted, unsorted.priority, unsorted.toggleUrl, unsorted.removeUrl], [null, null, null, null]);
  const only = sortHeaderFor('title', [{ column: 'title', dir: 'asc' }], {});
  assert.deepEqual([only.priority, only.toggleUrl, param(only.removeUrl), param(only.url)], [null, null, null, '-title']);
});
