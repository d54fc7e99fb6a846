// Which fields address a record (recordKeyOf): @id, else @@id, else the first @unique/@@unique over required fields;
// none for a view without one. Over the corpus schemas, as Prisma's parser reads them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseSchemaFiles } from '../../../src/index.ts';
import { recordKeyOf } from '../../../src/schema/record-key.ts';
import { readOnlyReason } from '../../../src/admin/read-only.ts';
import { corpusSchemas } from '../../support/corpus-app.ts';

const schemaOf = (name: string) => parseSchemaFiles(corpusSchemas().find((c) => c.name === name)!.files);
const model = (schema: ReturnType<typeof schemaOf>, name: string) => schema.models.find((m) => m.name === name)!;

describe('record keys', () => {
  test('@id, @@id, then the first required @unique / @@unique', () => {
    const auth = schemaOf('nextauth');
    assert.deepEqual(recordKeyOf(model(auth, 'User')), { name: 'id', fields: ['id'], kind: 'id' });
    assert.deepEqual(recordKeyOf(model(auth, 'VerificationToken')), { name: 'identifier_token', fields: ['identifier', 'token'], kind: 'unique' });
    const partners = schemaOf('partners');
    assert.deepEqual(recordKeyOf(model(partners, 'Enrollment')), { name: 'programId_partnerId', fields: ['programId', 'partnerId'], kind: 'id' });
    assert.deepEqual(recordKeyOf(model(partners, 'PartnerProfile')), { name: 'partnerId', fields: ['partnerId'], kind: 'unique' });
  });

  test('a unique over an optional field addresses nothing (several rows may hold null)', () => {
    const schema = parseSchemaFiles([{ path: 's.prisma', content: 'generator client {\n  provider        = "prisma-client-js"\n  previewFeatures = ["views"]\n}\ndatasource db {\n  provider = "sqlite"\n}\nview V {\n  code String? @unique\n  slug String  @unique\n}\nview W {\n  code String? @unique\n}\n' }]);
    assert.deepEqual(recordKeyOf(model(schema, 'V')).fields, ['slug']);
    assert.equal(recordKeyOf(model(schema, 'W')).kind, 'none');
  });

  test('views and keyless models are read-only, with their reason', () => {
    const reporting = schemaOf('reporting');
    assert.equal(readOnlyReason(model(reporting, 'Setting')), null);
    assert.match(readOnlyReason(model(reporting, 'OpenOrder'))!, /view/);
    assert.match(readOnlyReason(model(reporting, 'OrderLine'))!, /view/);
    assert.equal(recordKeyOf(model(reporting, 'OrderLine')).kind, 'none');
  });
});
