// Shared by the introspector tests: load a fixture of test/fixtures/schemas and pick models and fields with asserts.

import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { readSchema } from '../../../src/schema/introspect.ts';
import { findModel } from '../../../src/schema/lookup.ts';
import type {
  EnumFieldMeta,
  FieldMeta,
  ModelMeta,
  RelationFieldMeta,
  ScalarFieldMeta,
  SchemaMeta,
  UnsupportedFieldMeta,
} from '../../../src/schema/types.ts';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/schemas/', import.meta.url));

export function fixturePath(name: string): string {
  return `${FIXTURES}${name}`;
}

export function loadFixture(name: string): Promise<SchemaMeta> {
  return readSchema(fixturePath(name));
}

export function model(schema: SchemaMeta, name: string): ModelMeta {
  const found = findModel(schema, name);
  assert.ok(found, `model ${name} is in the metadata (models: ${schema.models.map((m) => m.name).join(', ')})`);
  return found;
}

export function field(model: ModelMeta, name: string): FieldMeta {
  const found = model.fields.find((f) => f.name === name);
  assert.ok(found, `field ${model.name}.${name} is in the metadata`);
  return found;
}

function fieldOfKind<K extends FieldMeta['kind']>(m: ModelMeta, name: string, kind: K): Extract<FieldMeta, { kind: K }> {
  const found = field(m, name);
  assert.equal(found.kind, kind, `${m.name}.${name} is a ${kind} field`);
  return found as Extract<FieldMeta, { kind: K }>;
}

export const scalar = (m: ModelMeta, name: string): ScalarFieldMeta => fieldOfKind(m, name, 'scalar');
export const enumField = (m: ModelMeta, name: string): EnumFieldMeta => fieldOfKind(m, name, 'enum');
export const relation = (m: ModelMeta, name: string): RelationFieldMeta => fieldOfKind(m, name, 'relation');
export const unsupported = (m: ModelMeta, name: string): UnsupportedFieldMeta => fieldOfKind(m, name, 'unsupported');

export const fieldNames = (m: ModelMeta): string[] => m.fields.map((f) => f.name);
