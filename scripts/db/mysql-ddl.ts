// Dev/test only: the MySQL/MariaDB DDL of a Prisma schema, in the shape `prisma migrate diff --from-empty --script`
// writes it. The WASM schema engine that builds the SQLite and PostgreSQL scripts (apply-schema.ts) has no MySQL
// connector ("`mysql` is not a supported connector"), and the CLI's Rust engine cannot be downloaded on the test
// machines; so the script is written here from the schema's metadata (Prisma's own parser), following migrate's
// rules: String → VARCHAR(191), DateTime → DATETIME(3), Decimal → DECIMAL(65, 30), `@db.*` native types as given,
// constraint names `<Table>_<columns>_key|idx|fkey`, and Prisma's default referential actions.
import { parseSchemaFiles } from '../../src/schema/introspect.ts';
import type { EnumMeta, ModelMeta, RelationFieldMeta, SchemaMeta, ValueFieldMeta } from '../../src/schema/types.ts';

const q = (name: string) => `\`${name.replaceAll('`', '``')}\``;
const TABLE_OPTIONS = 'DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci';

const SCALAR_SQL: Record<string, string> = {
  String: 'VARCHAR(191)', Int: 'INTEGER', BigInt: 'BIGINT', Float: 'DOUBLE', Decimal: 'DECIMAL(65, 30)', Boolean: 'BOOLEAN',
  DateTime: 'DATETIME(3)', Json: 'JSON', Bytes: 'LONGBLOB',
};

/** `@db.VarChar(255)` → `VARCHAR(255)`; `@db.UnsignedInt` → `INTEGER UNSIGNED`, as migrate names them. */
function nativeSql(name: string, args: string[]): string {
  const unsigned = /^Unsigned(.+)$/.exec(name);
  if (unsigned) return `${nativeSql(unsigned[1], args)} UNSIGNED`;
  const base = ({ Int: 'INTEGER', Double: 'DOUBLE', Float: 'FLOAT' } as Record<string, string>)[name] ?? name.toUpperCase();
  return args.length ? `${base}(${args.join(', ')})` : base;
}

function columnType(field: ValueFieldMeta, enums: EnumMeta[]): string {
  if (field.kind === 'enum') {
    const values = enums.find((e) => e.name === field.type)?.values ?? [];
    return `ENUM(${values.map((v) => `'${v.dbName.replaceAll("'", "''")}'`).join(', ')})`;
  }
  if (field.isList) throw new Error(`MySQL has no scalar lists (${field.name} ${field.type}[])`);
  return field.nativeType ? nativeSql(field.nativeType.name, field.nativeType.args) : SCALAR_SQL[field.type];
}

function defaultSql(field: ValueFieldMeta): string {
  const d = field.default;
  if (!d) return '';
  if (d.kind === 'function') {
    if (d.name === 'autoincrement') return ' AUTO_INCREMENT';
    if (d.name === 'now') return ` DEFAULT CURRENT_TIMESTAMP(${field.kind === 'scalar' && field.nativeType?.args[0] ? field.nativeType.args[0] : 3})`;
    return ''; // uuid(), cuid(), nanoid(): made by the client, not the database
  }
  const v = d.value;
  if (v === null || Array.isArray(v)) return '';
  if (typeof v === 'boolean') return ` DEFAULT ${v ? 'true' : 'false'}`;
  if (typeof v === 'number') return ` DEFAULT ${v}`;
  if (field.kind === 'scalar' && (field.type === 'Json' || (field.type === 'String' && /TEXT|BLOB/i.test(field.nativeType?.name ?? '')))) return ` DEFAULT ('${v.replaceAll("'", "''")}')`;
  if (field.kind === 'scalar' && (field.type === 'Int' || field.type === 'BigInt' || field.type === 'Float' || field.type === 'Decimal')) return ` DEFAULT ${v}`;
  if (field.kind === 'scalar' && field.type === 'DateTime') return ` DEFAULT '${new Date(v).toISOString().replace('T', ' ').replace('Z', '')}'`;
  const enumValue = field.kind === 'enum' ? v : v;
  return ` DEFAULT '${String(enumValue).replaceAll("'", "''")}'`;
}

const columnOf = (model: ModelMeta, name: string) => {
  const field = model.fields.find((f) => f.name === name);
  return field && field.dbName ? field.dbName : name;
};

