// The list's search box on SQLite: quoted phrases, Django's prefixes (`=` exact, `^` starts with, `@` full text over
// an FTS5 table), to-many relations without repeated rows, the help text, and the getSearchResults hook.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyRequest } from 'fastify';
import { AdminSite, ModelAdmin } from '../../src/index.ts';
import { startCustomSiteApp, type CustomSiteApp } from '../support/custom-site-app.ts';
import { inputValue, listRows, mainOf, resultCount, textOf } from '../support/html.ts';

class PostAdmin extends ModelAdmin {
  listDisplay = ['title', 'author', 'status'];
  searchFields = ['title', '=slug', '^author.name', 'tags.name', '@body'];
  searchHelpText = 'Words or "a phrase" <in quotes>';
}
class CommentAdmin extends ModelAdmin {
  // No Comment_fts table: searched with contains.
  searchFields = ['@body'];
}
class CategoryAdmin extends ModelAdmin {
  searchFields = [];
  getSearchResults(_request: FastifyRequest, where: Record<string, unknown> | undefined, term: string) {
    return term === 'described' ? { description: { not: null } } : where;
  }
}
class TagAdmin extends ModelAdmin {
  getSearchResults(_request: FastifyRequest, where: Record<string, unknown> | undefined, term: string) {
    return { OR: [where ?? {}, { name: { equals: term.split('').reverse().join('') } }] };
  }
}

let custom: CustomSiteApp;
const ids: Record<string, string> = {};
before(async () => {
  custom = await startCustomSiteApp(new AdminSite().register('Post', PostAdmin).register('Comment', CommentAdmin)
    .register('Category', CategoryAdmin).register('Tag', TagAdmin).register('Author', ModelAdmin));
  const p = custom.prisma;
  const author = await p.author.create({ data: { name: 'Quentin Quokkason', email: 'quentin@quokka.test' } });
  const tags = await Promise.all(['quokkatag-one', 'quokkatag-two'].map((name) => p.tag.create({ data: { name } })));
  const post = (title: string, slug: string, body: string, extra: object = {}) => p.post.create({ data: { title, slug, body, authorId: author.id, ...extra } });
  ids.phrase = String((await post('Quokka Zebra diary', 'quokka-zebra-diary', 'Lorem marsupialish ipsum.', { tags: { connect: tags.map((t) => ({ id: t.id })) } })).id);
  ids.reversed = String((await post('Zebra Quokka notes', 'zebra-quokka-notes', 'Ipsum lorem marsupialish.')).id);
  await custom.served.$executeRawUnsafe(`CREATE VIRTUAL TABLE "Post_fts" USING fts5(body, content='Post', content_rowid='id')`);
  await custom.served.$executeRawUnsafe(`INSERT INTO "Post_fts"("Post_fts") VALUES('rebuild')`);
});
after(() => custom?.close());

async function page(url: string): Promise<string> {
  const response = await custom.browser.get(url);
  assert.equal(response.statusCode, 200, `${url} → ${response.statusCode}: ${textOf(mainOf(response.body)).slice(0, 300)}`);
  return response.body;
}
const found = async (q: string, model = 'post') => listRows(await page(`/admin/${model}/?q=${encodeURIComponent(q)}`)).map((r) => r.id);

describe('search terms and prefixes', () => {
  test('a quoted phrase matches the words side by side; the same words unquoted match either order', async () => {
    assert.deepEqual(await found('"quokka zebra"'), [ids.phrase]);
    assert.deepEqual(new Set(await found('zebra quokka')), new Set([ids.phrase, ids.reversed]));
    assert.deepEqual(await found('"zebra quokka" notes'), [ids.reversed]);
  });

  test('=slug matches the whole slug in any case, not a part of it', async () => {
    assert.deepEqual(await found('QUOKKA-ZEBRA-DIARY'), [ids.phrase]);
    assert.deepEqual(await found('quokka-zebra'), []);
  });

  test('^author.name matches names that start with the term only', async () => {
    assert.deepEqual(new Set(await found('quentin')), new Set([ids.phrase, ids.reversed]));
    assert.deepEqual(await found('Quokkason'), []);
  });

  test('a to-many relation (tags.name) matches once per row, however many tags match', async () => {
    const html = await page('/admin/post/?q=quokkatag');
    assert.deepEqual(listRows(html).map((r) => r.id), [ids.phrase]);
    assert.equal(resultCount(html), 1);
  });

  test('@body searches the FTS5 table: whole words and phrases, not parts of words', async () => {
    assert.deepEqual(new Set(await found('marsupialish')), new Set([ids.phrase, ids.reversed]));
    assert.deepEqual(await found('marsupial'), [], 'a part of a word is no full-text match');
    assert.deepEqual(await found('"marsupialish ipsum"'), [ids.phrase]);
  });

  test('@body without an FTS table falls back to contains', async () => {
    const comment = await custom.prisma.comment.create({ data: { postId: Number(ids.phrase), authorName: 'Q', body: 'A wombatish remark' } });
    assert.deepEqual(await found('wombat', 'comment'), [String(comment.id)]);
  });

  test('wildcards stay literal with the prefixes too', async () => {
    assert.deepEqual(await found('quokka_zebra'), []);
    assert.deepEqual(await found('%'), []);
  });
});

describe('the search box', () => {
  test('shows the help text, escaped, and keeps the sort through a search', async () => {
    const html = await page('/admin/post/?sort=-title');
    assert.match(html, /<p class="help" id="searchbar-help">Words or &quot;a phrase&quot; &lt;in quotes&gt;<\/p>/);
    assert.match(html, /aria-describedby="searchbar-help"/);
    assert.equal(inputValue(html, 'sort'), '-title');
  });

  test('getSearchResults replaces the search, and shows the box without searchFields', async () => {
    const html = await page('/admin/category/?q=described');
    assert.match(html, /id="searchbar"/);
    assert.equal(resultCount(html), await custom.prisma.category.count({ where: { description: { not: null } } }));
  });

  test('getSearchResults extends the where built from searchFields', async () => {
    const tag = await custom.prisma.tag.findFirstOrThrow({ where: { name: 'quokkatag-one' } });
    assert.deepEqual(await found('eno-gatakkouq', 'tag'), [String(tag.id)]);
    assert.deepEqual(new Set(await found('quokkatag', 'tag')).size, 2);
  });
});
