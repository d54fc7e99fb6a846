// `prisma-admin-site init --schema <folder>`: copies the admin's models into the schema folder (a multi-file schema), so
// the project's normal migrations create their tables.
import { copyFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, stringOption } from './args.ts';
import { CliError } from './cli-error.ts';

export const ADMIN_MODELS_FILE = fileURLToPath(new URL('../auth/admin-models.prisma', import.meta.url));
const TARGET_NAME = 'prisma-admin-site.prisma';

const HELP = `Usage: prisma-admin-site init [--schema <schema folder>]

Adds ${TARGET_NAME} (models AdminUser, AdminUserPermission, AdminSession, AdminLogEntry) to your Prisma schema
folder. Default folder: prisma/schema. Prisma reads every .prisma file of that folder as one schema; then run
\`prisma migrate dev\` (or \`prisma db push\`) to create the tables, and \`prisma-admin-site createsuperuser\`.`;

export async function initCommand(args: string[]): Promise<number> {
  const parsed = parseArgs(args, ['schema', 'help']);
  if (parsed.options.help) {
    console.log(HELP);
    return 0;
  }
  const folder = path.resolve(stringOption(parsed, 'schema') ?? 'prisma/schema');
  if (!existsSync(folder)) throw new CliError(`No schema folder at ${folder}. Pass --schema <folder> (a multi-file Prisma schema folder).`);
  if (!statSync(folder).isDirectory()) {
    throw new CliError(`${folder} is a file. The admin's models go into a schema folder: move your schema.prisma into a folder (e.g. prisma/schema/) and pass that folder (see Prisma's multi-file schemas).`);
  }
  const target = path.join(folder, TARGET_NAME);
  if (existsSync(target)) {
    if (readFileSync(target, 'utf8') === readFileSync(ADMIN_MODELS_FILE, 'utf8')) {
      console.log(`${path.relative(process.cwd(), target)} is already there and up to date.`);
      return 0;
    }
    throw new CliError(`${target} exists and differs from this version's models. Move it away and run init again.`);
  }
  copyFileSync(ADMIN_MODELS_FILE, target);
  console.log(`Added ${path.relative(process.cwd(), target)}. Next: create the tables with your usual \`prisma migrate dev\` (or \`prisma db push\`), then \`prisma-admin-site createsuperuser\`.`);
  return 0;
}
