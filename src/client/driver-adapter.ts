// The driver adapter for a database URL: better-sqlite3 for `file:` SQLite, pg for PostgreSQL (with `?schema=`),
// mariadb for MySQL/MariaDB. Each adapter package is an optional peer dependency, imported only when its provider is
// used; a missing one is named in the error.
import type { DatabaseTarget } from './database-url.ts';
import { importOptional } from './optional-package.ts';
import { pgStatementNames, statementCacheSizeOfUrl } from './pg-statement-names.ts';
import { serialPgClient } from './serial-pg-client.ts';

/** What a Prisma 7 client takes as `adapter` (a driver adapter factory); typed loosely, each package pins its own utils. */
export interface DriverAdapterFactory {
  readonly provider: string;
  readonly adapterName: string;
  connect(): Promise<unknown>;
}

/** The packages each provider needs (the adapter depends on its driver; both are named so npm installs the pair). */
export const ADAPTERS = {
  sqlite: { packages: ['@prisma/adapter-better-sqlite3', 'better-sqlite3'], purpose: 'SQLite databases' },
  postgresql: { packages: ['@prisma/adapter-pg', 'pg'], purpose: 'PostgreSQL databases' },
  mysql: { packages: ['@prisma/adapter-mariadb'], purpose: 'MySQL/MariaDB databases' },
} as const satisfies Record<DatabaseTarget['provider'], { packages: readonly string[]; purpose: string }>;

/** Seconds to wait for a new connection before the page answers "database unavailable". */
const CONNECT_TIMEOUT_SECONDS = 5;

/**
 * @example
 * const adapter = await driverAdapterFor(parseDatabaseUrl(process.env.DATABASE_URL!));
 * const prisma = new PrismaClient({ adapter });
 */
export async function driverAdapterFor(target: DatabaseTarget): Promise<DriverAdapterFactory> {
  switch (target.provider) {
    case 'sqlite': {
      const { PrismaBetterSqlite3 } = await importOptional(() => import('@prisma/adapter-better-sqlite3'), ADAPTERS.sqlite);
      return new PrismaBetterSqlite3({ url: target.sqliteFile!, fileMustExist: true });
    }
    case 'postgresql': {
      const { PrismaPg } = await importOptional(() => import('@prisma/adapter-pg'), ADAPTERS.postgresql);
      const { default: driver } = await importOptional(() => import('pg'), ADAPTERS.postgresql);
      const { connectionString, max } = pgConnection(target.url);
      // pg's pool drops a connection that broke (server restart, pg_terminate_backend) and opens a new one on demand,
      // so the admin recovers by itself once the server is back.
      const pool = { connectionString, connectionTimeoutMillis: CONNECT_TIMEOUT_SECONDS * 1000, ...(max ? { max } : {}), Client: serialPgClient(driver) };
      // Statements are kept prepared per connection, as Prisma's engines kept them (see pg-statement-names.ts).
      const cacheSize = statementCacheSizeOfUrl(target.url);
      return new PrismaPg(pool, { schema: target.pgSchema, ...(cacheSize > 0 ? { statementNameGenerator: pgStatementNames({ max: cacheSize }) } : {}) });
    }
    case 'mysql': {
      const { PrismaMariaDb } = await importOptional(() => import('@prisma/adapter-mariadb'), ADAPTERS.mysql);
      return new PrismaMariaDb(mariadbConnectionString(target.url));
    }
  }
}

/** pg's connection string: Prisma's own parameters (`schema`, `connection_limit`, ...) are not pg's. */
export function pgConnection(url: string): { connectionString: string; max?: number } {
  const parsed = new URL(url);
  const limit = Number(parsed.searchParams.get('connection_limit'));
  const strict = parsed.searchParams.get('sslaccept') === 'strict';
  for (const name of ['schema', 'connection_limit', 'pool_timeout', 'pgbouncer', 'statement_cache_size', 'socket_timeout', 'connect_timeout', 'sslaccept']) {
    parsed.searchParams.delete(name);
  }
  libpqSslMode(parsed.searchParams, strict);
  return { connectionString: parsed.toString(), max: Number.isInteger(limit) && limit > 0 ? limit : undefined };
}

/**
 * `sslmode=prefer|require|verify-ca` means in a Prisma URL what it means for libpq (encrypt; verify the certificate
 * only with `sslaccept=strict`), while pg 8 reads these modes as `verify-full` and warns on every start that pg 9 will
 * change them. Ask pg for libpq's meaning now (`uselibpqcompat=true`), or for `verify-full` where the URL is strict.
 */
function libpqSslMode(params: URLSearchParams, strict: boolean): void {
  const mode = params.get('sslmode');
  if (mode === null || params.has('uselibpqcompat')) return;
  if (strict && mode !== 'disable') params.set('sslmode', 'verify-full');
  else if (mode === 'prefer' || mode === 'require' || mode === 'verify-ca') params.set('uselibpqcompat', 'true');
}

/** The mariadb driver's connection string: its own scheme, a connect timeout, Prisma-only parameters dropped. */
export function mariadbConnectionString(url: string): string {
  const parsed = new URL(url);
  const limit = parsed.searchParams.get('connection_limit');
  for (const name of ['connection_limit', 'pool_timeout', 'socket_timeout', 'connect_timeout', 'sslaccept', 'statement_cache_size']) {
    parsed.searchParams.delete(name);
  }
  if (limit && /^\d+$/.test(limit)) parsed.searchParams.set('connectionLimit', limit);
  if (!parsed.searchParams.has('connectTimeout')) parsed.searchParams.set('connectTimeout', String(CONNECT_TIMEOUT_SECONDS * 1000));
  if (!parsed.searchParams.has('acquireTimeout')) parsed.searchParams.set('acquireTimeout', String((CONNECT_TIMEOUT_SECONDS + 1) * 1000));
  return `mariadb:${parsed.toString().slice(parsed.protocol.length)}`;
}
