// Filters on any field (issue 18): distinct values, ranges of numbers and dates, paths through to-one relations and
// "has tag X" through a to-many relation, on SQLite and PostgreSQL. Each filtered list is compared with the same
// where asked of Prisma directly.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startDemoApp, startDemoAppOn, type DemoApp } from '../support/demo-app.ts';
import { freshPostgresDatabase, postgresAvailable } from '../support/databases.ts';
import { DEMO_SCHEMA } from '../../scripts/demo-server.ts';
import { listRows, mainOf, resultCount, textOf } from '../support/html.ts';

const pgUp = await postgresAvailable();

/** The links of the sidebar section titled `title`. */
function filterSection(html: string, title: string): { label: string; selected: boolean; url: string; count: number | null }[] {
  const section = new RegExp(`<h3>${title}</h3>\\s*<ul>([\\s\\S]*?)</ul>`).exec(html)?.[1] ?? '';
  return [...section.matchAll(/<li( class="selected")?><a href="([^"]*)"[^>]*>([\s\S]*?)<\/a>(?: <span class="facet-count"[^>]*>([\d,]+)<\/span>)?<\/li>/g)]
    .map((m) => ({ selected: Boolean(m[1]), url: textOf(m[2]), label: textOf(m[3]), count: m[4] ? Number(m[4].replaceAll(',', '')) : null }));
}

