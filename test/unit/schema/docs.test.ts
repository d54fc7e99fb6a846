import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { field, loadFixture, model, relation, scalar } from './fixture-helpers.ts';

describe('/// doc comments (docs.prisma)', () => {
  it('reads model docs, and null where there are none', async () => {
    const schema = await loadFixture('docs.prisma');
    assert.equal(model(schema, 'Note').documentation, 'A short text someone wrote down.');
    assert.equal(model(schema, 'Owner').documentation, null);
  });

  it('reads field docs above the field and after it; // comments are not docs', async () => {
    const note = model(await loadFixture('docs.prisma'), 'Note');
    assert.equal(scalar(note, 'id').documentation, 'The primary key.');
    assert.equal(scalar(note, 'body').documentation, 'Trailing documentation comment.');
    assert.equal(field(note, 'title').documentation, null);
    assert.equal(relation(note, 'owner').documentation, 'Who wrote it.');
  });

  it('joins several lines of enum docs with a newline', async () => {
    const schema = await loadFixture('docs.prisma');
    assert.equal(schema.enums[0].documentation, 'Visibility of a note.\nSeveral lines of documentation are joined.');
  });
});
