// A to-many filter ("has tag X") takes its choices from the list's batched labels query (list-labels.ts) instead of a
// Prisma query of its own: the sidebar lists what Prisma's findMany lists (by label, then key, at most 100), links
// each by its key, keeps "None", and a selected key that is not listed is still shown. A String filter of few values
// (`author.country`) lists what Prisma's groupBy lists, in its order. SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_SCHEMA } from '../../scripts/demo-server.ts';
import { decodeEntities } from '../support/html.ts';
import { freshPostgresDatabase, freshSqliteDatabase, postgresAvailable } from '../support/databases.ts';
import { startDemoAppOn, type DemoApp } from '../support/demo-app.ts';

const pgUp = await postgresAvailable();

/** The choices (label, href) of the sidebar filter titled `title`. */
function filterChoices(html: string, title: string): { label: string; href: string; selected: boolean }[] {
  const section = new RegExp(`<h3>${title}</h3>\\s*<ul>([\\s\\S]*?)</ul>`).exec(html)?.[1];
  assert.ok(section, `no "${title}" filter on the page`);
  return [...section.matchAll(/<li( class="selected")?><a href="([^"]*)"[^>]*>([^<]*)<\/a>/g)].map((m) => ({ label: decodeEntities(m[3]), href: decodeEntities(m[2]), selected: m[1] !== undefined }));
}

for (const provider of ['sqlite', 'postgresql'] as const) {
  describe(`to-many filter choices (${provider})`, { skip: provider === 'postgresql' && !pgUp ? 'no PostgreSQL test server' : false }, () => {
    let demo: DemoApp;
    before(async () => {
      demo = await startDemoAppOn(provider === 'sqlite' ? await freshSqliteDatabase(DEMO_SCHEMA) : await freshPostgresDatabase(DEMO_SCHEMA));
    });
    after(() => demo?.close());

    test('the tags filter lists the tags by name with links by key, then None', async () => {
      const tags = await demo.prisma.tag.findMany({ orderBy: [{ name: 'asc' }, { id: 'asc' }], take: 100 });
      const page = await demo.browser.get('/admin/post/');
      assert.equal(page.statusCode, 200);
      assert.deepEqual(filterChoices(page.body, 'Tags'), [
        { label: 'All', href: '?', selected: true },
        ...tags.map((t) => ({ label: t.name, href: `?tags__exact=${t.id}`, selected: false })),
        { label: 'None', href: '?tags__isnull=true', selected: false },
      ]);
    });

    test('the country filter lists the distinct countries in the database\'s order, then None', async () => {
      const groups = await demo.prisma.author.groupBy({ by: ['country'], orderBy: { country: 'asc' }, take: 31 });
      const countries = groups.map((g) => g.country).filter((c): c is string => c !== null);
      assert.ok(countries.length > 1);
      // The first page measures the filter's kind; the next takes its values from the batched query.
      for (let i = 0; i < 2; i++) {
        const page = await demo.browser.get('/admin/post/');
        assert.deepEqual(filterChoices(page.body, 'Author country').map((c) => c.label), ['All', ...countries.slice(0, 30), 'None']);
        assert.deepEqual(filterChoices(page.body, 'Author country').slice(1, -1).map((c) => c.href), countries.slice(0, 30).map((c) => `?author__country__exact=${encodeURIComponent(c)}`));
      }
    });

    test('a selected tag is marked; a selected key that lists no tag is still a choice', async () => {
      const tag = await demo.prisma.tag.findFirstOrThrow({ orderBy: { id: 'desc' } });
      const chosen = filterChoices((await demo.browser.get(`/admin/post/?tags__exact=${tag.id}`)).body, 'Tags');
      assert.deepEqual(chosen.filter((c) => c.selected).map((c) => c.label), [tag.name]);
      const missing = filterChoices((await demo.browser.get(`/admin/post/?tags__exact=${tag.id + 1000}`)).body, 'Tags');
      assert.deepEqual(missing.filter((c) => c.selected).map((c) => c.label), [String(tag.id + 1000)]);
    });
  });
}
