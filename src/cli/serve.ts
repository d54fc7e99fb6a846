// `prisma-admin-site serve`: the whole admin over an existing schema and database, with no code. It checks the schema,
// the URL, the config and the tables, gets a Prisma client of the schema (generated once into a cache), and serves.
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { hasAdminModels } from '../auth/backend-for-schema.ts';
import { EnvironmentAuthBackend, MissingCredentialsError } from '../auth/environment-backend.ts';
import { ensureGeneratedClient } from '../client/generate-client.ts';
import { openPrismaClient, type OpenedClient } from '../client/open-client.ts';
import { parseArgs, stringOption } from './args.ts';
import { startProgress, type Progress } from './progress.ts';
import { CliError } from './cli-error.ts';
import { openSqlConnection } from './sql-connection.ts';
import { checkTables, datasourceSchemas, missingTablesMessage } from './table-check.ts';
import { resolveTarget, TARGET_OPTIONS_HELP } from './target.ts';
import { rewriteMalformedUrl } from '../http/malformed-url.ts';
import { servedModelsSummary } from '../admin/read-only.ts';
import { isServeWorker, leaveCluster, reportListening, runWorkers, workersOption, workerStopSignal } from './workers.ts';

const HELP = `Usage: prisma-admin-site serve --schema <file or folder> --url <database URL> [options]

Serves the admin over every model of an existing Prisma schema and its database. The first run generates a Prisma
client for the schema with \`prisma generate\` into a cache (node_modules/.cache/prisma-admin-site, or
$PRISMA_ADMIN_CACHE_DIR); later runs reuse it while the schema is unchanged.

Options:
${TARGET_OPTIONS_HELP}
  --port <n>        Port to listen on. Default: $PORT, else 3000 (0 picks a free one).
  --host <host>     Address to listen on. Default: 127.0.0.1 (this machine only; 0.0.0.0 for every interface).
  --prefix <path>   URL prefix of the admin. Default: /admin.
  --workers <n>     Processes answering on the port (node's cluster module; a dead one is restarted).
                    Default: one per CPU. 1 serves in this process.

Who may log in: when the schema has the admin's models (\`prisma-admin-site init\`), its users
(\`prisma-admin-site createsuperuser\`); otherwise the single superuser of ADMIN_USERNAME and ADMIN_PASSWORD.

Example:
  ADMIN_USERNAME=admin ADMIN_PASSWORD='a long password' \\
    npx prisma-admin-site serve --schema prisma/schema.prisma --url file:./prisma/dev.db`;

