// Dev/test only: creates the tables of a Prisma schema in a fresh database (the `prisma db push` of a fresh database),
// through Prisma's WASM schema engine: it computes the DDL from empty to the schema, and we run that script.
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import Database from 'better-sqlite3';
import pg from 'pg';
import { loadSchemaEngineWasm } from './schema-engine-wasm.ts';

export interface SchemaFile {
  path: string;
  content: string;
}

type Provider = 'sqlite' | 'postgresql' | 'mysql';

export function providerOfUrl(url: string): Provider {
  if (url.startsWith('file:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgresql';
  if (/^(mysql|mariadb):\/\//.test(url)) return 'mysql';
  throw new Error(`Unsupported database URL: ${url.split(':')[0]}:`);
}

/** The DDL script that creates every table, index and foreign key of the schema in an empty database. */
export async function ddlForSchema(files: SchemaFile[], url: string): Promise<string> {
  const { SchemaEngine } = await loadSchemaEngineWasm();
  // diff does not touch the database, but the engine wants an adapter of the right provider to pick its SQL flavour.
  const adapter = adapterFactoryFor(url);
  const engine = await SchemaEngine.new({ datamodels: files.map((f) => [f.path, f.content]) }, () => {}, bindMigrationAwareSqlAdapterFactory(adapter as never));
  try {
    const result = await engine.diff({
      from: { tag: 'empty' },
      to: { tag: 'schemaDatamodel', files },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.stdout ?? '';
  } finally {
    engine.free();
  }
}

function adapterFactoryFor(url: string) {
  switch (providerOfUrl(url)) {
    case 'sqlite':
      return new PrismaBetterSqlite3({ url: ':memory:' });
    case 'postgresql':
      return new PrismaPg({ connectionString: url });
    case 'mysql':
      throw new Error('MySQL/MariaDB schema apply is not wired yet');
  }
}

/** Applies the schema to a fresh (empty) database. */
export async function applySchema(files: SchemaFile[], url: string): Promise<void> {
  const script = await ddlForSchema(files, url);
  switch (providerOfUrl(url)) {
    case 'sqlite': {
      const db = new Database(url.slice('file:'.length));
      try {
        db.exec(script);
      } finally {
        db.close();
      }
      return;
    }
    case 'postgresql': {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(script);
      } finally {
        await client.end();
      }
      return;
    }
    case 'mysql':
      throw new Error('MySQL/MariaDB schema apply is not wired yet');
  }
}
