// Which of the schema's tables the database has: one per model (`@@map` name), one per view, and the join table of
// each implicit many-to-many relation (`_CategoryToPost`). Used by `check` (a report) and `serve` (refuses to start
// when tables are missing, naming them).
import { get_config } from '@prisma/prisma-schema-wasm';
import type { SchemaSource } from '../client/schema-for-client.ts';
import type { SchemaMeta } from '../schema/types.ts';
import type { SqlConnection } from './sql-connection.ts';

export interface TableStatus {
  /** The model (or `A ↔ B` for an implicit many-to-many join table). */
  owner: string;
  table: string;
  kind: 'table' | 'view' | 'join table';
  present: boolean;
}

export function expectedTables(schema: SchemaMeta): Omit<TableStatus, 'present'>[] {
  const expected: Omit<TableStatus, 'present'>[] = schema.models.map((m) => ({ owner: m.name, table: m.dbName, kind: m.isView ? 'view' : 'table' }));
  const joins = new Set<string>();
  for (const model of schema.models) {
    for (const field of model.fields) {
      if (field.kind !== 'relation' || !field.isImplicitManyToMany || joins.has(field.relationName)) continue;
      joins.add(field.relationName);
      const ends = [model.name, field.type].sort();
      expected.push({ owner: `${ends[0]} ↔ ${ends[1]}`, table: `_${field.relationName}`, kind: 'join table' });
    }
  }
  return expected;
}

/** The PostgreSQL schemas of a multi-schema datasource (`schemas = [...]`), if any. */
export function datasourceSchemas(files: SchemaSource[]): string[] {
  const params = { prismaSchema: files.map((f) => [f.path, f.content]), ignoreEnvVarErrors: true, env: {} };
  const parsed = JSON.parse(get_config(JSON.stringify(params))) as { config?: { datasources?: { schemas?: string[] }[] } };
  return parsed.config?.datasources?.[0]?.schemas ?? [];
}

export async function checkTables(db: SqlConnection, schema: SchemaMeta, multiSchemas: string[]): Promise<TableStatus[]> {
  const expected = expectedTables(schema);
  if (db.provider === 'postgresql') {
    const schemas = multiSchemas.length ? multiSchemas : [db.target.pgSchema ?? 'public'];
    const names = new Set((await db.tables(schemas)).map((qualified) => qualified.slice(qualified.indexOf('.') + 1)));
    return expected.map((t) => ({ ...t, present: names.has(t.table) }));
  }
  const tables = await db.tables();
  // MySQL table names follow the server's lower_case_table_names; compare without case there.
  const fold = db.provider === 'mysql' ? (s: string) => s.toLowerCase() : (s: string) => s;
  const names = new Set(tables.map(fold));
  return expected.map((t) => ({ ...t, present: names.has(fold(t.table)) }));
}

/** One missing table per line; views get their own advice, since `prisma db push` never creates a view. */
export function missingTablesMessage(missing: TableStatus[], where: string): string {
  const describe = (t: TableStatus) => (t.kind === 'join table' ? `join table of ${t.owner}` : `${t.kind} of ${t.owner}`);
  const tables = missing.filter((t) => t.kind !== 'view');
  const views = missing.filter((t) => t.kind === 'view');
  const count = missing.length === 1 ? (views.length ? 'a view' : 'a table') : `${missing.length} ${views.length === missing.length ? 'views' : tables.length === missing.length ? 'tables' : 'tables and views'}`;
  const lines = [`${where} lacks ${count} of the schema:`, ...missing.map((t) => `  - ${t.table} (${describe(t)})`)];
  if (tables.length) {
    lines.push('Create the tables with `npx prisma migrate deploy` (from your migrations) or `npx prisma db push`.');
  }
  if (views.length) {
    lines.push(
      'Create each view from its `CREATE VIEW` statement: the SQL of the migration that defines it (Prisma never writes it; ' +
        'add it to a migration by hand and run `npx prisma migrate deploy`). `prisma db push` does not create views.',
    );
  }
  lines.push('Or check that the URL points at the right database.');
  return lines.join('\n');
}
