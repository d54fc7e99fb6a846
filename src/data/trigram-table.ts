// SQLite's index for the admin's contains search (LIKE '%word%', which no b-tree serves): an FTS5 table with the
// `trigram` tokenizer per searched String column, named `<table>_<column>_trigram` (never `<table>_fts`, the table of
// `@` full-text fields, whose tokenizer splits words). It is an external-content table (content='<table>'): it holds
// the trigrams only, its rowid is the table's INTEGER PRIMARY KEY (an `Int @id`), and three triggers keep it in step
// with every INSERT, UPDATE and DELETE, as SQLite's documentation of external content tables writes them. Its MATCH
// ignores case (Unicode case folding), so its rows are a superset of LIKE's (ASCII case only): trigram-search.ts reads
// them as candidates and the search's own LIKE keeps the exact rows.
import type { ModelMeta } from '../schema/types.ts';

export function trigramTableName(table: string, column: string): string {
  return `${table}_${column}_trigram`;
}

/** Whether a `CREATE VIRTUAL TABLE` statement (from sqlite_master) makes a case-insensitive FTS5 trigram table. */
export function isTrigramTableSql(sql: string): boolean {
  return /USING\s+fts5\s*\(/i.test(sql) && /tokenize\s*=\s*['"]\s*trigram\b/i.test(sql) && !/case_sensitive\s+1/i.test(sql);
}

/** The model's key column when it is SQLite's rowid (a single `Int @id`), else null: the FTS5 rowid refers to it. */
export function rowidKeyColumn(model: ModelMeta): string | null {
  const [name, ...more] = model.primaryKey.fields;
  const key = model.fields.find((f) => f.name === name);
  return more.length === 0 && key?.kind === 'scalar' && key.type === 'Int' ? (key.dbName ?? key.name) : null;
}

/** The statements that add the trigram table of `column` to `table`, its three triggers, and fill it from the rows there. */
export function trigramTableStatements(table: string, column: string, key: string): string[] {
  const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const name = trigramTableName(table, column);
  const fts = q(name);
  const col = q(column);
  const remove = `INSERT INTO ${fts}(${fts}, rowid, ${col}) VALUES ('delete', old.${q(key)}, old.${col});`;
  const add = `INSERT INTO ${fts}(rowid, ${col}) VALUES (new.${q(key)}, new.${col});`;
  return [
    `CREATE VIRTUAL TABLE ${fts} USING fts5(${col}, content='${table.replace(/'/g, "''")}', content_rowid='${key.replace(/'/g, "''")}', tokenize='trigram');`,
    `CREATE TRIGGER ${q(`${name}_ai`)} AFTER INSERT ON ${q(table)} BEGIN ${add} END;`,
    `CREATE TRIGGER ${q(`${name}_ad`)} AFTER DELETE ON ${q(table)} BEGIN ${remove} END;`,
    `CREATE TRIGGER ${q(`${name}_au`)} AFTER UPDATE OF ${col}, ${q(key)} ON ${q(table)} BEGIN ${remove} ${add} END;`,
    `INSERT INTO ${fts}(${fts}) VALUES ('rebuild');`,
  ];
}
