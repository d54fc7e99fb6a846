// A fastify server with the admin mounted: what `npm start` and `prisma-admin-site serve` run.
import Fastify, { type FastifyInstance } from 'fastify';
import { admin, type AdminPluginOptions } from '../plugin.ts';
import { rewriteMalformedUrl } from './malformed-url.ts';

export interface AdminServerOptions extends AdminPluginOptions {
  /** URL prefix of the admin. Default `/admin`. */
  prefix?: string;
  logger?: boolean;
}

export async function createAdminServer(options: AdminServerOptions): Promise<FastifyInstance> {
  const prefix = normalizePrefix(options.prefix ?? '/admin');
  const app = Fastify({ logger: options.logger ?? false, trustProxy: true, rewriteUrl: rewriteMalformedUrl(prefix) });
  await app.register(admin, { ...options, prefix });
  if (prefix !== '') app.get('/', (_request, reply) => reply.redirect(`${prefix}/`));
  return app;
}

export function normalizePrefix(prefix: string): string {
  const trimmed = prefix.trim().replace(/\/+$/, '');
  if (trimmed === '') return '';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}
