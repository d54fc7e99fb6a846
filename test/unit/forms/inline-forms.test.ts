// Reading inline rows back from a submitted form: row inputs by prefix and index, the row count, and "did this row
// change" (an unchanged blank row is skipped, an unchanged existing row is not written).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InlineRowCountError, MAX_INLINE_ROWS, rowHasChanged, submittedRows, rowInputName, submittedRowCount, totalFormsName } from '../../../src/forms/inline-forms.ts';
import type { FormField } from '../../../src/forms/types.ts';

const field = (name: string, widget: FormField['widget'], extra: Partial<FormField> = {}): FormField => ({ name, label: name, help: null, required: false, widget, readOnly: false, ...extra });

describe('inline row inputs', () => {
  test('names, and one row read back as a form of its own', () => {
    assert.equal(rowInputName('comments', 2, 'body'), 'comments-2-body');
    assert.equal(totalFormsName('comments'), 'comments-TOTAL_FORMS');
    const form = { 'comments-TOTAL_FORMS': '2', 'comments-1-body': 'Hi', 'comments-1-_id': '7', 'comments-0-_id': '', 'comments-10-body': 'Past the total', 'comments-01-body': 'Not an index', title: 'Post' };
    const rows = submittedRows(form, 'comments');
    assert.deepEqual([...rows.keys()], [0, 1]);
    assert.deepEqual({ ...rows.get(1) }, { body: 'Hi', _id: '7' });
    assert.deepEqual({ ...rows.get(0) }, { _id: '' });
  });

  test('a TOTAL_FORMS the rows do not bear out, or above MAX_INLINE_ROWS, is refused (400), not looped over', () => {
    const refused = (form: Record<string, string>, message: RegExp) =>
      assert.throws(() => submittedRows(form, 'x', 'comments'), (e: unknown) => e instanceof InlineRowCountError && e.statusCode === 400 && message.test(e.message));
    refused({ 'x-TOTAL_FORMS': '3', 'x-0-_id': '', 'x-2-_id': '' }, /says it holds 3 rows of comments, but 2 arrived/);
    refused({ 'x-TOTAL_FORMS': '9999999', 'x-0-_id': '' }, /more than 1,000 rows of comments/);
    assert.equal(submittedRows({ 'x-0-body': 'no total' }, 'x').size, 0, 'no TOTAL_FORMS: the inline was not in the form');
  });

  test('the row count: a number, else 0, at most MAX_INLINE_ROWS', () => {
    assert.equal(submittedRowCount({ 'x-TOTAL_FORMS': '4' }, 'x'), 4);
    assert.equal(submittedRowCount({}, 'x'), 0);
    assert.equal(submittedRowCount({ 'x-TOTAL_FORMS': '-1' }, 'x'), 0);
    assert.equal(submittedRowCount({ 'x-TOTAL_FORMS': '1e9' }, 'x'), 0);
    assert.equal(submittedRowCount({ 'x-TOTAL_FORMS': '9999999' }, 'x'), MAX_INLINE_ROWS);
  });
});

describe('rowHasChanged', () => {
  const fields = [field('authorName', 'text'), field('body', 'textarea'), field('approved', 'checkbox'), field('tags', 'relation-multiple'), field('createdAt', 'datetime', { readOnly: true })];

  test('a row as it was shown has not changed (textarea line ends, absent unchecked boxes, list order aside)', () => {
    const initial = { authorName: 'Ada', body: 'one\ntwo', approved: 'false', tags: ['1', '2'], createdAt: '2024-01-01T00:00:00' };
    assert.equal(rowHasChanged(fields, initial, { authorName: 'Ada', body: 'one\r\ntwo', tags: ['2', '1'] }), false);
    assert.equal(rowHasChanged(fields, { ...initial, approved: 'true' }, { authorName: 'Ada', body: 'one\ntwo', approved: 'on', tags: ['1', '2'] }), false);
  });

  test('any edited value, a ticked or cleared box, a changed selection is a change; read-only fields are not', () => {
    const initial = { authorName: '', body: '', approved: 'false', tags: [] };
    assert.equal(rowHasChanged(fields, initial, { authorName: 'Ada' }), true);
    assert.equal(rowHasChanged(fields, initial, { approved: 'on' }), true);
    assert.equal(rowHasChanged(fields, initial, { tags: '3' }), true);
    assert.equal(rowHasChanged(fields, { ...initial, approved: 'true' }, {}), true);
    assert.equal(rowHasChanged(fields, initial, { createdAt: '2030-01-01T00:00:00' }), false);
  });
});
