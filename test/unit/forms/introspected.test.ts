// The forms over metadata from the real introspector (Prisma's own parser), not hand-built objects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formFieldsFor, formValuesFromRecord, parseForm } from '../../../src/forms/index.ts';
import { findModel } from '../../../src/schema/lookup.ts';
import { parseSchemaFiles } from '../../../src/schema/introspect.ts';

const content = `
datasource db {
  provider = "postgresql"
}

enum Role {
  reader
  editor
}

model User {
  id       String    @id @default(uuid()) @db.Uuid
  email    String    @unique @db.VarChar(40)
  role     Role      @default(reader)
  active   Boolean   @default(true)
  balance  Decimal   @default(0) @db.Decimal(12, 2)
  visits   BigInt    @default(0)
  prefs    Json?
  avatar   Bytes?
  aliases  String[]
  articles Article[]
  groups   Group[]
}

model Group {
  id    Int    @id @default(autoincrement())
  name  String
  users User[]
}

model Article {
  id        Int      @id @default(autoincrement())
  /// The article, in Markdown.
  text      String
  user      User?    @relation(fields: [userId], references: [id])
  userId    String?  @db.Uuid
  updatedAt DateTime @updatedAt
}
`;

const schema = parseSchemaFiles([{ path: 'schema.prisma', content }]);
const user = findModel(schema, 'User')!;
const article = findModel(schema, 'Article')!;
const uuid = '0b7e3c5a-1d2f-4e6a-8b9c-0d1e2f3a4b5c';

test('introspected metadata: fields, widgets, required', () => {
  const fields = formFieldsFor(schema, user, { mode: 'add' });
  assert.deepEqual(
    fields.map((f) => [f.name, f.widget, f.required]),
    [
      ['id', 'text', false],
      ['email', 'text', true],
      ['role', 'select', false],
      ['active', 'checkbox', false],
      ['balance', 'decimal', false],
      ['visits', 'bigint', false],
      ['prefs', 'json', false],
      ['avatar', 'file', false],
      ['aliases', 'list', false],
      ['groups', 'relation-multiple', false],
    ],
  );
  assert.deepEqual(
    formFieldsFor(schema, article, { mode: 'change' }).map((f) => [f.name, f.widget, f.readOnly]),
    [
      ['id', 'integer', true],
      ['text', 'textarea', false],
      ['user', 'relation', false],
      ['updatedAt', 'datetime', true],
    ],
  );
});

test('introspected metadata: parse and show again', () => {
  const fields = formFieldsFor(schema, user, { mode: 'change' });
  const form = {
    email: 'ada@example.com',
    role: 'editor',
    active: 'on',
    balance: '1234567890.55',
    visits: '9007199254740993',
    prefs: '{"theme": "dark"}',
    aliases: 'ada\nlovelace',
    groups: ['1', '2'],
  };
  const result = parseForm(schema, user, fields, form, 'change');
  assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
  assert.deepEqual(result.data, {
    email: 'ada@example.com',
    role: 'editor',
    active: true,
    balance: '1234567890.55',
    visits: 9007199254740993n,
    prefs: { theme: 'dark' },
    aliases: ['ada', 'lovelace'],
    groups: { set: [{ id: 1 }, { id: 2 }] },
  });
  const bad = parseForm(schema, user, fields, { ...form, email: 'x'.repeat(41), balance: '1.555', groups: ['x'] }, 'change');
  assert.deepEqual(bad, {
    ok: false,
    errors: {
      email: 'Ensure this value has at most 40 characters (it has 41).',
      balance: 'Enter a number with at most 2 decimal places.',
      groups: 'Select a valid choice.',
    },
  });
  const articleFields = formFieldsFor(schema, article, { mode: 'change' });
  assert.deepEqual(parseForm(schema, article, articleFields, { text: 'Hi', user: uuid }, 'change'), {
    ok: true,
    data: { text: 'Hi', user: { connect: { id: uuid } } },
  });
  assert.deepEqual(formValuesFromRecord(schema, article, articleFields, { id: 1, text: 'Hi', userId: uuid, updatedAt: new Date(0) }), {
    id: '1',
    text: 'Hi',
    user: uuid,
    updatedAt: '1970-01-01T00:00:00',
  });
});
