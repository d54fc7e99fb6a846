// A plain SQL connection for the CLI's small jobs (creating a superuser, checking that the tables exist), from a
// database URL: no generated client needed. Identifiers are quoted per provider; values are always bound parameters.
// Connection failures become one clear line naming the server (host and port, never the password).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseDatabaseUrl, type DatabaseTarget, type DriverProvider } from '../client/database-url.ts';
import { ADAPTERS, mariadbConnectionString, pgConnection } from '../client/driver-adapter.ts';
import { importOptional } from '../client/optional-package.ts';
import { CliError } from './cli-error.ts';

export interface SqlConnection {
  provider: DriverProvider;
  target: DatabaseTarget;
  /** Runs a statement with `?` placeholders (rewritten to $1.. for PostgreSQL). */
  run(sql: string, params: unknown[]): Promise<Record<string, unknown>[]>;
  quote(identifier: string): string;
  /**
   * The tables and views of the database (SQLite, MySQL) or of the given PostgreSQL schemas (default: the URL's
   * `?schema=`, else public), as `schema.name` on PostgreSQL and `name` elsewhere.
   */
  tables(pgSchemas?: string[]): Promise<string[]>;
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);

export async function openSqlConnection(url: string): Promise<SqlConnection> {
  const target = parseDatabaseUrl(url);
  switch (target.provider) {
    case 'sqlite':
      return openSqlite(target);
    case 'postgresql':
      return openPostgres(target);
    case 'mysql':
      return openMysql(target);
  }
}

async function openSqlite(target: DatabaseTarget): Promise<SqlConnection> {
  const file = target.sqliteFile!;
  if (!existsSync(file)) {
    throw new CliError(
      `The SQLite database file ${file} does not exist. Check the path in the URL (relative paths start from the current folder, ${process.cwd()}), ` +
        'or create the database with `prisma migrate deploy` (from your migrations) or `prisma db push`.',
    );
  }
  const { default: Database } = await importOptional(() => import('better-sqlite3'), ADAPTERS.sqlite);
  let db: import('better-sqlite3').Database;
  try {
    db = new Database(file, { fileMustExist: true });
    db.prepare('SELECT 1').get();
  } catch (error) {
    throw new CliError(`Cannot open the SQLite database ${file}: ${(error as Error).message}`);
  }
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
  return {
    provider: 'sqlite',
    target,
    run: async (sql, params) => {
      const statement = db.prepare(sql);
      return statement.reader ? (statement.all(...params.map(sqliteValue)) as Record<string, unknown>[]) : (statement.run(...params.map(sqliteValue)), []);
    },
    quote,
    tables: async () =>
      (db.prepare(`SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[]).map((r) => r.name),
    close: async () => void db.close(),
  };
}

async function openPostgres(target: DatabaseTarget): Promise<SqlConnection> {
  const { default: pg } = await importOptional(() => import('pg'), ADAPTERS.postgresql);
  const client = new pg.Client({ connectionString: pgConnection(target.url).connectionString, connectionTimeoutMillis: 10_000 });
  // A connection that breaks later must not crash the process with an unhandled 'error' event.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw connectionError(target, error);
  }
  const schema = target.pgSchema ?? 'public';
  await client.query(`SET search_path TO "${schema.replace(/"/g, '""')}"`);
  return {
    provider: 'postgresql',
    target,
    run: async (sql, params) => {
      let i = 0;
      const result = await client.query(sql.replace(/\?/g, () => `$${++i}`), params);
      return result.rows;
    },
    quote: (name) => `"${name.replace(/"/g, '""')}"`,
    tables: async (schemas = [schema]) => {
      const result = await client.query<{ table_schema: string; table_name: string }>(
        'SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema = ANY($1)',
        [schemas],
      );
      return result.rows.map((r) => `${r.table_schema}.${r.table_name}`);
    },
    close: () => client.end(),
  };
}

async function openMysql(target: DatabaseTarget): Promise<SqlConnection> {
  // The mariadb driver that @prisma/adapter-mariadb depends on (not a direct dependency of ours).
  const mariadb = await importOptional(
    async () => createRequire(require.resolve('@prisma/adapter-mariadb'))('mariadb') as typeof import('mariadb'),
    ADAPTERS.mysql,
  );
  let connection: import('mariadb').Connection;
  try {
    connection = await mariadb.createConnection(mariadbConnectionString(target.url));
  } catch (error) {
    throw connectionError(target, error);
  }
  connection.on('error', () => {});
  return {
    provider: 'mysql',
    target,
    run: async (sql, params) => {
      const result = await connection.query(sql, params.map(mysqlValue));
      return Array.isArray(result) ? (result as Record<string, unknown>[]) : [];
    },
    quote: (name) => `\`${name.replace(/`/g, '``')}\``,
    tables: async () => {
      const rows = (await connection.query('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()')) as { name: string }[];
      return rows.map((r) => r.name);
    },
    close: () => connection.end(),
  };
}

/** One line that names the server and the likely fix; never the URL itself (it may hold a password). */
export function connectionError(target: DatabaseTarget, error: unknown): CliError {
  const e = error as { code?: string; sqlState?: string; message?: string };
  const where = `${target.host}:${target.port}`;
  const server = target.provider === 'postgresql' ? 'PostgreSQL' : 'MySQL/MariaDB';
  const code = e.code ?? '';
  const message = String(e.message ?? error);
  if (code === 'ECONNREFUSED') return new CliError(`Cannot reach the ${server} server at ${where}: the connection was refused. Is the server running and listening on that host and port?`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new CliError(`Cannot reach the ${server} server at ${where}: the host name "${target.host}" was not found.`);
  if (code === 'ETIMEDOUT' || code === 'ER_CONNECTION_TIMEOUT' || /timeout/i.test(message)) {
    return new CliError(`Cannot reach the ${server} server at ${where}: the connection timed out. Check the host, the port and any firewall in between.`);
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ECONNRESET') return new CliError(`Cannot reach the ${server} server at ${where} (${code}).`);
  if (code === '28P01' || code === '28000' || e.sqlState === '28000' || code.startsWith('ER_ACCESS_DENIED')) {
    return new CliError(`The ${server} server at ${where} refused the login of user "${target.user}": check the user name and password in the URL.`);
  }
  if (code === '3D000' || code === 'ER_BAD_DB_ERROR') {
    return new CliError(
      `The ${server} server at ${where} has no database "${target.database}". Create it, then its tables with \`prisma migrate deploy\` or \`prisma db push\`.`,
    );
  }
  return new CliError(`Cannot connect to ${target.describe}: ${redactSecrets(message, target.url)}`);
}

/** The message with the URL's password taken out, should a driver have echoed it. */
function redactSecrets(message: string, url: string): string {
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password ? message.split(password).join('***') : message;
  } catch {
    return message;
  }
}

function sqliteValue(value: unknown): unknown {
  // Prisma's SQLite adapter stores DateTime as ISO text with an explicit offset.
  if (value instanceof Date) return value.toISOString().replace('Z', '+00:00');
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

function mysqlValue(value: unknown): unknown {
  // Prisma keeps DateTime in UTC; the driver would write a Date in the process's local time zone.
  if (value instanceof Date) return value.toISOString().replace('T', ' ').replace('Z', '');
  return value;
}
