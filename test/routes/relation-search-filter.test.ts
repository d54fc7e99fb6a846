// Issue 18 point 3: a relation filter over more than 100 related records is a search box. Without JavaScript its text
// matches related records (the related admin's searchFields, case-insensitive contains of every word) and the list is
// filtered by all of them; the autocomplete route, asked for the filter, offers the same records, scoped as the
// filter's choices. On SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyRequest } from 'fastify';
import { demoSite } from '../../prisma/demo-admin.ts';
import { DEMO_SCHEMA } from '../../scripts/demo-server.ts';
import { ModelAdmin } from '../../src/index.ts';
import { freshPostgresDatabase, freshSqliteDatabase, postgresAvailable } from '../support/databases.ts';
import { startDemoAppOn, type DemoApp } from '../support/demo-app.ts';
import { decodeEntities, listRows, mainOf, resultCount, textOf } from '../support/html.ts';

const AUTHORS = 130;
const pgUp = await postgresAvailable();

/** The Author section of the post list's sidebar. */
function authorSection(html: string): string {
  return /<h3>Author<\/h3>([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
}

for (const provider of ['sqlite', 'postgresql'] as const) {
  describe(`searchable relation filter (${provider})`, { skip: provider === 'postgresql' && !pgUp ? 'no PostgreSQL test server' : false }, () => {
    let demo: DemoApp;
    before(async () => {
      const db = provider === 'sqlite' ? await freshSqliteDatabase(DEMO_SCHEMA) : await freshPostgresDatabase(DEMO_SCHEMA);
      demo = await startDemoAppOn(db, { size: { authors: AUTHORS } });
    });
    after(() => demo?.close());

    async function page(url: string): Promise<string> {
      const response = await demo.browser.get(url);
      assert.equal(response.statusCode, 200, `${url} → ${response.statusCode}: ${textOf(mainOf(response.body)).slice(0, 300)}`);
      return response.body;
    }

    /** Every post id of the list of `query` (all pages), and the total. */
    async function postIds(query: string): Promise<{ total: number; ids: number[] }> {
      const first = await page(`/admin/post/?${query}`);
      const total = resultCount(first);
      const ids = listRows(first).map((r) => Number(r.id));
      for (let n = 2; n <= Math.ceil(total / 50); n++) ids.push(...listRows(await page(`/admin/post/?${query}&page=${n}`)).map((r) => Number(r.id)));
      return { total, ids: ids.sort((a, b) => a - b) };
    }

    /** Authors whose name or email contains every word of `text`, ignoring case (the Author admin's searchFields). */
    async function authorsMatching(text: string) {
      const words = text.toLowerCase().split(/\s+/).filter(Boolean);
      const all = await demo.prisma.author.findMany({ orderBy: [{ name: 'asc' }, { id: 'asc' }] });
      return all.filter((a) => words.every((w) => a.name.toLowerCase().includes(w) || a.email.toLowerCase().includes(w)));
    }

    async function postsBy(authorIds: number[]): Promise<number[]> {
      return (await demo.prisma.post.findMany({ where: { authorId: { in: authorIds } }, select: { id: true }, orderBy: { id: 'asc' } })).map((p) => p.id);
    }

    test('over 100 authors the author filter is a search box, not 130 links; small relations stay links', async () => {
      const html = await page('/admin/post/');
      const section = authorSection(html);
      assert.match(section, /<input type="search" id="filter-author-search" name="author__search" value=""/);
      assert.match(section, /data-autocomplete-url="\/admin\/author\/autocomplete\?source=post&amp;filter=author" data-autocomplete-sets="author__exact"/);
      assert.equal([...section.matchAll(/author__exact=/g)].length, 0, 'no author links');
      assert.deepEqual([...section.matchAll(/<li[^>]*><a [^>]*>([^<]*)<\/a>/g)].map((m) => m[1]), ['All']);
      assert.match(/<h3>Category<\/h3>([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '', /category__exact=\d+/, 'the category filter still lists its records');
    });

    test('typed text filters by every author it matches, in any case, and says how many', async () => {
      const author = (await demo.prisma.author.findMany({ where: { id: { gt: 1 } }, orderBy: { id: 'asc' }, take: 1 }))[0];
      const part = author.name.split(' ')[1].slice(0, 4).toUpperCase();
      const matching = await authorsMatching(part);
      assert.ok(matching.length >= 1);
      const expected = await postsBy(matching.map((a) => a.id));
      const { total, ids } = await postIds(`author__search=${encodeURIComponent(part)}`);
      assert.equal(total, expected.length);
      assert.deepEqual(ids, expected);
      const section = authorSection(await page(`/admin/post/?author__search=${encodeURIComponent(part)}&status__exact=published`));
      const noun = matching.length === 1 ? 'author' : 'authors';
      assert.match(decodeEntities(textOf(section)), new RegExp(`“${part}” × matches ${matching.length} ${noun}`));
      assert.match(section, new RegExp(`value="${part}"`), 'the text stays in the box');
      const remove = decodeEntities(/class="chip"[\s\S]*?href="([^"]*)"/.exec(section)![1]);
      assert.equal(remove, '?status__exact=published', 'the chip removes the search and keeps the rest');
      assert.match(section, /<input type="hidden" name="status__exact" value="published">/, 'the form keeps the other filters');
    });

    test('a text that matches no author: a message beside the field, and no filter applied', async () => {
      const html = await page('/admin/post/?author__search=zzqqxx');
      assert.equal(resultCount(html), 120);
      assert.match(decodeEntities(textOf(authorSection(html))), /No author matches “zzqqxx”: the filter is not applied\./);
      assert.match(authorSection(html), /aria-invalid="true"/);
      assert.doesNotMatch(html, /href="\?[^"]*author__search/, 'links do not carry the text that did not apply');
    });

    test('more than 100 matching authors filter by the match itself', async () => {
      // Every seeded email has an @: every author matches.
      const { total } = await postIds('author__search=%40');
      assert.equal(total, 120);
      assert.match(decodeEntities(textOf(authorSection(await page('/admin/post/?author__search=%40')))), /matches more than 100 authors/);
    });

    test('a chosen author shows as a chip whose remove link drops it', async () => {
      const author = await demo.prisma.author.findFirstOrThrow({ where: { posts: { some: {} } }, orderBy: { id: 'desc' } });
      const html = await page(`/admin/post/?author__exact=${author.id}&sort=title`);
      assert.deepEqual((await postIds(`author__exact=${author.id}`)).ids, await postsBy([author.id]));
      const section = authorSection(html);
      assert.match(decodeEntities(textOf(section)), new RegExp(`${author.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} ×`));
      assert.equal(decodeEntities(/class="chip"[\s\S]*?href="([^"]*)"/.exec(section)![1]), '?sort=title');
    });

    test('hostile text answers without a server error, in the list and the autocomplete', async () => {
      for (const text of ['\0', '%', '_', '\\', "' OR 1=1 --", '"unclosed ^=@', 'x'.repeat(200), '🦀', '\u202e']) {
        for (const url of [`/admin/post/?author__search=${encodeURIComponent(text)}`, `/admin/post/?tags__search=${encodeURIComponent(text)}`, `/admin/author/autocomplete?source=post&filter=author&q=${encodeURIComponent(text)}`]) {
          const response = await demo.browser.get(url);
          assert.ok(response.statusCode < 500, `${url} → ${response.statusCode}`);
        }
      }
    });

    test('the autocomplete route, asked by the filter, offers the authors the text matches, with the filter’s values', async () => {
      const response = await demo.browser.get('/admin/author/autocomplete?source=post&filter=author&q=a');
      assert.equal(response.statusCode, 200);
      const { results } = JSON.parse(response.body) as { results: { value: string; label: string }[] };
      const expected = (await authorsMatching('a')).slice(0, 20);
      assert.deepEqual(results, expected.map((a) => ({ value: String(a.id), label: a.name })));
      for (const bad of ['source=post&filter=status', 'source=post&filter=nosuch', 'filter=author', 'source=comment&filter=author', 'source=post&filter=author&field=author']) {
        assert.equal((await demo.browser.get(`/admin/author/autocomplete?${bad}&q=a`)).statusCode, 400, bad);
      }
    });
  });
}

describe('searchable relation filter: scope (sqlite)', () => {
  // The Author admin lets a request see the authors with an even id only.
  let demo: DemoApp;
  const site = demoSite({});
  class EvenAuthors extends ModelAdmin {
    searchFields = ['name'];
    override getQueryset(_request: FastifyRequest) {
      return { id: { in: Array.from({ length: AUTHORS }, (_, i) => 2 * i) } };
    }
  }
  before(async () => {
    demo = await startDemoAppOn(await freshSqliteDatabase(DEMO_SCHEMA), { size: { authors: 2 * AUTHORS + 10 }, server: { site: site.register('Author', EvenAuthors) } });
  });
  after(() => demo?.close());

  test('the text matches only records the related admin lets the request see; the autocomplete too', async () => {
    const visible = await demo.prisma.author.findMany({ where: { id: { in: Array.from({ length: AUTHORS }, (_, i) => 2 * i) }, name: { contains: 'a' } }, orderBy: [{ name: 'asc' }, { id: 'asc' }] });
    const response = await demo.browser.get('/admin/author/autocomplete?source=post&filter=author&q=a');
    const { results } = JSON.parse(response.body) as { results: { value: string }[] };
    assert.ok(results.length > 0);
    assert.deepEqual(results.map((r) => Number(r.value)), visible.slice(0, 20).map((a) => a.id));
    const all = await demo.prisma.author.findMany();
    const lower = (name: string) => name.toLowerCase();
    const odd = all.find((a) => a.id % 2 === 1 && !all.some((b) => b.id % 2 === 0 && lower(b.name).includes(lower(a.name))))!;
    const html = (await demo.browser.get(`/admin/post/?author__search=${encodeURIComponent(odd.name)}`)).body;
    assert.match(decodeEntities(textOf(authorSection(html))), /No author matches/, 'an author the request cannot see is not matched');
  });
});
