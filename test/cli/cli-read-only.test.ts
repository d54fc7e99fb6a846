// `check` and `serve` over a schema with views and a model without @id (the corpus's reporting.prisma, on SQLite):
// check names the read-only models and why; serve counts every model and says which are read-only; a missing view's
// advice is its migration SQL, not `db push` (issue 14, points 1 and 10).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { applySchema } from '../../scripts/db/apply-schema.ts';
import { openSqlConnection } from '../../src/cli/sql-connection.ts';
import { corpusSchemas } from '../support/corpus-app.ts';
import { runCli, startServe } from './support/cli-process.ts';

describe('check and serve: read-only models', () => {
  const corpus = corpusSchemas().find((c) => c.name === 'reporting')!;
  let dir: string;
  let schemaFile: string;
  let url: string;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'pa-cli-ro-'));
    schemaFile = path.join(dir, 'schema.prisma');
    writeFileSync(schemaFile, corpus.files[0].content);
    url = `file:${path.join(dir, 'dev.db')}`;
    await applySchema([{ path: schemaFile, content: corpus.files[0].content }], url);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('views missing: named one per line, created from their migration SQL', async () => {
    const check = await runCli(['check', '--schema', schemaFile, '--url', url]);
    assert.equal(check.code, 1);
    assert.match(check.stderr, /lacks 2 views of the schema:\n {2}- open_orders \(view of OpenOrder\)\n {2}- order_lines \(view of OrderLine\)\n/);
    assert.match(check.stderr, /CREATE VIEW/);
    assert.doesNotMatch(check.stderr, /Create the tables/);
  });

  test('check lists the read-only models with their reason; serve counts them', async () => {
    const sql = await openSqlConnection(url);
    try {
      for (const statement of corpus.views) await sql.run(statement, []);
    } finally {
      await sql.close();
    }
    const check = await runCli(['check', '--schema', schemaFile, '--url', url]);
    assert.equal(check.code, 0, check.stderr);
    assert.match(check.stdout, /Read-only models[^\n]*\n {2}OpenOrder {2}a database view\n {2}OrderLine {2}a database view with no @unique on required fields, so its rows have no pages\n/);
    const section = /Read-only models[^\n]*\n((?: {2}[^\n]*\n)*)/.exec(check.stdout)![1];
    assert.doesNotMatch(section, /Setting/, 'a model with a @unique key is not read-only');
    const serve = await startServe(['--schema', schemaFile, '--url', url]);
    try {
      assert.match(serve.output(), /Serving 5 models \(2 read-only: OpenOrder, OrderLine\) of /);
    } finally {
      await serve.stop();
    }
  });
});
