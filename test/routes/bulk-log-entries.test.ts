// The audit entries of a bulk run or an import (writeBulkLogEntries: one INSERT … SELECT over a bound JSON document per
// 1,000 entries, 2,000 on SQLite) are the rows Prisma's createMany writes for the same entries (writeLogEntries), column for column and
// in the same order, on SQLite, PostgreSQL and MariaDB: runs of entries that share a message (grouped in the document)
// across a chunk's end, entries that each say something else, other models and actions, and texts with quotes,
// backslashes, line breaks, non-ASCII characters and an emoji cut by the label's 200-character limit.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyRequest } from 'fastify';
import type { AdminContext } from '../../src/admin/context.ts';
import type { ResolvedModelAdmin } from '../../src/admin/resolve-model-admin.ts';
import { adminModelsText } from '../../src/auth/admin-models-text.ts';
import type { LogDetails } from '../../src/audit/audit-log.ts';
import { writeLogEntries } from '../../src/audit/audit-log.ts';
import { rowsPerInsert, writeBulkLogEntries } from '../../src/audit/bulk-log.ts';
import { AdminSite, readSchema } from '../../src/index.ts';
import { findModel } from '../../src/schema/lookup.ts';
import type { SchemaMeta } from '../../src/schema/types.ts';
import { mysqlAvailable, type CliProvider } from '../cli/support/cli-fixture.ts';
import { startInProcessAdmin, type InProcessAdmin } from '../cli/support/in-process-fixture.ts';
import { postgresAvailable } from '../support/databases.ts';
import { createAdminUser } from '../support/security.ts';

const available: Record<CliProvider, boolean> = { sqlite: true, postgresql: await postgresAvailable(), mysql: await mysqlAvailable() };

/** The same change for 300 rows past the first INSERT's entries, then a mix of 800, then 500 of one action. */
function entries(schema: SchemaMeta): LogDetails[] {
  const pair = findModel(schema, 'Pair')!;
  const awkward = ['say "hi"', 'back\\slash', 'line\nbreak\ttab', 'Zoë “quoted” 東京', `${"a".repeat(199)}😀 cut`, "it's"];
  const same = [{ field: 'mood', label: 'Mood', old: 'happy', new: 'sad' }];
  return [
    ...Array.from({ length: rowsPerInsert(schema.provider) + 300 }, (_, i): LogDetails => ({ action: 'change', record: { id: `s-${i}` }, label: `Sample ${i}`, changes: same })),
    ...Array.from({ length: 800 }, (_, i): LogDetails => {
      const text = awkward[i % awkward.length];
      switch (i % 4) {
        case 0: return { action: 'change', record: { id: `m-${i}` }, label: text, changes: [{ field: 'label', label: 'Label', old: text, new: `${text} ${i}` }] };
        case 1: return { action: 'add', record: { id: `m-${i}` }, label: `${text} (new)` };
        case 2: return { action: 'change', record: { group: `g${i % 7}`, rank: i }, label: `Pair ${i}`, model: pair, changes: [], inlines: [{ action: 'add', model: 'comment', label: text }] };
        default: return { action: 'delete', record: { id: `m-${i}` }, label: text, cascade: true };
      }
    }),
    ...Array.from({ length: 500 }, (_, i): LogDetails => ({ action: 'action', record: { id: `a-${i}` }, label: `Sample ${i}`, actionName: 'calm_all' })),
  ];
}

for (const provider of ['sqlite', 'postgresql', 'mysql'] as CliProvider[]) {
  describe(`bulk audit entries on ${provider}`, { skip: available[provider] ? false : `no ${provider} test server` }, () => {
    let admin: InProcessAdmin;
    let schema: SchemaMeta;
    let request: FastifyRequest;
    before(async () => {
      admin = await startInProcessAdmin(provider, new AdminSite(), { extraFiles: { 'admin-models.prisma': adminModelsText(provider) } });
      schema = await readSchema(admin.schemaPath);
      const user = await createAdminUser(admin.prisma, 'bulk-log', [], { isSuperuser: true });
      request = { adminUser: { id: String(user.id), username: user.username } } as unknown as FastifyRequest;
    });
    after(() => admin?.close());

    const stored = () => admin.prisma.adminLogEntry.findMany({
      orderBy: { id: 'asc' },
      select: { userId: true, username: true, model: true, objectId: true, objectRepr: true, action: true, changeMessage: true },
    });

    test('are the rows createMany writes, in the same order', async () => {
      const ctx = { schema, postgresSchema: null } as unknown as AdminContext;
      const sample = { model: findModel(schema, 'Sample')! } as unknown as ResolvedModelAdmin;
      const all = entries(schema);
      // Not Prisma's 5 s: 2,600 entries (3,600 on SQLite) by createMany took longer on a loaded CI machine.
      await admin.prisma.$transaction((tx: never) => writeLogEntries(tx, request, sample, all), { timeout: 120_000, maxWait: 30_000 });
      const expected = await stored();
      await admin.prisma.adminLogEntry.deleteMany({});
      await admin.prisma.$transaction((tx: never) => writeBulkLogEntries(ctx, tx, request, sample, all), { timeout: 120_000, maxWait: 30_000 });
      const actual = await stored();
      assert.equal(actual.length, all.length);
      for (let i = 0; i < all.length; i++) assert.deepEqual(actual[i], expected[i], `entry ${i}`);
      assert.equal(actual[1_299].objectId, 's-1299');
      assert.ok(actual.some((e: { objectRepr: string }) => e.objectRepr.includes('東京')));
      // The label cut at 200 inside the emoji: the emoji left out, not half of it (PostgreSQL and MariaDB refused it).
      assert.ok(actual.some((e: { objectRepr: string }) => e.objectRepr === 'a'.repeat(199)));
    });
  });
}
