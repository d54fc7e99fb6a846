// The model-permission matrix of the security suite: each page kind of the demo's Post admin, what Django's admin answers
// a user holding a given set of Post permissions, and a runner that checks every kind for one user (used on SQLite in
// security-permissions.test.ts and on PostgreSQL in security-postgres.test.ts).
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { Browser } from './cookie-jar.ts';
import type { DemoApp } from './demo-app.ts';
import { formFields, mainOf } from './html.ts';
import { assertUnchanged, createAdminUser, databaseSnapshot, loginAs, newPostForm, postForm, show } from './security.ts';

export type Perm = 'view' | 'add' | 'change' | 'delete';
type Form = Record<string, string | string[]>;
const DENIED = /Permission denied/;

/** The form of a page as a browser would send it, without the page's CSRF token (each browser sends its own). */
export function pageForm(html: string, action: string): Form {
  const form = formFields(mainOf(html), action);
  for (const name of Object.keys(form)) if (name === '_csrf' || name.includes('__prefix__')) delete form[name];
  return form;
}

/** What a page kind answers a user with these permissions: allowed, refused (403), or the read-only variant. */
type Expect = 'allowed' | 'denied' | 'read-only';
const viewish = (p: Set<Perm>) => p.has('view') || p.has('change');

export interface PageKind {
  name: string;
  expect(perms: Set<Perm>): Expect;
  /** Puts post `id` in the state the request needs. */
  setup?(id: number): Promise<void>;
  /** Runs the request against post `id` (a post of this user and page kind only). */
  run(browser: Browser, id: number): Promise<LightMyRequestResponse>;
  /** Whether the write happened (write page kinds only). */
  wrote?(id: number): Promise<boolean>;
  allowedStatus: number;
}

/** The page kinds, against the demo app `demo` (its superuser browser fetches the forms that the users post). */
export function postPageKinds(demo: DemoApp): PageKind[] {
  const post = (id: number) => demo.prisma.post.findUnique({ where: { id } });
  // Deleting a post cascades to its comments, which needs Comment.delete too (security-cascade.test.ts): the delete
  // kinds here are about Post's own permissions, on posts without comments.
  const withoutComments = async (id: number) => void (await demo.prisma.comment.deleteMany({ where: { postId: id } }));
  const superForm = async (url: string) => pageForm((await demo.browser.get(url)).body, url);
  return [
    { name: 'list', expect: (p) => (viewish(p) ? 'allowed' : 'denied'), run: (b) => b.get('/admin/post/'), allowedStatus: 200 },
    { name: 'detail', expect: (p) => (viewish(p) ? 'allowed' : 'denied'), run: (b, id) => b.get(`/admin/post/${id}/`), allowedStatus: 200 },
    { name: 'add GET', expect: (p) => (p.has('add') ? 'allowed' : 'denied'), run: (b) => b.get('/admin/post/add'), allowedStatus: 200 },
    {
      name: 'add POST',
      expect: (p) => (p.has('add') ? 'allowed' : 'denied'),
      run: (b, id) => postForm(b, '/admin/post/add', newPostForm(`perm-${id}`)),
      wrote: async (id) => (await demo.prisma.post.count({ where: { slug: `new-post-perm-${id}` } })) === 1,
      allowedStatus: 303,
    },
    { name: 'change GET', expect: (p) => (p.has('change') ? 'allowed' : p.has('view') ? 'read-only' : 'denied'), run: (b, id) => b.get(`/admin/post/${id}/change`), allowedStatus: 200 },
    {
      name: 'change POST',
      expect: (p) => (p.has('change') ? 'allowed' : 'denied'),
      run: async (b, id) => postForm(b, `/admin/post/${id}/change`, { ...(await superForm(`/admin/post/${id}/change`)), title: `Changed ${id}` }),
      wrote: async (id) => (await post(id))?.title === `Changed ${id}`,
      allowedStatus: 303,
    },
    { name: 'delete GET', expect: (p) => (p.has('delete') ? 'allowed' : 'denied'), setup: withoutComments, run: (b, id) => b.get(`/admin/post/${id}/delete`), allowedStatus: 200 },
    {
      name: 'delete POST',
      expect: (p) => (p.has('delete') ? 'allowed' : 'denied'),
      setup: withoutComments,
      run: (b, id) => postForm(b, `/admin/post/${id}/delete`, { post: 'yes' }),
      wrote: async (id) => (await post(id)) === null,
      allowedStatus: 303,
    },
    {
      name: 'bulk action (publish, needs change)',
      expect: (p) => (p.has('change') ? 'allowed' : 'denied'),
      setup: async (id) => {
        await demo.prisma.post.update({ where: { id }, data: { status: 'draft' } });
      },
      run: (b, id) => postForm(b, '/admin/post/action', { action: 'publish', _selected: String(id), post: 'yes' }),
      wrote: async (id) => (await post(id))?.status === 'published',
      allowedStatus: 303,
    },
    {
      name: 'bulk "delete selected" confirmation (needs view and delete)',
      expect: (p) => (viewish(p) && p.has('delete') ? 'allowed' : 'denied'),
      run: (b, id) => postForm(b, '/admin/post/action', { action: 'delete_selected', _selected: String(id) }),
      allowedStatus: 200,
    },
    {
      name: 'bulk "delete selected" (needs delete)',
      expect: (p) => (p.has('delete') ? 'allowed' : 'denied'),
      setup: withoutComments,
      run: (b, id) => postForm(b, '/admin/post/delete-selected', { _selected: String(id), post: 'yes' }),
      wrote: async (id) => (await post(id)) === null,
      allowedStatus: 303,
    },
    { name: 'autocomplete', expect: (p) => (viewish(p) ? 'allowed' : 'denied'), run: (b) => b.get('/admin/post/autocomplete?q=a'), allowedStatus: 200 },
    { name: 'history', expect: (p) => (viewish(p) ? 'allowed' : 'denied'), run: (b, id) => b.get(`/admin/post/${id}/history`), allowedStatus: 200 },
    // The demo's posts have no file field: a viewer is told there is no such file (404), anyone else is refused first.
    { name: 'download', expect: (p) => (viewish(p) ? 'allowed' : 'denied'), run: (b, id) => b.get(`/admin/post/${id}/download/body`), allowedStatus: 404 },
  ];
}

