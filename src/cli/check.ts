// `prisma-admin-site check`: everything `serve` checks before it serves — the schema, the URL, the config, the connection
// and each model's table — as a report. Exit code 0 when every table is there, 1 otherwise.
import { parseArgs } from './args.ts';
import { CliError } from './cli-error.ts';
import { openSqlConnection } from './sql-connection.ts';
import { checkTables, datasourceSchemas, missingTablesMessage } from './table-check.ts';
import { resolveTarget, TARGET_OPTIONS_HELP } from './target.ts';
import { hasAdminModels } from '../auth/backend-for-schema.ts';
import { orderIndexes, type OrderIndexStatus } from './order-indexes.ts';
import { listIndexes, printListIndexes, type ListIndexStatus } from './list-indexes.ts';
import { readOnlyReason } from '../admin/read-only.ts';
import type { SchemaMeta } from '../schema/types.ts';

const HELP = `Usage: prisma-admin-site check --schema <file or folder> --url <database URL> [--config <file>]

Validates the schema and the admin config, connects to the database and reports each model's table as present or
missing, without serving, then the index each admin's search fields, default order and list filters need: served by an
existing index, or the line to add. Exit code 0 when every table is present, 1 otherwise.

Options:
${TARGET_OPTIONS_HELP}`;

export async function checkCommand(args: string[]): Promise<number> {
  const parsed = parseArgs(args, ['schema', 'url', 'config', 'help']);
  if (parsed.options.help) {
    console.log(HELP);
    return 0;
  }
  if (parsed.positional.length) throw new CliError(`Unexpected argument “${parsed.positional[0]}”. Run \`prisma-admin-site check --help\`.`);
  const target = await resolveTarget(parsed);
  const models = target.schema.models.length;
  console.log(`Schema    ${target.schemaPath}: valid (${target.schema.provider}, ${models} model${models === 1 ? '' : 's'})`);
  if (target.configFile) console.log(`Config    ${target.configFile}: valid (${target.site.registeredModelNames().length} registered)`);
  console.log(
    `Users     ${hasAdminModels(target.schema) ? "the admin's models (AdminUser, ...)" : process.env.ADMIN_USERNAME && process.env.ADMIN_PASSWORD ? 'ADMIN_USERNAME / ADMIN_PASSWORD' : 'none yet: set ADMIN_USERNAME and ADMIN_PASSWORD before `serve`, or run `prisma-admin-site init`'}`,
  );

  const db = await openSqlConnection(target.database.url);
  let statuses;
  let indexes: ListIndexStatus[] = [];
  try {
    console.log(`Database  ${target.database.describe}: connected`);
    statuses = await checkTables(db, target.schema, datasourceSchemas(target.files));
    if (statuses.every((s) => s.present)) indexes = await listIndexes(db, target.schema, target.site);
  } finally {
    await db.close().catch(() => {});
  }
  const width = Math.max(...statuses.map((s) => s.table.length));
  console.log('Tables');
  for (const s of statuses) console.log(`  ${s.present ? 'present' : 'MISSING'}  ${s.table.padEnd(width)}  ${s.kind === 'join table' ? `join table of ${s.owner}` : `${s.kind} of ${s.owner}`}`);
  const missing = statuses.filter((s) => !s.present);
  if (missing.length) {
    console.error(`Error: ${missingTablesMessage(missing, 'The database')}`);
    return 1;
  }
  console.log(`All ${statuses.length} tables present.`);
  printReadOnly(target.schema);
  printOrderIndexes(orderIndexes(target.schema, target.site));
  printListIndexes(indexes);
  return 0;
}

/** Models the admin lists but never writes, each with its reason. */
function printReadOnly(schema: SchemaMeta): void {
  const readOnly = schema.models.map((m) => ({ name: m.name, reason: readOnlyReason(m) })).filter((m) => m.reason !== null);
  if (!readOnly.length) return;
  const width = Math.max(...readOnly.map((m) => m.name.length));
  console.log('Read-only models (listed with search, filters and sort; no add, change or delete)');
  for (const m of readOnly) console.log(`  ${m.name.padEnd(width)}  ${m.reason}`);
}

function printOrderIndexes(statuses: OrderIndexStatus[]): void {
  if (!statuses.length) return;
  const width = Math.max(...statuses.map((s) => s.model.length));
  console.log('List orders (an index with the order and the primary key keeps deep pages fast)');
  for (const s of statuses) {
    const advice = s.indexed ? '' : s.suggestion ? `  add ${s.suggestion} to model ${s.model}` : '  ordered through a relation: no index can serve it';
    console.log(`  ${s.indexed ? 'indexed ' : 'no index'}  ${s.model.padEnd(width)}  ${s.order}${advice}`);
  }
}
