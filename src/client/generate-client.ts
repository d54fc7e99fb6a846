// A Prisma client for a schema known only at run time: Prisma's own `prisma generate` (the installed `prisma` package,
// as a child process) on a copy of the schema, into a cache folder keyed by the schema's content, the Prisma version
// and this module's format; `prisma-client-js` writes JavaScript, so plain Node loads it. Reused while the schema is
// unchanged; several processes may race to fill one entry (each generates into its own temporary folder and renames it
// into place; the first rename wins).
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ClientSetupError } from './client-error.ts';
import { clientPreviewFeatures, generatorBlock, withoutDatasourceUrls, withoutGenerators, type SchemaSource } from './schema-for-client.ts';
import { withoutUnknownPreviewFeatures } from '../schema/preview-features.ts';

const require = createRequire(import.meta.url);

/** Bumped when what we write into an entry changes, so old entries are not reused. */
const CACHE_FORMAT = '2';
/** Entries kept besides the one in use; older ones (by last use) are removed. */
const KEEP_ENTRIES = 8;
const GENERATOR_FILE = 'prisma-admin-site-client.prisma';

export interface GeneratedClient {
  /** The generated client's `index.js` (JavaScript: plain Node imports it). */
  clientFile: string;
  /** The cache entry's folder. */
  dir: string;
  /** False when `prisma generate` ran now, true when an earlier client of the same schema was reused. */
  reused: boolean;
}

export interface GenerateOptions {
  /**
   * The cache's root folder. Default: `$PRISMA_ADMIN_CACHE_DIR`, else `node_modules/.cache/prisma-admin-site` in the
   * `node_modules` folder that holds the `@prisma/client` prisma-admin-site uses (so the client resolves that same runtime).
   */
  cacheDir?: string;
  /** Whether the schema is a folder (multi-file schema): the copy keeps the files' layout. */
  isFolder: boolean;
  /** Extra environment for `prisma generate`. */
  env?: NodeJS.ProcessEnv;
  /** Called when the cache has no client for the schema and `prisma generate` starts (it takes seconds). */
  onGenerate?: () => void;
}

/**
 * Returns a generated client of the schema, running `prisma generate` when the cache has none for this content.
 *
 * @example
 * const { clientFile } = await ensureGeneratedClient(await loadSchemaFiles('prisma/schema.prisma'), { isFolder: false });
 * const { PrismaClient } = await import(pathToFileURL(clientFile).href);
 */
