// The search box's terms: words, quoted phrases as one term, unclosed quotes left out.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_SEARCH_TERMS, parseSearchTerms } from '../../../src/data/search-terms.ts';

const texts = (search: string) => parseSearchTerms(search).map((t) => (t.phrase ? `"${t.text}"` : t.text));

test('words split on white space; a quoted phrase is one term', () => {
  assert.deepEqual(texts('prisma  admin'), ['prisma', 'admin']);
  assert.deepEqual(texts('"exact phrase" word'), ['"exact phrase"', 'word']);
  assert.deepEqual(texts('a"b c"d'), ['a', '"b c"', 'd']);
  assert.deepEqual(texts('"  spaced \t out "'), ['"spaced out"']);
});

test('an unclosed quote, empty quotes and repeated terms are left out', () => {
  assert.deepEqual(texts('"unclosed phrase'), ['unclosed', 'phrase']);
  assert.deepEqual(texts('"" x x'), ['x']);
});

test('at most MAX_SEARCH_TERMS terms', () => {
  assert.equal(parseSearchTerms(Array.from({ length: 30 }, (_, i) => `w${i}`).join(' ')).length, MAX_SEARCH_TERMS);
});