function createTable(model: ModelMeta, schema: SchemaMeta): string {
  const lines: string[] = [];
  for (const field of model.fields) {
    if (field.kind !== 'scalar' && field.kind !== 'enum') continue;
    lines.push(`    ${q(field.dbName ?? field.name)} ${columnType(field, schema.enums)} ${field.isRequired ? 'NOT NULL' : 'NULL'}${defaultSql(field)}`);
  }
  const cols = (names: string[]) => names.map((n) => q(columnOf(model, n))).join(', ');
  const nameOf = (names: string[], suffix: string) => q(`${model.dbName}_${names.map((n) => columnOf(model, n)).join('_')}_${suffix}`);
  for (const unique of model.uniques) lines.push(`    UNIQUE INDEX ${nameOf(unique.fields, 'key')}(${cols(unique.fields)})`);
  const declared = new Set([JSON.stringify(model.primaryKey.fields), ...model.uniques.map((u) => JSON.stringify(u.fields))]);
  for (const index of model.indexes) {
    const names = index.fields.map((f) => f.name);
    if (declared.has(JSON.stringify(names))) continue;
    declared.add(JSON.stringify(names));
    lines.push(`    INDEX ${nameOf(names, 'idx')}(${index.fields.map((f) => `${q(columnOf(model, f.name))}${f.sort === 'desc' ? ' DESC' : ''}`).join(', ')})`);
  }
  if (model.primaryKey.fields.length) lines.push(`    PRIMARY KEY (${cols(model.primaryKey.fields)})`);
  return `CREATE TABLE ${q(model.dbName)} (\n${lines.join(',\n')}\n) ${TABLE_OPTIONS};`;
}

function foreignKey(model: ModelMeta, relation: RelationFieldMeta, schema: SchemaMeta): string {
  const target = schema.models.find((m) => m.name === relation.type)!;
  const from = relation.fromFields.map((n) => columnOf(model, n));
  const onDelete = relation.onDelete ?? (relation.fromFields.every((n) => (model.fields.find((f) => f.name === n) as ValueFieldMeta).isRequired) ? 'Restrict' : 'SetNull');
  const action = (a: string) => ({ Cascade: 'CASCADE', Restrict: 'RESTRICT', NoAction: 'NO ACTION', SetNull: 'SET NULL', SetDefault: 'SET DEFAULT' })[a]!;
  return `ALTER TABLE ${q(model.dbName)} ADD CONSTRAINT ${q(`${model.dbName}_${from.join('_')}_fkey`)} FOREIGN KEY (${from.map(q).join(', ')}) ` +
    `REFERENCES ${q(target.dbName)}(${relation.toFields.map((n) => q(columnOf(target, n))).join(', ')}) ON DELETE ${action(onDelete)} ON UPDATE ${action(relation.onUpdate ?? 'Cascade')};`;
}

/** An implicit many-to-many join table `_AToB`: columns A and B, ends sorted by model name, as Prisma makes it. */
function joinTable(relationName: string, a: ModelMeta, b: ModelMeta, schema: SchemaMeta): string[] {
  const table = `_${relationName}`;
  const idOf = (m: ModelMeta) => m.fields.find((f) => f.name === m.primaryKey.fields[0]) as ValueFieldMeta;
  return [
    `CREATE TABLE ${q(table)} (\n    ${q('A')} ${columnType(idOf(a), schema.enums)} NOT NULL,\n    ${q('B')} ${columnType(idOf(b), schema.enums)} NOT NULL,\n` +
      `    UNIQUE INDEX ${q(`${table}_AB_unique`)}(${q('A')}, ${q('B')}),\n    INDEX ${q(`${table}_B_index`)}(${q('B')})\n) ${TABLE_OPTIONS};`,
    `ALTER TABLE ${q(table)} ADD CONSTRAINT ${q(`${table}_A_fkey`)} FOREIGN KEY (${q('A')}) REFERENCES ${q(a.dbName)}(${q(columnOf(a, a.primaryKey.fields[0]))}) ON DELETE CASCADE ON UPDATE CASCADE;`,
    `ALTER TABLE ${q(table)} ADD CONSTRAINT ${q(`${table}_B_fkey`)} FOREIGN KEY (${q('B')}) REFERENCES ${q(b.dbName)}(${q(columnOf(b, b.primaryKey.fields[0]))}) ON DELETE CASCADE ON UPDATE CASCADE;`,
  ];
}

/** The script that creates every table, index and foreign key of a MySQL schema in an empty database (views: none). */
export function mysqlDdl(files: { path: string; content: string }[]): string {
  const schema = parseSchemaFiles(files);
  const tables: string[] = [];
  const keys: string[] = [];
  const joins = new Set<string>();
  for (const model of schema.models) {
    if (model.isView) continue;
    tables.push(createTable(model, schema));
    for (const field of model.fields) {
      if (field.kind !== 'relation') continue;
      if (field.fromFields.length) keys.push(foreignKey(model, field, schema));
      else if (field.isImplicitManyToMany && !joins.has(field.relationName)) {
        joins.add(field.relationName);
        const [a, b] = [model, schema.models.find((m) => m.name === field.type)!].sort((x, y) => (x.name < y.name ? -1 : 1));
        const [create, ...fks] = joinTable(field.relationName, a, b, schema);
        tables.push(create);
        keys.push(...fks);
      }
    }
  }
  return `${[...tables, ...keys].join('\n\n')}\n`;
}
