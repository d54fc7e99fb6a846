// The admin as a fastify plugin: `app.register(admin, { prefix: '/admin', schema, prisma })`.
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import view from '@fastify/view';
import type { FastifyPluginAsync } from 'fastify';
import { validatePagePermissions } from './admin/admin-page.ts';
import { DEFAULT_BULK_BATCH_SIZE } from './data/bulk-selection.ts';
import { AdminSite } from './admin/admin-site.ts';
import { readSchema } from './schema/introspect.ts';
import type { SchemaMeta } from './schema/types.ts';
import { buildModelRegistry } from './admin/model-registry.ts';
import { withModelLabels } from './admin/model-labels.ts';
import type { AdminContext } from './admin/context.ts';
import type { PrismaClientLike } from './data/delegates.ts';
import { errorPage } from './http/errors.ts';
import { isDatabaseUnavailable } from './data/database-unavailable.ts';
import { DatabaseBusyError } from './data/sqlite-long-runs.ts';
import { DEFAULT_FORM_LIMITS, FormTooLargeError, parseUrlencoded } from './http/form-body.ts';
import { formatBytes } from './forms/messages.ts';
import { registerRoutes } from './http/routes.ts';
import { createEta, OUR_STATIC, TemplateLookup } from './http/templates.ts';
import rateLimit from '@fastify/rate-limit';
import { loginRateStore } from './http/security/login-rate-store.ts';
import { ESTIMATE_THRESHOLD } from './data/estimated-count.ts';
import { SQLITE_COUNT_BOUND } from './data/sqlite-bounded-count.ts';
import { authBackendFor, hasAuditLog } from './auth/backend-for-schema.ts';
import type { AuthBackend } from './auth/types.ts';
import { registerAuthentication } from './http/security/authenticate.ts';
import { registerCsrf } from './http/security/csrf.ts';
import { registerSecurityHeaders } from './http/security/headers.ts';

export interface AdminPluginOptions {
  /** The Prisma schema: a path to `schema.prisma` or a schema folder, or metadata from `readSchema`. */
  schema: string | SchemaMeta;
  /** The user's Prisma client (generated from that schema, with its driver adapter). */
  prisma: unknown;
  /** Registered models and site options; every model gets the default admin when omitted. */
  site?: AdminSite;
  /** A folder of the user's templates that override ours (`<folder>/<model>/<page>.eta` or `<folder>/<page>.eta`). */
  templates?: string;
  /** Largest accepted upload (Bytes fields), in bytes. Default 10 MiB. */
  maxUploadBytes?: number;
  /**
   * Where users come from. Default: the admin's own models (AdminUser, ...) when the schema has them, else the single
   * superuser of ADMIN_USERNAME / ADMIN_PASSWORD (the admin refuses to start without them).
   */
  auth?: AuthBackend;
  /**
   * Lists estimated to match more rows than this show the planner's estimate instead of counting them (PostgreSQL;
   * filtered lists on MySQL / MariaDB too, where an index narrows them); on SQLite, which keeps no estimate, a
   * filtered or searched list is counted up to this many rows and shows "more than N". The exact count is one click
   * away. Default 50,000; 10,000 on SQLite.
   */
  countEstimateAbove?: number;
  /**
   * PostgreSQL: the statement timeout of a list page's queries, in milliseconds (0: none). A search, filter or sort
   * that takes longer answers the page with "this search took too long" and the index that would serve it.
   * Default 10,000.
   */
  listQueryTimeout?: number;
  /** PostgreSQL: the statement timeout of "count exactly", in milliseconds (0: none). Default 60,000. */
  exactCountTimeout?: number;
  /**
   * PostgreSQL: the schema your driver adapter was given (`new PrismaPg(pool, { schema: 'sales' })`; the CLI takes it
   * from `?schema=`). The admin's few raw queries (related labels, estimated counts, the session check) name their
   * tables in it. Default: unqualified names, i.e. the connection's search_path (`public`).
   */
  postgresSchema?: string;
  /**
   * An import's confirm or a bulk action / edit over more rows than this runs as a job: the request answers at once
   * with the job's page (rows done of all, refreshing itself), the run goes on in one transaction. Default 5,000.
   */
  runAsJobAbove?: number;
  /** Login attempts allowed per client IP per minute. Default 10. */
  loginAttemptsPerMinute?: number;
  /**
   * Rows per query and per write of a bulk run (select all N, edit / delete / export selected). Default 2,000; a
   * model with a compound primary key takes at most 500 (SQLite refuses an OR of more than 1,000 terms).
   */
  bulkBatchSize?: number;
  /**
   * The longest an import's confirm may run, in milliseconds: its rows are written in one transaction, rolled back
   * whole when it takes longer (the page says so). Default 600,000 (10 minutes).
   */
  importTimeout?: number;
}

/** README: Long runs. */
const RUN_AS_JOB_ABOVE = 5_000;

