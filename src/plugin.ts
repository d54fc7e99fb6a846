// The admin as a fastify plugin: `app.register(admin, { prefix: '/admin', schema, prisma })`.
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import view from '@fastify/view';
import type { FastifyPluginAsync } from 'fastify';
import { AdminSite } from './admin/admin-site.ts';
import { readSchema } from './schema/introspect.ts';
import type { SchemaMeta } from './schema/types.ts';
import { buildModelRegistry } from './admin/model-registry.ts';
import type { AdminContext } from './admin/context.ts';
import type { PrismaClientLike } from './data/delegates.ts';
import { errorPage } from './http/errors.ts';
import { isDatabaseUnavailable } from './data/database-unavailable.ts';
import { registerRoutes } from './http/routes.ts';
import { createEta, OUR_STATIC, TemplateLookup } from './http/templates.ts';
import rateLimit from '@fastify/rate-limit';
import { ESTIMATE_THRESHOLD } from './data/estimated-count.ts';
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
   * PostgreSQL: unfiltered lists of tables estimated larger than this show the planner's estimate instead of running
   * COUNT(*) over the whole table (the exact count is one click away). Default 50,000.
   */
  countEstimateAbove?: number;
  /**
   * PostgreSQL: the schema your driver adapter was given (`new PrismaPg(pool, { schema: 'sales' })`; the CLI takes it
   * from `?schema=`). The admin's few raw queries (related labels, estimated counts, the session check) name their
   * tables in it. Default: unqualified names, i.e. the connection's search_path (`public`).
   */
  postgresSchema?: string;
  /** Login attempts allowed per client IP per minute. Default 10. */
  loginAttemptsPerMinute?: number;
}

const adminPlugin: FastifyPluginAsync<AdminPluginOptions> = async (app, options) => {
  const schema = typeof options.schema === 'string' ? await readSchema(options.schema) : options.schema;
  const site = options.site ?? new AdminSite();
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
    countEstimateAbove: options.countEstimateAbove ?? ESTIMATE_THRESHOLD,
    postgresSchema: options.postgresSchema ?? null,
  };

  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 1024 * 1024 });
  await app.register(multipart, { limits: { fileSize: options.maxUploadBytes ?? 10 * 1024 * 1024, files: 20, fields: 1000 } });
  await app.register(view, { engine: { eta: createEta(templates, production) }, root: templates.page('index').replace(/index\.eta$/, ''), production });
  await app.register(fastifyStatic, { root: OUR_STATIC, prefix: '/static/', decorateReply: false, maxAge: production ? 3600_000 : 0 });
  await registerSecurityHeaders(app);
  await registerCsrf(app, ctx.prefix);
  await app.register(rateLimit, { global: false });
  registerAuthentication(app, ctx);

  app.setNotFoundHandler((request, reply) => errorPage(ctx, request, reply, 404, 'Not found', 'There is no such page in this admin.'));
  app.setErrorHandler(async (error, request, reply) => {
    if (isDatabaseUnavailable(error)) {
      request.log.error({ err: error }, 'database unavailable');
      return errorPage(ctx, request, reply, 503, 'Database unavailable', 'The database cannot be reached right now. Try again in a moment.');
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 403) {
      return errorPage(ctx, request, reply, 403, 'Forbidden', 'The form was stale or did not come from this admin (CSRF check failed). Go back, reload the page and try again.');
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
