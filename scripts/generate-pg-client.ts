// Dev/test only: a second Prisma client of the demo schema, for PostgreSQL. A generated client is tied to one provider
// (prisma/generated/ is the sqlite one), so tests that run the demo schema on PostgreSQL need their own client:
// this writes a copy of the schema (file or folder) with provider "postgresql" and runs `prisma generate` on it into
// prisma/generated-pg/.
//   node --import tsx scripts/generate-pg-client.ts [schema path] [--force]
// ensurePostgresClient() does the same from code, only when the schema changed since the last generation.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSchemaFiles, withProvider, type SchemaFile } from './db/apply-schema.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The demo blog's schema: a folder (multi-file schema) with the blog's models and prisma-admin-site's own. */
export const demoSchemaPath = path.join(root, 'prisma/schema');
export const postgresClientDir = path.join(root, 'prisma/generated-pg');
const stampFile = '.schema-sha256';

/**
 * Generates the PostgreSQL client of a schema (file or folder) into `outDir` unless it is there and up to date.
 * Returns the path of the generated `client.ts`.
 */
export function ensurePostgresClient(
  schemaPath = demoSchemaPath,
  outDir = postgresClientDir,
  { force = false }: { force?: boolean } = {},
): string {
  const files = readSchemaFiles(schemaPath);
  // Stale when the schema or the prisma version changes.
  const hash = createHash('sha256').update(prismaVersion());
  for (const file of files) hash.update(path.relative(schemaPath, file.path)).update('\0').update(file.content).update('\0');
  const stamp = hash.digest('hex');
  const clientFile = path.join(outDir, 'client.ts');
  const stampPath = path.join(outDir, stampFile);
  if (!force && existsSync(clientFile) && existsSync(stampPath) && readFileSync(stampPath, 'utf8') === stamp) {
    return clientFile;
  }
  const pgFiles = withOutput(withProvider(files, 'postgresql'), path.resolve(outDir));
  const tempDir = mkdtempSync(path.join(tmpdir(), 'pa-pg-client-'));
  try {
    // The copy keeps the files' layout (a folder stays a folder: Prisma reads every .prisma file under it).
    const isFolder = statSync(schemaPath).isDirectory();
    for (const file of pgFiles) {
      const target = path.join(tempDir, isFolder ? path.relative(schemaPath, file.path) : 'schema.prisma');
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, file.content);
    }
    generate(isFolder ? tempDir : path.join(tempDir, 'schema.prisma'));
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
  writeFileSync(stampPath, stamp);
  return clientFile;
}

/** Points the `prisma-client` generator's output at an absolute folder (the temp schema lives elsewhere). */
function withOutput(files: SchemaFile[], outDir: string): SchemaFile[] {
  const generator = /(\bgenerator\s+\w+\s*\{)([^}]*)\}/;
  const index = files.findIndex((file) => generator.test(file.content));
  if (index < 0) throw new Error('The schema has no generator block');
  return files.map((file, i) => {
    if (i !== index) return file;
    const match = generator.exec(file.content)!;
    const body = /\boutput\s*=/.test(match[2])
      ? match[2].replace(/\boutput\s*=\s*"[^"]*"/, `output = ${JSON.stringify(outDir)}`)
      : `${match[2]}  output = ${JSON.stringify(outDir)}\n`;
    return { ...file, content: file.content.replace(generator, `${match[1]}${body}}`) };
  });
}

function prismaVersion(): string {
  return (createRequire(import.meta.url)('prisma/package.json') as { version: string }).version;
}

function generate(schemaPath: string): void {
  const prisma = path.join(root, 'node_modules/prisma/build/index.js');
  if (!existsSync(prisma)) throw new Error('prisma is not installed: run `npm install` first');
  const env = { ...process.env };
  // Generate never runs the schema engine; the CLI only checks that its binary exists (see scripts/generate-client.ts).
  env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
  env.PRISMA_HIDE_UPDATE_MESSAGE = '1';
  const result = spawnSync(process.execPath, [prisma, 'generate', '--schema', schemaPath], { cwd: root, env, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`prisma generate failed for the PostgreSQL client:\n${result.stdout}\n${result.stderr}`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const schemaArg = args.find((arg) => !arg.startsWith('--'));
  const started = Date.now();
  const clientFile = ensurePostgresClient(schemaArg ? path.resolve(schemaArg) : demoSchemaPath, postgresClientDir, {
    force: args.includes('--force'),
  });
  console.log(`PostgreSQL client ready: ${path.relative(process.cwd(), clientFile)} (${Date.now() - started} ms)`);
}