const adminPlugin: FastifyPluginAsync<AdminPluginOptions> = async (app, options) => {
  const site = options.site ?? new AdminSite();
  const schema = withModelLabels(typeof options.schema === 'string' ? await readSchema(options.schema) : options.schema, site);
  const production = process.env.NODE_ENV === 'production';
  const templates = new TemplateLookup(options.templates, production);
  const ctx: AdminContext = {
    schema,
    prisma: options.prisma as PrismaClientLike,
    site,
    prefix: app.prefix.replace(/\/$/, ''),
    models: buildModelRegistry(schema, site),
    templates,
    auth: options.auth ?? authBackendFor(schema, options.prisma, options.postgresSchema),
    auditLog: hasAuditLog(schema),
    countEstimateAbove: options.countEstimateAbove ?? (schema.provider === 'sqlite' ? SQLITE_COUNT_BOUND : ESTIMATE_THRESHOLD),
    listQueryTimeout: options.listQueryTimeout ?? 10_000,
    exactCountTimeout: options.exactCountTimeout ?? 60_000,
    postgresSchema: options.postgresSchema ?? null,
    bulkBatchSize: options.bulkBatchSize ?? DEFAULT_BULK_BATCH_SIZE,
    runAsJobAbove: options.runAsJobAbove ?? RUN_AS_JOB_ABOVE,
    importTimeout: options.importTimeout,
  };

  const modelNames = [...ctx.models.values()].map((a) => a.model.name);
  validatePagePermissions('AdminSite.pages', site.pages, modelNames);
  for (const resolved of ctx.models.values()) validatePagePermissions(`${resolved.model.name}Admin.pages`, resolved.admin.pages ?? [], modelNames);

  await app.register(cookie);
  const limits = DEFAULT_FORM_LIMITS;
  const maxUploadBytes = options.maxUploadBytes ?? 10 * 1024 * 1024;
  app.decorate('adminMaxUploadBytes', maxUploadBytes);
  await app.register(formbody, { bodyLimit: limits.maxTextBytes, parser: (body) => parseUrlencoded(body, limits) });
  // Every file input is a part even when empty (an inline of 1,000 rows with a file column); readForm counts the
  // non-empty ones. A file over fileSize arrives cut and flagged (not thrown), so the form can say so beside it.
  await app.register(multipart, {
    throwFileSizeLimit: false,
    limits: { fileSize: maxUploadBytes, fields: limits.maxFields, files: limits.maxFields, parts: limits.maxFields, fieldSize: limits.maxTextBytes },
  });
  // @fastify/view's production flag only turns eta's cache on (it reconfigures it before every render); our eta keeps
  // compiled templates in every mode and, outside production, compiles an edited file again (createEta).
  await app.register(view, { engine: { eta: createEta(templates, !production) }, root: templates.page('index').replace(/index\.eta$/, ''), production: true });
  await app.register(fastifyStatic, { root: OUR_STATIC, prefix: '/static/', decorateReply: false, maxAge: production ? 3600_000 : 0 });
  // Pages name their icon; a browser that asks for /favicon.ico anyway gets it too, not the model "favicon.ico".
  app.get('/favicon.ico', (_request, reply) => reply.redirect(`${ctx.prefix}/static/favicon.svg`, 301));
  await registerSecurityHeaders(app);
  await registerCsrf(app, ctx.prefix);
  // The login rate limit counts in the database when the schema has AdminLoginThrottle; otherwise per process.
  await app.register(rateLimit, { global: false, ...(ctx.auth.throttle?.scope === 'database' ? { store: loginRateStore(ctx.auth.throttle) } : {}) });
  registerAuthentication(app, ctx);

  app.setNotFoundHandler((request, reply) => errorPage(ctx, request, reply, 404, 'Not found', 'There is no such page in this admin.'));
  app.setErrorHandler(async (error, request, reply) => {
    if (isDatabaseUnavailable(error)) {
      request.log.error({ err: error }, 'database unavailable');
      return errorPage(ctx, request, reply, 503, 'Database unavailable', 'The database cannot be reached right now. Try again in a moment.');
    }
    if (error instanceof DatabaseBusyError) {
      return errorPage(ctx, request, reply.header('retry-after', '10'), 503, 'Database busy', error.message);
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 403) {
      return errorPage(ctx, request, reply, 403, 'Forbidden', 'The form was stale or did not come from this admin (CSRF check failed). Go back, reload the page and try again.');
    }
    if (status === 413) {
      const message = error instanceof FormTooLargeError ? error.message : `The form is larger than the ${formatBytes(limits.maxTextBytes)} this admin accepts. Nothing was saved.`;
      return errorPage(ctx, request, reply, 413, 'Form too large', message);
    }
    if (status === 429) {
      return errorPage(ctx, request, reply, 429, 'Too many requests', (error as Error).message);
    }
    if (status && status >= 400 && status < 500) {
      return errorPage(ctx, request, reply, status, 'Bad request', (error as Error).message);
    }
    request.log.error({ err: error }, 'admin page failed');
    return errorPage(ctx, request, reply, 500, 'Server error', 'Something went wrong on our side. The error was logged.');
  });

  registerRoutes(app, ctx, { loginAttemptsPerMinute: options.loginAttemptsPerMinute ?? 10 });
};

/** Mount with `app.register(admin, { prefix: '/admin', schema, prisma })`. */
export const admin = adminPlugin as FastifyPluginAsync<AdminPluginOptions>;
export default admin;