export const USERS: { name: string; perms: Perm[] }[] = [
  { name: 'only-view', perms: ['view'] },
  { name: 'only-add', perms: ['add'] },
  { name: 'only-change', perms: ['change'] },
  { name: 'only-delete', perms: ['delete'] },
  { name: 'view-and-delete', perms: ['view', 'delete'] },
];

/** Creates the user with these Post permissions, logs in, and checks every page kind on posts firstId, firstId+1, … */
export async function checkPermissionMatrix(demo: DemoApp, user: { name: string; perms: Perm[] }, firstId: number): Promise<void> {
  const creds = await createAdminUser(demo.prisma, user.name, user.perms.map((p) => `Post.${p}`));
  const browser = await loginAs(demo.app, creds);
  const perms = new Set(user.perms);
  for (const [k, kind] of postPageKinds(demo).entries()) {
    const id = firstId + k;
    const expected = kind.expect(perms);
    await kind.setup?.(id);
    const before = await databaseSnapshot(demo.prisma);
    const response = await kind.run(browser, id);
    const what = `${user.name} ${kind.name} (post ${id})`;
    if (expected === 'allowed') {
      assert.equal(response.statusCode, kind.allowedStatus, `${what}: ${show(response)}`);
      if (kind.wrote) assert.ok(await kind.wrote(id), `${what}: the write happened`);
    } else if (expected === 'read-only') {
      assert.equal(response.statusCode, 303, `${what}: ${show(response)}`);
      assert.equal(response.headers.location, `/admin/post/${id}/`, `${what}: sent to the read-only detail page`);
    } else {
      assert.equal(response.statusCode, 403, `${what}: ${show(response)}`);
      assert.match(response.body, DENIED, what);
      await assertUnchanged(demo.prisma, before, `${what}: nothing changed`);
    }
  }
}
