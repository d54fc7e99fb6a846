// A plain SQL connection for the CLI's small jobs (creating a superuser), from a database URL: no generated client
// needed. Identifiers are quoted per provider; values are always bound parameters.
import { CliError } from './cli-error.ts';

export interface SqlConnection {
  provider: 'sqlite' | 'postgresql';
  /** Runs a statement with `?` placeholders (rewritten to $1.. for PostgreSQL). */
  run(sql: string, params: unknown[]): Promise<Record<string, unknown>[]>;
  quote(identifier: string): string;
  close(): Promise<void>;
}

export async function openSqlConnection(url: string): Promise<SqlConnection> {
  if (url.startsWith('file:')) {
    const { default: Database } = await import('better-sqlite3');
    const file = url.slice('file:'.length).split('?')[0];
    const db = new Database(file, { fileMustExist: true });
    return {
      provider: 'sqlite',
      run: async (sql, params) => {
        const statement = db.prepare(sql);
        return statement.reader ? (statement.all(...params.map(sqliteValue)) as Record<string, unknown>[]) : (statement.run(...params.map(sqliteValue)), []);
      },
      quote: (name) => `"${name.replace(/"/g, '""')}"`,
      close: async () => void db.close(),
    };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    const { default: pg } = await import('pg');
    const parsed = new URL(url);
    const schema = parsed.searchParams.get('schema');
    parsed.searchParams.delete('schema');
    const client = new pg.Client({ connectionString: parsed.toString() });
    try {
      await client.connect();
    } catch (error) {
      throw new CliError(`Cannot connect to PostgreSQL at ${parsed.hostname}:${parsed.port || 5432}: ${(error as Error).message}`);
    }
    if (schema) await client.query(`SET search_path TO "${schema.replace(/"/g, '""')}"`);
    return {
      provider: 'postgresql',
      run: async (sql, params) => {
        let i = 0;
        const result = await client.query(sql.replace(/\?/g, () => `$${++i}`), params);
        return result.rows;
      },
      quote: (name) => `"${name.replace(/"/g, '""')}"`,
      close: () => client.end(),
    };
  }
  throw new CliError(`This command supports SQLite (file:...) and PostgreSQL (postgresql://...) URLs, not “${url.split(':')[0]}:”.`);
}

function sqliteValue(value: unknown): unknown {
  // Prisma's SQLite adapter stores DateTime as ISO text with an explicit offset.
  if (value instanceof Date) return value.toISOString().replace('Z', '+00:00');
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}
