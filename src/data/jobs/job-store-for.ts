// Where an admin keeps its jobs: PostgreSQL and MySQL/MariaDB in the AdminJob table of the database (when the schema
// has the model); SQLite in the side file beside the database (sqlite-side-job-store.ts), found from the database
// itself (PRAGMA database_list), so nothing else needs configuring. Null: no job store (an in-memory SQLite database,
// or no AdminJob model), and long runs run inside their request as before.
import type { AdminContext } from '../../admin/context.ts';
import { ADAPTERS } from '../../client/driver-adapter.ts';
import { importOptional } from '../../client/optional-package.ts';
import type { RawClient } from '../raw-sql-names.ts';
import { DatabaseJobStore } from './database-job-store.ts';
import type { JobStore } from './job-store.ts';
import { sideFileOf, SqliteSideJobStore } from './sqlite-side-job-store.ts';

/** One store per client (the side file's connection is opened once; the store itself holds no job). */
const stores = new WeakMap<object, Promise<JobStore | null>>();

export function jobStoreFor(ctx: Pick<AdminContext, 'prisma' | 'schema'>): Promise<JobStore | null> {
  let store = stores.get(ctx.prisma);
  if (!store) {
    store = openStore(ctx);
    stores.set(ctx.prisma, store);
    store.catch(() => stores.delete(ctx.prisma));
  }
  return store;
}

async function openStore(ctx: Pick<AdminContext, 'prisma' | 'schema'>): Promise<JobStore | null> {
  if (ctx.schema.provider !== 'sqlite') {
    const model = ctx.schema.models.find((m) => m.name === 'AdminJob');
    return model ? DatabaseJobStore.for(ctx.prisma, ctx.schema.provider, model) : null;
  }
  const rows = await (ctx.prisma as unknown as RawClient).$queryRawUnsafe<{ file: string }[]>("SELECT file FROM pragma_database_list WHERE name = 'main'");
  const file = rows[0]?.file;
  if (!file) return null;
  const { default: Database } = await importOptional(() => import('better-sqlite3'), ADAPTERS.sqlite);
  return SqliteSideJobStore.open(Database, sideFileOf(file));
}
