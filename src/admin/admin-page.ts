// Custom admin pages (e.g. a statistics page): your own template, rendered inside the admin layout, behind the same
// login, CSRF and permission checks as every other admin page.
import type { FastifyRequest } from 'fastify';
import { PERMISSION_ACTIONS, type PermissionAction } from '../auth/types.ts';

/** A model permission as Django names them (`blog.view_post`), here `<Model>.<action>`: `'Post.view'`. */
export type PagePermission = `${string}.${PermissionAction}`;

export interface AdminPage {
  /** URL segment: `<prefix>/pages/<path>` for a site page, `<prefix>/pages/<model>/<path>` for a model admin's page. */
  path: string;
  /** Page title, breadcrumb and (for site pages) navigation label. */
  title: string;
  /** Template name, looked up in your templates folder first (it should start with `<% layout('base', it) %>`). */
  template: string;
  /** The data the template gets besides the layout's; the client is your Prisma client. */
  context?(args: { request: FastifyRequest; prisma: any }): Promise<Record<string, unknown>> | Record<string, unknown>;
  /**
   * The model permissions a user needs to open the page (and see it in the navigation), all of them, as Django's
   * `permission_required`; each is checked through that model's admin (`hasViewPermission`, ...), superusers have all.
   * Without it (and without `hasPermission`): any logged-in user (site pages) or whoever may view the model (model pages).
   * @example permission: ['Post.view', 'Comment.view']
   */
  permission?: PagePermission | PagePermission[];
  /** A rule of your own, checked besides `permission`. */
  hasPermission?(request: FastifyRequest): boolean;
}

/** The permissions of a page, as a list. */
export function pagePermissions(page: AdminPage): { model: string; action: PermissionAction }[] {
  const names = page.permission === undefined ? [] : Array.isArray(page.permission) ? page.permission : [page.permission];
  return names.map((name) => {
    const at = name.lastIndexOf('.');
    return { model: name.slice(0, at), action: name.slice(at + 1) as PermissionAction };
  });
}

/** At start-up: every permission of a page names a model of the admin and one of view, add, change, delete. */
export function validatePagePermissions(owner: string, pages: AdminPage[], modelNames: string[]): void {
  for (const page of pages) {
    for (const { model, action } of pagePermissions(page)) {
      if (!modelNames.includes(model)) throw new Error(`${owner}: the page “${page.path}” requires a permission on “${model}”, which is not a model of this admin. Models: ${modelNames.join(', ')}.`);
      if (!PERMISSION_ACTIONS.includes(action)) throw new Error(`${owner}: the page “${page.path}” requires “${model}.${action}”; the actions are ${PERMISSION_ACTIONS.join(', ')}.`);
    }
  }
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