export async function serveCommand(args: string[]): Promise<number> {
  const parsed = parseArgs(args, ['schema', 'url', 'config', 'port', 'host', 'prefix', 'workers', 'help']);
  if (parsed.options.help) {
    console.log(HELP);
    return 0;
  }
  if (parsed.positional.length) throw new CliError(`Unexpected argument “${parsed.positional[0]}”. Run \`prisma-admin-site serve --help\`.`);
  const port = portOption(stringOption(parsed, 'port') ?? process.env.PORT ?? '3000');
  const host = stringOption(parsed, 'host') ?? '127.0.0.1';
  const worker = isServeWorker();
  const workers = worker ? 1 : workersOption(stringOption(parsed, 'workers'));
  // The admin itself (fastify, views, templates) loads only now, so that --help answers at once.
  const [{ default: Fastify }, { admin }, { normalizePrefix }] = await Promise.all([import('fastify'), import('../plugin.ts'), import('../http/server.ts')]);
  const prefix = normalizePrefix(stringOption(parsed, 'prefix') ?? '/admin');

  const target = await resolveTarget(parsed);
  if (!hasAdminModels(target.schema)) {
    try {
      EnvironmentAuthBackend.fromEnvironment();
    } catch (error) {
      if (error instanceof MissingCredentialsError) throw new CliError(error.message);
      throw error;
    }
  }

  // A worker's primary has checked the tables and generated the client already.
  if (!worker) await requireTables(target);

  const started = Date.now();
  let progress: Progress | undefined;
  const generated = await ensureGeneratedClient(target.files, {
    isFolder: target.isFolder,
    onGenerate: () => (progress = startProgress('Generating the Prisma client for this schema (once; reused while the schema is unchanged)')),
  }).finally(() => progress?.stop());
  if (!worker) console.log(generated.reused ? `Prisma client: reused from ${generated.dir}` : `Prisma client: generated into ${generated.dir} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  const shownHost = host.includes(':') ? `[${host}]` : host;
  const banner = (actualPort: number) => {
    const processes = workers > 1 ? ` in ${workers} worker processes` : '';
    console.log(`Serving ${servedModelsSummary(target.schema.models)} of ${target.schemaPath} from ${target.database.describe}${target.configFile ? `, configured by ${target.configFile}` : ''}${processes}.`);
    console.log(`Admin: http://${shownHost}:${actualPort}${prefix}/   (Ctrl+C stops it)`);
  };
  if (workers > 1) {
    const code = await runWorkers(workers, { onReady: banner, stopSignal: stopSignal() });
    if (code === 0) console.log('Stopped.');
    return code;
  }

  let prisma: OpenedClient | undefined;
  const app = Fastify({ loggerInstance: stderrLogger(), trustProxy: true, rewriteUrl: rewriteMalformedUrl(prefix) });
  try {
    prisma = await openPrismaClient(generated.clientFile, target.database);
    await app.register(admin, { schema: target.schema, prisma, site: target.site, prefix, postgresSchema: target.database.pgSchema });
    if (prefix !== '') app.get('/', (_request, reply) => reply.redirect(`${prefix}/`));
    // Browsers ask the site's root for /favicon.ico whatever the page says: the admin's own icon.
    if (prefix !== '') app.get('/favicon.ico', (_request, reply) => reply.redirect(`${prefix}/static/favicon.svg`, 301));
    await listen(app, port, host);
    const address = app.server.address();
    const actualPort = typeof address === 'object' && address ? address.port : port;
    if (worker) {
      reportListening(actualPort);
      await workerStopSignal();
      return 0;
    }
    banner(actualPort);
    await stopSignal();
    console.log('Stopping.');
    return 0;
  } finally {
    await app.close().catch(() => {});
    await prisma?.$disconnect().catch(() => {});
    leaveCluster();
  }
}

async function requireTables(target: Awaited<ReturnType<typeof resolveTarget>>): Promise<void> {
  const db = await openSqlConnection(target.database.url);
  try {
    const missing = (await checkTables(db, target.schema, datasourceSchemas(target.files))).filter((t) => !t.present);
    if (missing.length) throw new CliError(missingTablesMessage(missing, `The database (${target.database.describe})`));
  } finally {
    await db.close().catch(() => {});
  }
}

function portOption(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new CliError(`--port must be a number from 0 to 65535, not “${text}”.`);
  return port;
}

async function listen(app: FastifyInstance, port: number, host: string): Promise<void> {
  try {
    await app.listen({ port, host });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE') throw new CliError(`Port ${port} on ${host} is already in use by another program. Stop it, or pass --port <another port>.`);
    if (code === 'EACCES') throw new CliError(`Not allowed to listen on port ${port} (ports below 1024 need extra rights). Pass --port 3000 or another above 1023.`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      throw new CliError(`Cannot listen on ${host}: it is not an address of this machine. Use --host 127.0.0.1 (this machine only) or 0.0.0.0 (every interface).`);
    }
    throw error;
  }
}

function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

/**
 * Fastify's logger for a terminal: warnings and errors as one line on stderr (a page that failed, the database
 * being unreachable), nothing else. pino's JSON lines are for log collectors, not for a person at a prompt.
 */
function stderrLogger(): FastifyBaseLogger {
  const write = (level: string) => (first: unknown, second?: unknown) => {
    const err = typeof first === 'object' && first !== null ? ((first as { err?: Error }).err ?? (first instanceof Error ? first : undefined)) : undefined;
    const message = typeof first === 'string' ? first : typeof second === 'string' ? second : '';
    const detail = err ? `${message ? ': ' : ''}${err.message.replace(/\s+/g, ' ').trim()}` : '';
    process.stderr.write(`[${new Date().toISOString()}] ${level}: ${message}${detail}\n`);
  };
  const noop = () => {};
  const logger = {
    level: 'warn',
    fatal: write('fatal'),
    error: write('error'),
    warn: write('warn'),
    info: noop,
    debug: noop,
    trace: noop,
    silent: noop,
    child: () => logger,
  };
  return logger as unknown as FastifyBaseLogger;
}
