// A search of a to-one relation's field (`author.name`) looks the matching authors up first and searches
// `authorId in (their keys)` (relation-search-keys.ts): the same rows as the relation filter it replaces, on SQLite and
// PostgreSQL: posts whose nullable relation is null, an author who matches with no posts, a term that matches more
// authors than RELATION_SEARCH_KEY_LIMIT (the relation filter stays), a term that matches nothing, two terms.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readSchemaFiles, withProvider } from '../../scripts/db/apply-schema.ts';
import { DEMO_SCHEMA } from '../../scripts/demo-server.ts';
import { buildModelRegistry } from '../../src/admin/model-registry.ts';
import { buildSearch } from '../../src/data/list-search.ts';
import { RELATION_SEARCH_KEY_LIMIT } from '../../src/data/relation-search-keys.ts';
import { AdminSite, ModelAdmin, parseSchemaFiles } from '../../src/index.ts';
import { startCustomSiteApp, type CustomSiteApp } from '../support/custom-site-app.ts';
import { postgresAvailable } from '../support/databases.ts';
import { listRows, resultCount } from '../support/html.ts';

class PostAdmin extends ModelAdmin {
  listDisplay = ['title', 'author', 'category'];
  searchFields = ['title', 'author.name', 'category.name'];
  listPerPage = 500;
}
const site = () => new AdminSite().register('Post', PostAdmin).register('Author', ModelAdmin).register('Category', ModelAdmin);

const TERMS = ['zyxwv', 'multitudo', 'zyxwv multitudo', 'nomatchqq', 'e', 'e zyxwv', 'tech'];

const pgUp = await postgresAvailable();

for (const provider of ['sqlite', 'postgresql'] as const) {
  describe(`a search through a to-one relation, ${provider}`, { skip: provider === 'postgresql' && !pgUp && 'no PostgreSQL test server' }, () => {
    let custom: CustomSiteApp;
    const schema = parseSchemaFiles(withProvider(readSchemaFiles(DEMO_SCHEMA), provider));
    const admin = buildModelRegistry(schema, site()).get('post')!;

    before(async () => {
      custom = await startCustomSiteApp(site(), { provider });
      const p = custom.prisma;
      const matching = await p.author.create({ data: { name: 'Zyxwv Writer', email: 'zyxwv@keys.test' } });
      await p.author.create({ data: { name: 'Zyxwv Silent', email: 'silent@keys.test' } }); // no posts
      await p.author.createMany({ data: Array.from({ length: RELATION_SEARCH_KEY_LIMIT + 5 }, (_, i) => ({ name: `Multitudo ${i}`, email: `m${i}@keys.test` })) });
      const crowd = await p.author.findFirst({ where: { name: 'Multitudo 7' } });
      const post = (title: string, authorId: number, categoryId: number | null) => p.post.create({ data: { title, slug: title.toLowerCase().replace(/\W+/g, '-'), body: 'Body.', authorId, categoryId } });
      const category = await p.category.findFirst();
      await post('Keys one', matching.id, null);
      await post('Keys two', matching.id, category!.id);
      await post('Keys three zyxwv in the title', crowd!.id, null);
      await post('Keys four', crowd!.id, category!.id);
    });
    after(() => custom?.close());

    /** The rows the relation filter finds (today's where, without the looked-up keys). */
    async function byRelationFilter(q: string): Promise<string[]> {
      const where = buildSearch(schema, admin, q) ?? {};
      const rows = await custom.prisma.post.findMany({ where, select: { id: true } });
      return rows.map((r) => String(r.id)).sort();
    }

    for (const q of TERMS) {
      test(`"${q}": the same rows as the relation filter`, async () => {
        custom.queries.length = 0;
        const response = await custom.browser.get(`/admin/post/?q=${encodeURIComponent(q)}`);
        assert.equal(response.statusCode, 200);
        const expected = await byRelationFilter(q);
        assert.deepEqual(listRows(response.body).map((r) => r.id).sort(), expected);
        assert.equal(resultCount(response.body), expected.length);
      });
    }

    test('the looked-up authors replace the join; more matches than the limit keep it', { skip: provider !== 'sqlite' && 'the SQL is recorded on SQLite' }, async () => {
      const pageQueries = async (q: string) => {
        custom.queries.length = 0;
        assert.equal((await custom.browser.get(`/admin/post/?q=${q}`)).statusCode, 200);
        return custom.queries.filter((sql) => /FROM [`"]?(main[`"]?\.[`"]?)?Post[`"]?/.test(sql) && /LIMIT/.test(sql) && /LIKE/.test(sql));
      };
      const few = await pageQueries('zyxwv');
      assert.ok(few.length > 0);
      for (const sql of few) assert.doesNotMatch(sql, /JOIN [`"]?(main[`"]?\.[`"]?)?Author/, sql);
      const many = await pageQueries('multitudo');
      assert.ok(many.some((sql) => /JOIN [`"]?(main[`"]?\.[`"]?)?Author/.test(sql)), many.join('\n'));
    });
  });
}
