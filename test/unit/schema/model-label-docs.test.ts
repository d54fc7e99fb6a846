// A model's `/// @label` and `/// @plural` doc comments name it for people (Django's verbose_name and
// verbose_name_plural), and are not help text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSchemaFiles } from '../../../src/schema/introspect.ts';
import { modelLabel, modelLabelPlural } from '../../../src/schema/lookup.ts';

const schema = parseSchemaFiles([{ path: 'schema.prisma', content: `
datasource db {
  provider = "sqlite"
}
/// Someone who shops with us.
/// @plural folk
model Person {
  id Int @id
}
/// @label staff member @zod.object.strict()
model Staff {
  id Int @id
}
/// @label child @plural children
model Kid {
  id Int @id
}
model OrderItem {
  id Int @id
}
` }]);
const model = (name: string) => schema.models.find((m) => m.name === name)!;

test('@plural names the plural, the singular stays the humanized name', () => {
  assert.equal(modelLabel(model('Person')), 'Person');
  assert.equal(modelLabelPlural(model('Person')), 'Folk');
  assert.equal(model('Person').documentation, 'Someone who shops with us.');
});

test('@label names the singular, and the plural is pluralized from it; other annotations are left out', () => {
  assert.equal(modelLabel(model('Staff')), 'Staff member');
  assert.equal(modelLabelPlural(model('Staff')), 'Staff members');
  assert.equal(model('Staff').documentation, null);
});

test('@label and @plural on one line each take their own words', () => {
  assert.equal(modelLabel(model('Kid')), 'Child');
  assert.equal(modelLabelPlural(model('Kid')), 'Children');
});

test('without annotations the names are the humanized and pluralized model name', () => {
  assert.equal(modelLabel(model('OrderItem')), 'Order item');
  assert.equal(modelLabelPlural(model('OrderItem')), 'Order items');
  assert.equal(model('OrderItem').label, undefined);
});
