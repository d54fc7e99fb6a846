// The MySQL/MariaDB path of scripts/db/apply-schema.ts (the WASM schema engine has none): the script of
// scripts/db/mysql-ddl.ts builds the same tables as the CLI fixture's hand-written one (which migrate's shape was
// copied into) — columns, types, nullability, defaults, keys, indexes and foreign keys read back from the server —
// and applySchema builds every schema of the corpus there.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { applySchema, providerOfSchema, readSchemaFiles, withProvider } from '../../../scripts/db/apply-schema.ts';
import { FIXTURES, MYSQL_ADMIN_URL, mysqlAdmin, mysqlAvailable, writeFixtureSchema } from '../../cli/support/cli-fixture.ts';
import { withoutUnknownPreviewFeatures } from '../../../src/schema/preview-features.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const up = await mysqlAvailable();
const HAND_WRITTEN = path.join(FIXTURES, 'mysql-tables.sql');

/** What the server says of a database's tables: every column, index and foreign key, in a stable order. */
async function describeDatabase(name: string): Promise<unknown> {
  return mysqlAdmin(async (c) => {
    const columns = await c.query(
      `SELECT table_name, column_name, column_type, is_nullable, column_default, extra, ordinal_position FROM information_schema.columns
       WHERE table_schema = ? ORDER BY table_name, ordinal_position`, [name]);
    const indexes = await c.query(
      `SELECT table_name, index_name, non_unique, seq_in_index, column_name FROM information_schema.statistics
       WHERE table_schema = ? ORDER BY table_name, index_name, seq_in_index`, [name]);
    const keys = await c.query(
      `SELECT k.table_name, k.constraint_name, k.column_name, k.referenced_table_name, k.referenced_column_name, r.update_rule, r.delete_rule
       FROM information_schema.key_column_usage k JOIN information_schema.referential_constraints r
         ON r.constraint_schema = k.constraint_schema AND r.constraint_name = k.constraint_name
       WHERE k.table_schema = ? ORDER BY k.table_name, k.constraint_name, k.ordinal_position`, [name]);
    return JSON.parse(JSON.stringify({ columns, indexes, keys }, (_k, v) => (typeof v === 'bigint' ? Number(v) : v)));
  });
}

describe('MySQL/MariaDB schema apply', { skip: up ? false : 'no MariaDB test server' }, () => {
  const made: string[] = [];
  const fresh = () => {
    const name = `pa_ddl_${randomBytes(5).toString('hex')}`;
    made.push(name);
    const url = new URL(MYSQL_ADMIN_URL);
    url.pathname = `/${name}`;
    return { name, url: url.toString() };
  };
  after(async () => {
    for (const name of made) await mysqlAdmin((c) => c.query(`DROP DATABASE IF EXISTS \`${name}\``));
  });

  test('the script builds what the hand-written fixture SQL builds', async () => {
    const schema = writeFixtureSchema('mysql');
    try {
      const generated = fresh();
      await applySchema(readSchemaFiles(schema.path), generated.url);
      const byHand = fresh();
      await mysqlAdmin(async (c) => {
        await c.query(`CREATE DATABASE \`${byHand.name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
        await c.query(`USE \`${byHand.name}\``);
        await c.query(readFileSync(HAND_WRITTEN, 'utf8'));
      });
      assert.deepEqual(await describeDatabase(generated.name), await describeDatabase(byHand.name));
    } finally {
      schema.cleanup();
    }
  });

  test('a database with tables is refused', async () => {
    const schema = writeFixtureSchema('mysql');
    try {
      const db = fresh();
      await applySchema(readSchemaFiles(schema.path), db.url);
      await assert.rejects(applySchema(readSchemaFiles(schema.path), db.url), /already has tables/);
    } finally {
      schema.cleanup();
    }
  });

  test('every corpus schema that is not for another database applies', async () => {
    const dir = path.join(root, 'test/fixtures/corpus');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.prisma'))) {
      const files = withoutUnknownPreviewFeatures(readSchemaFiles(path.join(dir, file))).files;
      if (providerOfSchema(files) !== 'sqlite' && providerOfSchema(files) !== 'mysql') continue;
      await applySchema(withProvider(files, 'mysql'), fresh().url);
    }
  });
});
