// The admin's models as `init` writes them for the schema's provider. One file (admin-models.prisma) serves SQLite and
// PostgreSQL, where a String is TEXT. On MySQL/MariaDB a String is VARCHAR(191): too short for an audit entry's change
// message (a strict server refuses the save, MariaDB's default), a label of up to 200 characters, a job's message or
// its link back. There those fields are TEXT (the change message MEDIUMTEXT), without their @default(""): MySQL
// before 8.0.13 gives TEXT no default, and the admin always writes them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The models file as shipped (the package keeps src/auth/admin-models.prisma; compiled code is in dist/). */
export const ADMIN_MODELS_FILE = fileURLToPath(new URL('../../src/auth/admin-models.prisma', import.meta.url));

/** MySQL's native type of each long String field of the admin's models. */
const MYSQL_LONG_TEXT: Record<string, Record<string, string>> = {
  AdminLogEntry: { objectRepr: 'Text', changeMessage: 'MediumText' },
  AdminImportJob: { filename: 'Text' },
  AdminJob: { message: 'Text', backUrl: 'Text' },
};

/** The models file's text for a datasource provider (`sqlite`, `postgresql`, `mysql`, ...). */
export function adminModelsText(provider: string): string {
  const text = readFileSync(ADMIN_MODELS_FILE, 'utf8');
  if (provider !== 'mysql') return text;
  let model = '';
  const found: string[] = [];
  const lines = text.split('\n').map((line) => {
    model = /^model (\w+) \{/.exec(line)?.[1] ?? model;
    const field = /^(\s+)(\w+)(\s+)String(\s+@default\(""\))?\s*$/.exec(line);
    const native = field ? MYSQL_LONG_TEXT[model]?.[field[2]] : undefined;
    if (!field || !native) return line;
    found.push(`${model}.${field[2]}`);
    return `${field[1]}${field[2]}${field[3]}String @db.${native}`;
  });
  const wanted = Object.entries(MYSQL_LONG_TEXT).flatMap(([m, fields]) => Object.keys(fields).map((f) => `${m}.${f}`));
  const missing = wanted.filter((name) => !found.includes(name));
  if (missing.length) throw new Error(`admin-models.prisma has no plain String field ${missing.join(', ')}`);
  return lines.join('\n');
}
