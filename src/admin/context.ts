// Everything the admin's pages share, built once when the plugin registers (src/plugin.ts): no per-request state is
// kept here. It lives beside the site because every layer above the admin reads it; the web layer only fills it in.
import type { FastifyRequest } from 'fastify';
import type { AdminSite } from './admin-site.ts';
import type { ResolvedModelAdmin } from './resolve-model-admin.ts';
import type { SchemaMeta } from '../schema/types.ts';
import type { AuthBackend } from '../auth/types.ts';
import type { PrismaClientLike } from '../data/delegates.ts';

/** The request as the ModelAdmin hooks receive it (`getQueryset(request)`, `hasChangePermission(request)`). */
export type AdminRequest = FastifyRequest;

/** Where a page's template is found (src/http/templates.ts): the user's folder, per model first, then ours. */
export interface TemplatePages {
  page(page: string, modelUrlName?: string): string;
}

export interface AdminContext {
  schema: SchemaMeta;
  prisma: PrismaClientLike;
  site: AdminSite;
  /** The URL prefix the plugin is mounted at, without a trailing slash (`/admin`). */
  prefix: string;
  /** Every model and view, by URL name (`orderitem`), in schema order (see admin/read-only.ts for the listed-only). */
  models: Map<string, ResolvedModelAdmin>;
  templates: TemplatePages;
  /** Where users, permissions and sessions come from. */
  auth: AuthBackend;
  /** True when the schema has the AdminLogEntry model: every change is logged. */
  auditLog: boolean;
  /** See AdminPluginOptions.countEstimateAbove. */
  countEstimateAbove: number;
  /** See AdminPluginOptions.listQueryTimeout (ms; 0: none). */
  listQueryTimeout: number;
  /** See AdminPluginOptions.exactCountTimeout (ms; 0: none). */
  exactCountTimeout: number;
  /** See AdminPluginOptions.runAsJobAbove. */
  runAsJobAbove: number;
  /** See AdminPluginOptions.postgresSchema. */
  postgresSchema: string | null;
  /** See AdminPluginOptions.bulkBatchSize. */
  bulkBatchSize?: number;
  /** See AdminPluginOptions.importTimeout (ms; unset: the default). */
  importTimeout?: number;
}
