// The total of an unfiltered PostgreSQL list (src/data/estimated-count.ts), run on the real server: the planner's
// estimate for a table its statistics put over the threshold — without counting any row — an exact count for a small
// one, and a COUNT(*) where the statistics are stale.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { postgresConnectionString } from '../../../scripts/db/apply-schema.ts';
import { DEMO_SCHEMA } from '../../../scripts/demo-server.ts';
import { totalQuery } from '../../../src/data/estimated-count.ts';
import type { AdminContext } from '../../../src/admin/context.ts';
import type { ModelMeta } from '../../../src/schema/types.ts';
import { freshPostgresDatabase, postgresAvailable, type FreshPostgresDatabase } from '../../support/databases.ts';

const THRESHOLD = 1_000;
const ctx = { schema: { provider: 'postgresql' }, postgresSchema: null } as unknown as AdminContext;
const table = (name: string) => ({ dbName: name }) as ModelMeta;

describe('the total of an unfiltered PostgreSQL table', { skip: (await postgresAvailable()) ? false : 'no PostgreSQL test server' }, () => {
  let db: FreshPostgresDatabase;
  let client: pg.Client;

  before(async () => {
    db = await freshPostgresDatabase(DEMO_SCHEMA);
    client = new pg.Client({ connectionString: postgresConnectionString(db.url) });
    await client.connect();
    for (const name of ['Small', 'Big', 'Grown', 'Later']) {
      // No autovacuum: the statistics change only when the test runs ANALYZE.
      await client.query(`CREATE TABLE "${name}" (id int PRIMARY KEY, note text) WITH (autovacuum_enabled = false)`);
    }
  });
  after(async () => {
    await client?.end();
    await db?.cleanup();
  });

  const fill = (name: string, from: number, to: number) =>
    client.query(`INSERT INTO "${name}" SELECT i, repeat('x', 40) FROM generate_series($1::int, $2::int) AS i`, [from, to]);
  async function total(name: string) {
    const query = totalQuery(ctx, table(name), THRESHOLD);
    return query.read((await client.query(query.sql, query.params)).rows[0]);
  }
  /** How many times the plan ran its COUNT of the table (0: the count was skipped). */
  async function countRuns(name: string): Promise<number> {
    const query = totalQuery(ctx, table(name), THRESHOLD);
    const { rows } = await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${query.sql}`, query.params);
    type PlanNode = { 'Node Type': string; 'Relation Name'?: string; 'Actual Loops': number; Plans?: PlanNode[] };
    // Only what reads the user's table: the catalog lookups have aggregates of their own (pg_stat_user_tables groups).
    const readsTable = (node: PlanNode): boolean => node['Relation Name'] === name || (node.Plans ?? []).some(readsTable);
    const scans: PlanNode[] = [];
    const counts: PlanNode[] = [];
    const walk = (node: PlanNode) => {
      if (node['Relation Name'] === name) scans.push(node);
      if (node['Node Type'] === 'Aggregate' && readsTable(node)) counts.push(node);
      for (const child of node.Plans ?? []) walk(child);
    };
    walk(rows[0]['QUERY PLAN'][0].Plan);
    assert.equal(scans.length, 1, 'the plan reads the table once');
    assert.equal(counts.length, 1, 'the plan holds the one bounded count');
    return counts[0]['Actual Loops'];
  }

  test('a small table, analysed or never: its exact count', async () => {
    await fill('Small', 1, 321);
    assert.deepEqual(await total('Small'), { total: 321, estimated: false });
    await client.query('ANALYZE "Small"');
    assert.deepEqual(await total('Small'), { total: 321, estimated: false });
  });

  test('a table the statistics put over the threshold: their estimate, and no row counted', async () => {
    await fill('Big', 1, 5_000);
    await client.query('ANALYZE "Big"');
    assert.deepEqual(await total('Big'), { total: 5_000, estimated: true });
    assert.equal(await countRuns('Big'), 0);
    assert.equal(await countRuns('Small'), 1, 'a small table is counted');
  });

  test('rows added since the last ANALYZE: the estimate follows the table\'s size, as the planner\'s does', async () => {
    await fill('Grown', 1, 3_000);
    await client.query('ANALYZE "Grown"');
    await fill('Grown', 3_001, 6_000);
    const grown = await total('Grown');
    assert.equal(grown?.estimated, true);
    assert.ok(grown!.total > 5_000 && grown!.total < 7_000, `about 6,000, not the 3,000 of the statistics: ${grown!.total}`);
  });

  test('statistics taken while the table was empty, now over the threshold: no total from them (the caller counts)', async () => {
    await client.query('ANALYZE "Later"');
    await fill('Later', 1, 2_000);
    assert.equal(await total('Later'), null);
  });
});
