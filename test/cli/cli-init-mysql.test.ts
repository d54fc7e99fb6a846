// `init` writes the admin's models as the schema's provider stores them: on MySQL/MariaDB the long texts (an audit
// entry's change message and label, a job's message and link, an import's file name) as TEXT, since a plain String is
// VARCHAR(191) there; elsewhere the shipped file as it is. A second init finds it up to date.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { datasourceBlock, type CliProvider } from './support/cli-fixture.ts';
import { runCli } from './support/cli-process.ts';

const SHIPPED = readFileSync(new URL('../../src/auth/admin-models.prisma', import.meta.url), 'utf8');
const MODELS = 'model Post {\n  id    Int    @id @default(autoincrement())\n  title String\n}\n';
const dirs: string[] = [];
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

async function initIn(provider: CliProvider): Promise<{ dir: string; models: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'pa-cli-init-'));
  dirs.push(dir);
  mkdirSync(path.join(dir, 'prisma/schema'), { recursive: true });
  writeFileSync(path.join(dir, 'prisma/schema/schema.prisma'), `${datasourceBlock(provider)}\n${MODELS}`);
  const result = await runCli(['init', '--schema', 'prisma/schema'], { cwd: dir });
  assert.equal(result.code, 0, result.stdout + result.stderr);
  return { dir, models: readFileSync(path.join(dir, 'prisma/schema/prisma-admin-site.prisma'), 'utf8') };
}

test('on MySQL the long texts of the admin models are TEXT, without a default; a second init finds them up to date', async () => {
  const { dir, models } = await initIn('mysql');
  const field = (model: string, name: string) => new RegExp(`^model ${model} \\{[^}]*^\\s+${name}\\s+(.*)$`, 'm').exec(models)?.[1].trim();
  assert.equal(field('AdminLogEntry', 'changeMessage'), 'String @db.MediumText');
  assert.equal(field('AdminLogEntry', 'objectRepr'), 'String @db.Text');
  assert.equal(field('AdminJob', 'message'), 'String @db.Text');
  assert.equal(field('AdminJob', 'backUrl'), 'String @db.Text');
  assert.equal(field('AdminImportJob', 'filename'), 'String @db.Text');
  assert.equal(models.split('\n').length, SHIPPED.split('\n').length, 'only those lines differ');
  const again = await runCli(['init', '--schema', 'prisma/schema'], { cwd: dir });
  assert.equal(again.code, 0, again.stdout + again.stderr);
  assert.match(again.stdout, /already there and up to date/);
});

test('on SQLite and PostgreSQL the shipped file as it is', async () => {
  for (const provider of ['sqlite', 'postgresql'] as const) assert.equal((await initIn(provider)).models, SHIPPED, provider);
});
