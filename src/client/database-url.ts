// A database URL, read once: which driver it needs, where it points (for messages: host and port, never the
// password), and whether it fits the schema's datasource provider.
import path from 'node:path';
import type { Provider } from '../schema/types.ts';
import { ClientSetupError } from './client-error.ts';

export type DriverProvider = 'sqlite' | 'postgresql' | 'mysql';

export interface DatabaseTarget {
  provider: DriverProvider;
  /** The URL as given (it may hold a password: print `describe` or `redactUrl(url)` instead). */
  url: string;
  /** SQLite: the absolute path of the database file (relative paths are taken from the working directory). */
  sqliteFile?: string;
  /** PostgreSQL / MySQL: the server's host, port and database. */
  host?: string;
  port?: number;
  database?: string;
  user?: string;
  /** PostgreSQL: the schema of `?schema=name` (Prisma's convention), `public` by default. */
  pgSchema?: string;
  /** e.g. `PostgreSQL at 127.0.0.1:5432, database "shop"` or `SQLite file /srv/app/dev.db`. */
  describe: string;
}

const PROVIDER_NAMES: Record<DriverProvider, string> = { sqlite: 'SQLite', postgresql: 'PostgreSQL', mysql: 'MySQL/MariaDB' };

/**
 * Reads a Prisma-style database URL: `file:./dev.db` (SQLite), `postgresql://` or `postgres://` (with an optional
 * `?schema=`), `mysql://` or `mariadb://`.
 *
 * @example
 * parseDatabaseUrl('postgresql://app:secret@db.internal:5433/shop?schema=sales').describe;
 * // 'PostgreSQL at db.internal:5433, database "shop", schema "sales"'
 */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  const trimmed = url.trim();
  if (trimmed.startsWith('file:')) {
    const file = trimmed.slice('file:'.length).replace(/\?.*$/, '');
    if (!file || file === ':memory:') throw new ClientSetupError(`The SQLite URL "${trimmed}" names no database file: use file:<path>, e.g. file:./prisma/dev.db.`);
    const sqliteFile = path.resolve(file.startsWith('//') ? file.slice(2) : file);
    return { provider: 'sqlite', url: trimmed, sqliteFile, describe: `SQLite file ${sqliteFile}` };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === 'postgresql' || scheme === 'postgres' || scheme === 'mysql' || scheme === 'mariadb') {
    let parsed: URL;
    try {
      parsed = new URL(trimmed);
    } catch {
      throw new ClientSetupError(`The database URL ${redactUrl(trimmed)} is not a valid URL. Expected ${scheme}://user:password@host:port/database (special characters in the password percent-encoded).`);
    }
    const provider: DriverProvider = scheme.startsWith('postgres') ? 'postgresql' : 'mysql';
    const host = parsed.hostname || 'localhost';
    const port = parsed.port ? Number(parsed.port) : provider === 'postgresql' ? 5432 : 3306;
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
    if (provider === 'mysql' && !database) throw new ClientSetupError(`The database URL ${redactUrl(trimmed)} names no database: add it after the host, e.g. mysql://root@127.0.0.1:3306/shop.`);
    const pgSchema = provider === 'postgresql' ? parsed.searchParams.get('schema') || 'public' : undefined;
    const where = `${PROVIDER_NAMES[provider]} at ${host.includes(':') ? `[${host}]` : host}:${port}`;
    const describe = `${where}${database ? `, database "${database}"` : ''}${pgSchema && pgSchema !== 'public' ? `, schema "${pgSchema}"` : ''}`;
    return { provider, url: trimmed, host, port, database, user: decodeURIComponent(parsed.username), pgSchema, describe };
  }
  if (scheme === 'mongodb' || scheme === 'mongodb+srv') {
    throw new ClientSetupError('MongoDB is not supported: prisma-admin-site works with relational databases (SQLite, PostgreSQL, MySQL/MariaDB).');
  }
  if (scheme === 'sqlserver') {
    throw new ClientSetupError('SQL Server is not supported by `prisma-admin-site serve` yet: it serves SQLite (file:), PostgreSQL (postgresql://) and MySQL/MariaDB (mysql://) databases.');
  }
  if (scheme === 'prisma' || scheme === 'prisma+postgres') {
    throw new ClientSetupError('Prisma Accelerate / Prisma Postgres proxy URLs (prisma://, prisma+postgres://) are not supported: give the database\'s direct URL (postgresql://...).');
  }
  throw new ClientSetupError(
    `Unsupported database URL ${scheme ? `"${scheme}:..."` : `"${redactUrl(trimmed)}"`}: use file:<path> (SQLite), postgresql://user@host:5432/db (PostgreSQL) or mysql://user@host:3306/db (MySQL/MariaDB).`,
  );
}

/**
 * Checks that the URL is for the database the schema's datasource names: a client generated for one provider cannot
 * talk to another.
 */
export function assertUrlFitsSchema(schemaProvider: Provider, target: DatabaseTarget): void {
  if (schemaProvider === 'mongodb') {
    throw new ClientSetupError('The schema uses the mongodb provider, which prisma-admin-site does not support: it works with relational databases only.');
  }
  if (schemaProvider === 'sqlserver' || schemaProvider === 'cockroachdb') {
    throw new ClientSetupError(
      `The schema's datasource provider "${schemaProvider}" is not supported by \`prisma-admin-site serve\` yet (it serves sqlite, postgresql and mysql schemas). ` +
        'Mount the admin in your own fastify app with your own Prisma client instead (see the README).',
    );
  }
  if (schemaProvider !== target.provider) {
    throw new ClientSetupError(
      `The schema's datasource provider is "${schemaProvider}", but the URL is for ${PROVIDER_NAMES[target.provider]} (${redactUrl(target.url)}). ` +
        `Give a ${PROVIDER_NAMES[schemaProvider as DriverProvider]} URL (${EXAMPLE_URLS[schemaProvider as DriverProvider]}), or the schema that belongs to this database.`,
    );
  }
}

const EXAMPLE_URLS: Record<DriverProvider, string> = {
  sqlite: 'file:./prisma/dev.db',
  postgresql: 'postgresql://user:password@localhost:5432/db',
  mysql: 'mysql://user:password@localhost:3306/db',
};

/** The URL with its password replaced by `***`, for messages (over-redacts rather than leak a password with an @ or /). */
export function redactUrl(url: string): string {
  const schemeEnd = url.indexOf('://');
  const at = url.lastIndexOf('@');
  if (schemeEnd < 0 || at < schemeEnd) return url;
  const userinfo = url.slice(schemeEnd + 3, at);
  const colon = userinfo.indexOf(':');
  if (colon < 0) return url;
  return `${url.slice(0, schemeEnd + 3)}${userinfo.slice(0, colon)}:***${url.slice(at)}`;
}
