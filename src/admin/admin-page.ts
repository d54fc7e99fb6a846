// Custom admin pages (e.g. a statistics page): your own template, rendered inside the admin layout, behind the same
// login, CSRF and permission checks as every other admin page.
import type { FastifyRequest } from 'fastify';

export interface AdminPage {
  /** URL segment: `<prefix>/pages/<path>` for a site page, `<prefix>/pages/<model>/<path>` for a model admin's page. */
  path: string;
  /** Page title, breadcrumb and (for site pages) navigation label. */
  title: string;
  /** Template name, looked up in your templates folder first (it should start with `<% layout('base', it) %>`). */
  template: string;
  /** The data the template gets besides the layout's; the client is your Prisma client. */
  context?(args: { request: FastifyRequest; prisma: any }): Promise<Record<string, unknown>> | Record<string, unknown>;
  /** Who may open it. Default: any logged-in user (site pages) or whoever may view the model (model pages). */
  hasPermission?(request: FastifyRequest): boolean;
}

export function validatePages(owner: string, pages: AdminPage[]): void {
  const seen = new Set<string>();
  for (const page of pages) {
    if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(page.path ?? '')) throw new Error(`${owner}: the page path “${page.path}” must be lower-case letters, digits and dashes.`);
    if (seen.has(page.path)) throw new Error(`${owner}: two pages have the path “${page.path}”.`);
    if (!page.title || !page.template) throw new Error(`${owner}: the page “${page.path}” needs a title and a template.`);
    seen.add(page.path);
  }
}
