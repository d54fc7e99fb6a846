// Texts cut to a length (audit labels at 200, change-message values and list cells by truncate) never end in half of a
// surrogate pair: PostgreSQL's and MySQL's JSON refuse it, and a driver stores it as U+FFFD.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cutText, truncate } from '../../../src/views/display.ts';

const isWellFormed = (text: string) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);

test('a cut that would split an emoji leaves the whole emoji out', () => {
  const text = `${'a'.repeat(199)}😀 and more`;
  assert.equal(cutText(text, 200), 'a'.repeat(199));
  assert.equal(cutText(text, 201), `${'a'.repeat(199)}😀`);
  assert.equal(truncate(text, 200), `${'a'.repeat(199)}…`);
});

test('at every length, the cut of a text of emoji and other characters is well formed and a prefix of it', () => {
  const text = 'x😀é東𝄞y👩‍👩‍👧z'.repeat(4);
  for (let max = 1; max <= text.length + 1; max++) {
    for (const cut of [cutText(text, max), truncate(text, max)]) {
      assert.ok(isWellFormed(cut), `length ${max}: ${JSON.stringify(cut)}`);
      assert.ok(text.startsWith(cut.replace(/…$/, '')), `length ${max}`);
    }
    assert.ok(cutText(text, max).length >= max - 1 && cutText(text, max).length <= max);
  }
});
