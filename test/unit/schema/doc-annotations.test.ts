// `///` comments read by other generators (zod-prisma, prisma-json-types-generator, typegraphql-prisma, ...) are not
// help for a person: the metadata keeps only their prose.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { readSchema } from '../../../src/schema/introspect.ts';
import { docProse } from '../../../src/schema/doc-prose.ts';

const FIXTURE = fileURLToPath(new URL('../../fixtures/real-schemas/doc-annotations.prisma', import.meta.url));

describe('doc comments holding annotations for other generators', () => {
  it('keeps only the prose of field and model docs', async () => {
    const schema = await readSchema(FIXTURE);
    const customer = schema.models.find((m) => m.name === 'Customer')!;
    const doc = (name: string) => customer.fields.find((f) => f.name === name)!.documentation;
    assert.equal(customer.documentation, 'A customer of the shop.');
    assert.equal(doc('email'), 'Where receipts go; write to help@example.com to change it.');
    assert.equal(doc('prefs'), null);
    assert.equal(doc('tags'), 'The tags, as a typed list.');
    assert.equal(doc('secret'), null);
    assert.equal(doc('internal'), null);
    assert.equal(doc('note'), 'Shown as is: 50% off (see @ notes).');
    assert.equal(doc('seen'), null);
  });

  it('drops chained and nested calls whole, and keeps prose around them', () => {
    assert.equal(docProse('@zod.custom.use(z.string().refine((v) => v.length > 2, { message: ")" })) Short name'), 'Short name');
    assert.equal(docProse('Amount in cents @zod.number.int().min(0)'), 'Amount in cents');
    assert.equal(docProse('[Settings]\nThe settings.'), 'The settings.');
    assert.equal(docProse('Plain prose.'), 'Plain prose.');
    assert.equal(docProse(null), null);
  });
});