export async function ensureGeneratedClient(files: SchemaSource[], options: GenerateOptions): Promise<GeneratedClient> {
  const prisma = prismaCli();
  // Unknown preview features (removed from Prisma) would stop `prisma generate`: our copy leaves them out.
  const relative = withoutUnknownPreviewFeatures(relativeFiles(files)).files;
  const prepared = withoutGenerators(withoutDatasourceUrls(relative).files);
  const previewFeatures = clientPreviewFeatures(withoutDatasourceUrls(relative).files);
  const hash = createHash('sha256').update(`prisma-admin-site client ${CACHE_FORMAT}\0prisma ${prisma.version}\0client ${clientVersion()}\0`);
  hash.update(`${options.isFolder ? 'folder' : 'file'}\0${previewFeatures.join(',')}\0`);
  for (const file of prepared) hash.update(file.path).update('\0').update(file.content).update('\0');
  const key = hash.digest('hex').slice(0, 20);

  const root = path.resolve(options.cacheDir ?? process.env.PRISMA_ADMIN_CACHE_DIR ?? defaultCacheDir());
  const dir = path.join(root, key);
  const clientFile = path.join(dir, 'client', 'index.js');
  if (existsSync(path.join(dir, '.complete')) && existsSync(clientFile)) {
    await utimes(dir, new Date(), new Date()).catch(() => {});
    return { clientFile, dir, reused: true };
  }

  try {
    await mkdir(root, { recursive: true });
  } catch (error) {
    throw new ClientSetupError(
      `Cannot create prisma-admin-site's client cache at ${root} (${(error as Error).message}). Set PRISMA_ADMIN_CACHE_DIR to a writable folder.`,
    );
  }
  options.onGenerate?.();
  const staging = path.join(root, `${key}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  const schemaDir = await mkdtemp(path.join(tmpdir(), 'prisma-admin-site-schema-'));
  try {
    await mkdir(staging);
    const generator = generatorBlock(path.join(staging, 'client'), previewFeatures);
    const copies = options.isFolder
      ? [...prepared, { path: GENERATOR_FILE, content: generator }]
      : [{ path: 'schema.prisma', content: `${prepared[0].content}\n\n${generator}` }];
    for (const file of copies) {
      const target = path.join(schemaDir, 'schema', file.path);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, file.content);
    }
    // An empty Prisma config of our own, so the person's prisma.config.ts (which may need their environment) is not read.
    await writeFile(path.join(schemaDir, 'prisma.config.mjs'), 'export default {};\n');
    // prisma-client-js resolves @prisma/client from where it runs: the one prisma-admin-site uses.
    await symlink(runtimeNodeModules(), path.join(schemaDir, 'node_modules'), 'junction');
    await runPrismaGenerate(prisma.cli, path.join(schemaDir, 'schema', options.isFolder ? '' : 'schema.prisma'), schemaDir, options.env);
    await linkRuntime(staging, root);
    await writeFile(path.join(staging, '.complete'), new Date().toISOString());
    try {
      await rename(staging, dir);
    } catch (error) {
      // Another process filled the entry first: use theirs.
      if (!existsSync(path.join(dir, '.complete'))) throw error;
      await rm(staging, { recursive: true, force: true });
    }
  } catch (error) {
    await rm(staging, { recursive: true, force: true }).catch(() => {});
    throw error;
  } finally {
    await rm(schemaDir, { recursive: true, force: true }).catch(() => {});
  }
  await pruneCache(root, key).catch(() => {});
  return { clientFile, dir, reused: false };
}

/** Schema file paths relative to their common folder, so the cache key does not depend on where the schema lives. */
function relativeFiles(files: SchemaSource[]): SchemaSource[] {
  if (files.length === 1) return [{ path: 'schema.prisma', content: files[0].content }];
  const absolute = files.map((f) => path.resolve(f.path));
  let common = path.dirname(absolute[0]);
  while (!absolute.every((p) => p.startsWith(common + path.sep))) common = path.dirname(common);
  return files.map((f, i) => ({ path: path.relative(common, absolute[i]).split(path.sep).join('/'), content: f.content }));
}

function prismaCli(): { cli: string; version: string } {
  let packageJson: string;
  try {
    packageJson = require.resolve('prisma/package.json');
  } catch {
    throw new ClientSetupError(
      'The `prisma` package is not installed: `prisma-admin-site serve` runs its `prisma generate`. Install it beside @prisma/client (same major version): npm install --save-dev prisma',
    );
  }
  const version = (require(packageJson) as { version: string }).version;
  return { cli: path.join(path.dirname(packageJson), 'build', 'index.js'), version };
}

function clientVersion(): string {
  return (require(clientPackageJson()) as { version: string }).version;
}

function clientPackageJson(): string {
  try {
    return require.resolve('@prisma/client/package.json');
  } catch {
    throw new ClientSetupError('The `@prisma/client` package is not installed: prisma-admin-site opens the database through it. Run: npm install @prisma/client');
  }
}

/** The node_modules folder holding the @prisma/client that prisma-admin-site resolves. */
function runtimeNodeModules(): string {
  return path.dirname(path.dirname(path.dirname(clientPackageJson())));
}

function defaultCacheDir(): string {
  return path.join(runtimeNodeModules(), '.cache', 'prisma-admin-site');
}

/**
 * The generated client imports `@prisma/client/runtime/...`; Node resolves it by walking up from the client's folder.
 * Under the default cache folder that finds our @prisma/client; elsewhere a `node_modules` link in the entry does.
 */
async function linkRuntime(entry: string, root: string): Promise<void> {
  const modules = runtimeNodeModules();
  if ((root + path.sep).startsWith(modules + path.sep)) return;
  await symlink(modules, path.join(entry, 'node_modules'), 'junction');
}

function runPrismaGenerate(cli: string, schemaPath: string, cwd: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<void> {
  const env = { ...process.env, ...extraEnv, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1', NO_COLOR: '1', FORCE_COLOR: '0' };
  const args = [cli, 'generate', '--schema', schemaPath, '--config', path.join(cwd, 'prisma.config.mjs')];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => reject(new ClientSetupError(`Could not run \`prisma generate\`: ${error.message}`)));
    child.on('close', (code) => {
      if (code === 0) return resolve();
      const text = output.replace(/\u001b\[[0-9;]*m/g, '').trim();
      const offline = /binaries\.prisma\.sh|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT/.test(text);
      reject(
        new ClientSetupError(
          `\`prisma generate\` failed (exit code ${code}) while preparing the Prisma client:\n${text}` +
            (offline
              ? '\n\nPrisma\'s CLI downloads its schema engine once, on first use, and could not reach the download host. ' +
                'Run `npx prisma generate` once while online, or set PRISMA_SCHEMA_ENGINE_BINARY to an installed schema-engine binary (see Prisma\'s docs on environment variables).'
              : ''),
        ),
      );
    });
  });
}

/** Removes leftover staging folders and all but the most recently used entries. */
async function pruneCache(root: string, keep: string): Promise<void> {
  const entries = await readdir(root, { withFileTypes: true });
  const dated: { name: string; mtime: number }[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name === keep) continue;
    const full = path.join(root, entry.name);
    const info = await stat(full);
    if (entry.name.includes('.tmp-')) {
      if (Date.now() - info.mtimeMs > 60 * 60 * 1000) await rm(full, { recursive: true, force: true });
    } else {
      dated.push({ name: entry.name, mtime: info.mtimeMs });
    }
  }
  dated.sort((a, b) => b.mtime - a.mtime);
  for (const old of dated.slice(KEEP_ENTRIES)) await rm(path.join(root, old.name), { recursive: true, force: true });
}
