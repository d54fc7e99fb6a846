// The urlencoded body parser: WHATWG decoding, repeated names in order, prototype-safe names, and the limits counted in
// one pass (a body over them is a FormTooLargeError, 413). Its speed on hostile bodies: bench/form-flood.ts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_FORM_LIMITS, FormTooLargeError, parseUrlencoded } from '../../../src/http/form-body.ts';

describe('parseUrlencoded', () => {
  test('decodes as browsers encode: + is a space, %XX escapes, a name without = is an empty value', () => {
    const form = parseUrlencoded('title=Hello+world%21&empty=&flag&tags=1&tags=2&tags=3&bad=%ZZ');
    assert.deepEqual({ ...form }, { title: 'Hello world!', empty: '', flag: '', tags: ['1', '2', '3'], bad: '%ZZ' });
  });

  test('names like __proto__ and constructor are plain fields, not the prototype', () => {
    const form = parseUrlencoded('__proto__=x&constructor=y&__proto__=z');
    assert.deepEqual(form.__proto__, ['x', 'z']);
    assert.equal(form.constructor, 'y');
    assert.equal(Object.getPrototypeOf(form), null);
  });

  test('over the field limit, or one field repeated over the repeat limit: FormTooLargeError (413)', () => {
    const limits = { ...DEFAULT_FORM_LIMITS, maxFields: 5, maxRepeats: 3 };
    assert.deepEqual(Object.keys(parseUrlencoded('a=1&b=2&c=3&d=4&e=5', limits)), ['a', 'b', 'c', 'd', 'e']);
    assert.throws(() => parseUrlencoded('a=1&b=2&c=3&d=4&e=5&f=6', limits), (e: unknown) => e instanceof FormTooLargeError && e.statusCode === 413 && /more than 5 fields/.test(e.message));
    assert.deepEqual(parseUrlencoded('a=1&a=2&a=3', limits).a, ['1', '2', '3']);
    assert.throws(() => parseUrlencoded('a=1&a=2&a=3&a=4', limits), /the field “a” more than 3 times/);
  });
});
