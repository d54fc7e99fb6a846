// Every admin request checks its session. Through Prisma that is three queries (the session, its user, the user's
// permissions); this is the same look-up as one JOIN, built from the schema's table and column names only (the token
// hash is a bound parameter). DatabaseAuthBackend falls back to Prisma where the raw query cannot run.
import type { ModelMeta, SchemaMeta } from '../schema/types.ts';
import type { AdminUser } from './types.ts';
import { qualifiedTable, quoteName, type RawClient } from '../data/raw-sql-names.ts';

type Row = { expiresAt: unknown; id: unknown; username: unknown; isActive: unknown; isSuperuser: unknown; model: unknown; action: unknown };

export interface SessionLookup {
  sql: string;
}

/** The query for this schema, or null where one JOIN is not ours to write (another provider, missing fields). */
export function sessionLookupFor(schema: SchemaMeta, postgresSchema?: string | null): SessionLookup | null {
  // SQLite and PostgreSQL only, where the tests run it; MySQL keeps Prisma's three queries until they cover it there.
  if (schema.provider !== 'sqlite' && schema.provider !== 'postgresql') return null;
  const quote = (name: string) => quoteName(schema.provider, name);
  const table = (m: ModelMeta) => qualifiedTable(schema.provider, postgresSchema, m.dbName);
  const model = (name: string) => schema.models.find((m) => m.name === name);
  const session = model('AdminSession');
  const user = model('AdminUser');
  const permission = model('AdminUserPermission');
  if (!session || !user || !permission) return null;
  const col = (m: ModelMeta, field: string) => {
    const f = m.fields.find((x) => x.name === field);
    if (!f || (f.kind !== 'scalar' && f.kind !== 'enum')) throw new Error(`${m.name}.${field} is missing`);
    return quote(f.dbName ?? f.name);
  };
  try {
    const [s, u, p] = ['s', 'u', 'p'];
    const placeholder = schema.provider === 'postgresql' ? '$1' : '?';
    const sql = `SELECT ${s}.${col(session, 'expiresAt')} AS ${quote('expiresAt')}, ${u}.${col(user, 'id')} AS ${quote('id')}, `
      + `${u}.${col(user, 'username')} AS ${quote('username')}, ${u}.${col(user, 'isActive')} AS ${quote('isActive')}, `
      + `${u}.${col(user, 'isSuperuser')} AS ${quote('isSuperuser')}, ${p}.${col(permission, 'model')} AS ${quote('model')}, `
      + `${p}.${col(permission, 'action')} AS ${quote('action')} `
      + `FROM ${table(session)} ${s} JOIN ${table(user)} ${u} ON ${u}.${col(user, 'id')} = ${s}.${col(session, 'userId')} `
      + `LEFT JOIN ${table(permission)} ${p} ON ${p}.${col(permission, 'userId')} = ${u}.${col(user, 'id')} `
      + `WHERE ${s}.${col(session, 'tokenHash')} = ${placeholder}`;
    return { sql };
  } catch {
    return null;
  }
}

/** The session's user with their permissions, or null: no such session, expired, or the user is inactive. */
export async function runSessionLookup(client: unknown, lookup: SessionLookup, tokenHash: string, now = Date.now()): Promise<AdminUser | null> {
  const rows = await (client as RawClient).$queryRawUnsafe<Row[]>(lookup.sql, tokenHash);
  const first = rows[0];
  if (!first) return null;
  const expires = asDate(first.expiresAt);
  if (!expires || expires.getTime() <= now || !asBoolean(first.isActive)) return null;
  const permissions = rows.filter((r) => r.model !== null && r.model !== undefined).map((r) => `${String(r.model)}.${String(r.action)}`);
  return { id: String(first.id), username: String(first.username), isSuperuser: asBoolean(first.isSuperuser), permissions: new Set(permissions) };
}

// Raw results come back as each driver types them: a Date or a text/number timestamp, a boolean or 0/1.
function asDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(typeof value === 'bigint' ? Number(value) : (value as string | number));
  return Number.isNaN(date.getTime()) ? null : date;
}

function asBoolean(value: unknown): boolean {
  return value === true || value === 1 || value === 1n || value === '1' || value === 't' || value === 'true';
}
