// The baseline: a bare fastify app that runs the Prisma queries of the admin's pages for the demo blog and renders
// the same rows through minimal eta templates. No sessions, CSRF, permissions, filters sidebar or layout: what is
// left is the cost of the data and of putting it in HTML, which the admin's numbers are compared against.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import formbody from '@fastify/formbody';
import { Eta } from 'eta';
import Fastify, { type FastifyInstance } from 'fastify';
import type { PrismaClient } from '../../prisma/generated/client.ts';
import { listArgs, listCaseOf, PER_PAGE } from './list-args.ts';

const views = path.join(path.dirname(fileURLToPath(import.meta.url)), 'views');
/** The admin's relation widgets: a plain select up to this many related records, else search-as-you-type. */
const SELECT_LIMIT = 200;
const MAX_INLINE_ROWS = 1000;

type Row = Record<string, any>;

export async function createBaselineServer(prisma: PrismaClient, provider: 'sqlite' | 'postgresql'): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await app.register(formbody);
  const eta = new Eta({ views, cache: true, autoEscape: true });
  const html = (template: string, data: object) => eta.render(template, data);

  app.get('/baseline/post/', async (request, reply) => {
    const list = listCaseOf(request.query as Record<string, unknown>);
    const args = listArgs(list, provider);
    const [total, rows] = await Promise.all([prisma.post.count({ where: args.where as never }), prisma.post.findMany(args as never) as Promise<Row[]>]);
    reply.type('text/html; charset=utf-8');
    return html('list', {
      total,
      page: list.page,
      pageCount: Math.max(1, Math.ceil(total / PER_PAGE)),
      rows: rows.map((r) => ({
        id: r.id,
        title: r.title,
        author: r.author ? { id: r.author.id, name: r.author.name } : null,
        category: r.category ? { id: r.category.id, name: r.category.name } : null,
        status: r.status,
        publishedAt: r.publishedAt ? dateTime(r.publishedAt) : null,
      })),
    });
  });

  app.get<{ Params: { id: string } }>('/baseline/post/:id/change', async (request, reply) => {
    const id = Number(request.params.id);
    // The admin's change form: the record with its relations' keys and labels, the inline comments, and the choices
    // of the relation widgets.
    const [post, comments, authors, categories, tags] = await Promise.all([
      prisma.post.findFirst({ where: { id }, include: { author: { select: { id: true, name: true } }, category: { select: { id: true, name: true } }, tags: { select: { id: true, name: true } } } }) as Promise<Row | null>,
      prisma.comment.findMany({ where: { postId: id }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: MAX_INLINE_ROWS }),
      prisma.author.findMany({ select: { id: true, name: true }, orderBy: [{ name: 'asc' }], take: SELECT_LIMIT + 1 }),
      prisma.category.findMany({ select: { id: true, name: true }, orderBy: [{ name: 'asc' }], take: SELECT_LIMIT + 1 }),
      prisma.tag.findMany({ select: { id: true, name: true }, orderBy: [{ name: 'asc' }], take: SELECT_LIMIT + 1 }),
    ]);
    if (!post) return reply.code(404).send('Not found');
    // A large related table gets a search box holding the current record only (the admin reads its label again).
    const authorChoices = authors.length > SELECT_LIMIT ? await prisma.author.findMany({ where: { OR: [{ id: post.authorId }] }, select: { id: true, name: true } }) : authors;
    const tagIds = new Set((post.tags as Row[]).map((t) => t.id));
    reply.type('text/html; charset=utf-8');
    return html('form', {
      post: { ...post, publishedAt: post.publishedAt ? formDateTime(post.publishedAt) : '', rating: post.rating === null ? '' : String(post.rating) },
      authors: authorChoices.map((a) => ({ ...a, selected: a.id === post.authorId })),
      categories: categories.map((c) => ({ ...c, selected: c.id === post.categoryId })),
      tags: tags.map((t) => ({ ...t, selected: tagIds.has(t.id) })),
      comments,
    });
  });

  app.post<{ Params: { id: string } }>('/baseline/post/:id/change', async (request, reply) => {
    const id = Number(request.params.id);
    const form = request.body as Record<string, string | string[]>;
    const one = (name: string) => (Array.isArray(form[name]) ? form[name][0] : form[name]) as string | undefined;
    const tagIds = ([] as string[]).concat(form.tags ?? []).map(Number);
    const data = {
      title: one('title') ?? '',
      slug: one('slug') ?? '',
      body: one('body') ?? '',
      status: one('status') as 'draft' | 'published' | 'archived',
      publishedAt: one('publishedAt') ? new Date(`${one('publishedAt')}Z`) : null,
      viewCount: Number(one('viewCount') ?? 0),
      rating: one('rating') || null,
      author: { connect: { id: Number(one('author')) } },
      category: one('category') ? { connect: { id: Number(one('category')) } } : { disconnect: true },
      tags: { set: tagIds.map((t) => ({ id: t })) },
    };
    // The admin's save: the record before, the update, and an audit log entry, in one transaction.
    await prisma.$transaction(async (tx) => {
      const before = await tx.post.findUnique({ where: { id }, include: { tags: { select: { id: true } } } });
      if (!before) throw Object.assign(new Error('Not found'), { statusCode: 404 });
      const after = await tx.post.update({ where: { id }, data: data as never, include: { author: { select: { id: true, name: true } }, category: { select: { id: true, name: true } }, tags: { select: { id: true, name: true } } } });
      await tx.adminLogEntry.create({ data: { username: 'baseline', model: 'Post', objectId: String(id), objectRepr: after.title, action: 'change', changeMessage: JSON.stringify({ changed: Object.keys(data) }) } });
    });
    return reply.redirect('/baseline/post/', 303);
  });

  return app;
}

function dateTime(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

function formDateTime(date: Date): string {
  return date.toISOString().slice(0, 19);
}
