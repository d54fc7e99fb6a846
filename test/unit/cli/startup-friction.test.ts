// Issue 14, point 10: what stood between a new user and a running admin. A preview feature Prisma 7 removed; the
// missing-tables message (one per line; views are not made by `db push`); plurals; pg's SSL-mode warning; the favicon.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import pg from 'pg';
import { parseSchemaFiles } from '../../../src/index.ts';
import { withoutUnknownPreviewFeatures } from '../../../src/schema/preview-features.ts';
import { missingTablesMessage, type TableStatus } from '../../../src/cli/table-check.ts';
import { modelLabelPlural } from '../../../src/schema/lookup.ts';
import { pgConnection } from '../../../src/client/driver-adapter.ts';

const schemaWith = (features: string) =>
  `generator client {\n  provider        = "prisma-client-js"\n  previewFeatures = [${features}]\n}\n\ndatasource db {\n  provider = "postgresql"\n}\n\nview V {\n  id Int @unique\n}\n`;

describe('start-up friction', () => {
  test('a removed preview feature is dropped, the known ones kept, every line where it was', () => {
    const file = { path: 'schema.prisma', content: schemaWith('"metrics", "views", "noSuchFeature"') };
    const { files, removed } = withoutUnknownPreviewFeatures([file]);
    assert.deepEqual(removed.sort(), ['metrics', 'noSuchFeature']);
    assert.match(files[0].content, /previewFeatures = \["views"\]/);
    assert.equal(files[0].content.split('\n').length, file.content.split('\n').length);
    // The introspector reads such a schema (and its view, which needs the kept "views") instead of refusing it.
    assert.deepEqual(parseSchemaFiles([file]).models.map((m) => [m.name, m.isView]), [['V', true]]);
    assert.equal(withoutUnknownPreviewFeatures([{ path: 'schema.prisma', content: schemaWith('"views"') }]).removed.length, 0);
  });

  test('missing tables: one per line; a view is told to come from its migration SQL, not `db push`', () => {
    const missing: TableStatus[] = [
      { owner: 'Post', table: 'Post', kind: 'table', present: false },
      { owner: 'Post ↔ Tag', table: '_PostToTag', kind: 'join table', present: false },
      { owner: 'Revenue', table: 'revenue', kind: 'view', present: false },
    ];
    const message = missingTablesMessage(missing, 'The database');
    const lines = message.split('\n');
    assert.equal(lines[0], 'The database lacks 3 tables and views of the schema:');
    assert.deepEqual(lines.slice(1, 4), ['  - Post (table of Post)', '  - _PostToTag (join table of Post ↔ Tag)', '  - revenue (view of Revenue)']);
    assert.match(message, /CREATE VIEW[\s\S]*migration[\s\S]*`prisma db push` does not create views/);
    const viewOnly = missingTablesMessage([missing[2]], 'The database');
    assert.match(viewOnly, /lacks a view of the schema/);
    assert.doesNotMatch(viewOnly, /Create the tables/);
  });

  test('plurals of irregular and uncountable words', () => {
    const plurals = Object.fromEntries(['Setting', 'Settings', 'Team', 'Status', 'Category', 'Person', 'Data', 'UserData', 'Address', 'OrderItem'].map((n) => [n, modelLabelPlural({ name: n })]));
    assert.deepEqual(plurals, {
      Setting: 'Settings', Settings: 'Settings', Team: 'Teams', Status: 'Statuses', Category: 'Categories', Person: 'People',
      Data: 'Data', UserData: 'User data', Address: 'Addresses', OrderItem: 'Order items',
    });
  });

  test('a Prisma URL with sslmode=require opens pg without its SSL-mode warning, keeping libpq meaning', async () => {
    const warnings: string[] = [];
    const listener = (w: Error) => warnings.push(w.message);
    process.on('warning', listener);
    try {
      for (const url of ['postgresql://u@db.example:5432/app?sslmode=require&schema=s', 'postgresql://u@db.example:5432/app?sslmode=prefer']) {
        void new pg.Client({ connectionString: pgConnection(url).connectionString });
      }
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', listener);
    }
    assert.deepEqual(warnings, []);
    assert.match(pgConnection('postgresql://u@h/app?sslmode=require').connectionString, /sslmode=require&uselibpqcompat=true/);
    assert.match(pgConnection('postgresql://u@h/app?sslmode=require&sslaccept=strict').connectionString, /sslmode=verify-full/);
    assert.doesNotMatch(pgConnection('postgresql://u@h/app?sslmode=require&sslaccept=strict').connectionString, /sslaccept/);
  });
});