function suite(name: string, start: () => Promise<DemoApp>, options: { skip?: string | false } = {}) {
  describe(`field filters on ${name}`, options, () => {
    let demo: DemoApp;
    before(async () => {
      demo = await start();
    });
    after(() => demo?.close());

    async function page(url: string): Promise<string> {
      const response = await demo.browser.get(url);
      assert.equal(response.statusCode, 200, `${url} → ${response.statusCode}: ${textOf(mainOf(response.body)).slice(0, 300)}`);
      return response.body;
    }

    /** Every row id of the post list of `query` (all pages) equals those Prisma finds for `where`, in order. */
    async function expectPosts(query: string, where: object): Promise<number> {
      const expected = await demo.prisma.post.findMany({ where, select: { id: true }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
      const first = await page(`/admin/post/?${query}`);
      const ids = listRows(first).map((r) => r.id);
      for (let n = 2; n <= Math.ceil(resultCount(first) / 50); n++) ids.push(...listRows(await page(`/admin/post/?${query}&page=${n}`)).map((r) => r.id));
      assert.equal(resultCount(first), expected.length, `${query}: total`);
      assert.deepEqual(ids, expected.map((p) => String(p.id)), `${query}: rows`);
      return expected.length;
    }

    test('a String field with few values lists them, and "None" for null', async () => {
      const html = await page('/admin/author/');
      const countries = filterSection(html, 'Country').map((c) => c.label);
      const stored = await demo.prisma.author.findMany({ distinct: ['country'], select: { country: true }, orderBy: { country: 'asc' } });
      assert.deepEqual(countries, ['All', ...stored.map((a) => a.country).filter((c) => c !== null), 'None']);
      const japan = await page(`/admin/author/${filterSection(html, 'Country').find((c) => c.label === 'Japan')!.url}`);
      assert.equal(resultCount(japan), await demo.prisma.author.count({ where: { country: 'Japan' } }));
      assert.ok(filterSection(japan, 'Country').find((c) => c.label === 'Japan')!.selected);
      assert.equal(resultCount(await page('/admin/author/?country__isnull=true')), await demo.prisma.author.count({ where: { country: null } }));
    });

    test('a number range: views from 100 to 1,000, either end alone, with thousands separators', async () => {
      const html = await page('/admin/post/');
      assert.match(html, /name="viewCount__gte"/);
      assert.match(html, /name="viewCount__lte"/);
      const both = await expectPosts('viewCount__gte=100&viewCount__lte=1%2C000', { viewCount: { gte: 100, lte: 1000 } });
      assert.ok(both > 0 && both < 120, 'the range narrows the list');
      await expectPosts('viewCount__gte=1000', { viewCount: { gte: 1000 } });
      await expectPosts('viewCount__lte=10', { viewCount: { lte: 10 } });
      const typed = await page('/admin/post/?viewCount__gte=100&viewCount__lte=1000');
      assert.match(typed, /name="viewCount__gte" value="100"/, 'the form shows the range applied');
    });

    test('a date range from–to (both days included), beside the presets', async () => {
      const html = await page('/admin/post/');
      assert.match(html, /type="date" name="publishedAt__gte"/);
      assert.deepEqual(filterSection(html, 'Published at').map((c) => c.label), ['All', 'Today', 'Past 7 days', 'This month', 'This year', 'No date']);
      const n = await expectPosts('publishedAt__gte=2025-01-01&publishedAt__lte=2025-03-31', { publishedAt: { gte: new Date('2025-01-01T00:00:00Z'), lt: new Date('2025-04-01T00:00:00Z') } });
      assert.ok(n > 0, 'the seeded posts have dates in that range');
      const ranged = await page('/admin/post/?publishedAt__gte=2025-01-01');
      assert.ok(!filterSection(ranged, 'Published at')[0].selected, '"All" is not selected while a range applies');
    });

    test('a path through a to-one relation: the author’s country', async () => {
      const html = await page('/admin/post/');
      const section = filterSection(html, 'Author country');
      assert.ok(section.some((c) => c.label === 'France'), JSON.stringify(section));
      assert.equal(section.at(-1)!.label, 'None');
      await expectPosts('author__country__exact=France', { author: { country: 'France' } });
      await expectPosts('author__country__isnull=true', { author: { country: null } });
      await expectPosts('author__country__exact=France&status__exact=published', { author: { country: 'France' }, status: 'published' });
    });

    test('a to-many relation: posts that have a tag, each once', async () => {
      const html = await page('/admin/post/');
      const tags = filterSection(html, 'Tags');
      const stored = await demo.prisma.tag.findMany({ orderBy: [{ name: 'asc' }, { id: 'asc' }] });
      assert.deepEqual(tags.map((t) => t.label), ['All', ...stored.map((t) => t.name), 'None']);
      const used = await demo.prisma.tag.findFirst({ where: { name: 'typescript' } }) ?? stored[0];
      const n = await expectPosts(`tags__exact=${used.id}`, { tags: { some: { id: used.id } } });
      assert.ok(n > 0);
      await expectPosts('tags__isnull=true', { tags: { none: {} } });
    });

    test('facets: "Show counts" counts each choice within the other filters, in one grouped query per field', async () => {
      const plain = await page('/admin/post/?status__exact=published');
      assert.ok(filterSection(plain, 'Status').every((c) => c.count === null), 'off by default (showFacets: allow)');
      const toggle = /<p class="facet-toggle"><a href="([^"]*)">Show counts<\/a>/.exec(plain);
      assert.ok(toggle, 'a "Show counts" link');
      const html = await page(`/admin/post/${textOf(toggle[1])}`);
      assert.match(html, />Hide counts</);
      const status = filterSection(html, 'Status');
      for (const s of ['draft', 'published', 'archived'] as const) {
        assert.equal(status.find((c) => c.label === s)!.count, await demo.prisma.post.count({ where: { status: s } }), `status ${s}: counted without the status filter`);
      }
      const country = filterSection(html, 'Author country');
      for (const c of country.filter((x) => x.label !== 'All')) {
        const where = c.label === 'None' ? { author: { country: null } } : { author: { country: c.label } };
        assert.equal(c.count, await demo.prisma.post.count({ where: { ...where, status: 'published' } }), `country ${c.label}`);
      }
      const tags = filterSection(html, 'Tags');
      const used = await demo.prisma.tag.findFirst({ where: { name: 'typescript' } });
      assert.equal(tags.find((t) => t.label === 'typescript')!.count, await demo.prisma.post.count({ where: { status: 'published', tags: { some: { id: used!.id } } } }));
      assert.equal(tags.find((t) => t.label === 'None')!.count, await demo.prisma.post.count({ where: { status: 'published', tags: { none: {} } } }));
      const views = await page('/admin/post/?_facets=1&viewCount__gte=100');
      assert.equal(filterSection(views, 'Status').find((c) => c.label === 'draft')!.count, await demo.prisma.post.count({ where: { status: 'draft', viewCount: { gte: 100 } } }));
      assert.match(filterSection(views, 'Status')[1].url, /_facets=1/, 'the choices keep the counts on');
    });
  });
}

suite('SQLite', () => startDemoApp());
suite('PostgreSQL', async () => startDemoAppOn(await freshPostgresDatabase(DEMO_SCHEMA)), { skip: pgUp ? false : 'no PostgreSQL test server' });
