// Table names in the admin's few raw queries: quoted for the provider, and on PostgreSQL in the schema the driver
// adapter was given (AdminPluginOptions.postgresSchema) — Prisma qualifies its own SQL with it, but raw SQL would
// otherwise read the search_path's tables, which in a schema-per-tenant database are another tenant's.
import type { Provider } from '../schema/types.ts';

export function quoteName(provider: Provider, name: string): string {
  return provider === 'mysql' ? `\`${name.replace(/`/g, '``')}\`` : `"${name.replace(/"/g, '""')}"`;
}

export function qualifiedTable(provider: Provider, postgresSchema: string | null | undefined, table: string): string {
  const name = quoteName(provider, table);
  return provider === 'postgresql' && postgresSchema ? `${quoteName(provider, postgresSchema)}.${name}` : name;
}
