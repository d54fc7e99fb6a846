// The admin's few raw queries: which dialects they are written for, and their table names, quoted for the provider, and on PostgreSQL in the schema the driver
// adapter was given (AdminPluginOptions.postgresSchema) — Prisma qualifies its own SQL with it, but raw SQL would
// otherwise read the search_path's tables, which in a schema-per-tenant database are another tenant's.
import type { Provider } from '../schema/types.ts';

/** The Prisma client's raw query, as the admin's raw queries call it. */
export type RawClient = { $queryRawUnsafe<T = unknown>(sql: string, ...values: unknown[]): Promise<T> };

/** The dialects the admin's raw queries are written for; elsewhere the callers use Prisma's queries. */
export function supportsRawSql(provider: Provider): boolean {
  return provider === 'sqlite' || provider === 'postgresql' || provider === 'mysql';
}

export function quoteName(provider: Provider, name: string): string {
  return provider === 'mysql' ? `\`${name.replace(/`/g, '``')}\`` : `"${name.replace(/"/g, '""')}"`;
}

export function qualifiedTable(provider: Provider, postgresSchema: string | null | undefined, table: string): string {
  const name = quoteName(provider, table);
  return provider === 'postgresql' && postgresSchema ? `${quoteName(provider, postgresSchema)}.${name}` : name;
}
