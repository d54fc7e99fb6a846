// A path with a malformed escape (`/admin/%ZZ/`) never reaches fastify's router, which would answer it with a bare
// JSON 400 before any plugin hook runs. The server's `rewriteUrl` sends it to one admin route instead, which answers
// with the admin's 400 page and its security headers.
import type { RawRequestDefaultExpression } from 'fastify';

/** Where malformed addresses are sent (a model URL name never contains a dash). */
export const MALFORMED_URL_PATH = '/-/malformed-url';

/**
 * For `Fastify({ rewriteUrl: rewriteMalformedUrl('/admin') })` when you mount the admin yourself (`createAdminServer`
 * does it for you): a path that does not decode goes to the admin's 400 page.
 */
export function rewriteMalformedUrl(prefix: string): (request: RawRequestDefaultExpression) => string {
  return (request) => {
    const url = request.url ?? '/';
    const path = url.split('?')[0];
    if (!path.includes('%')) return url;
    try {
      decodeURIComponent(path);
      return url;
    } catch {
      return `${prefix}${MALFORMED_URL_PATH}`;
    }
  };
}
