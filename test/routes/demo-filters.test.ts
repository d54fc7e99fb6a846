// List filters of every kind (enum, boolean, relation, date, isnull), alone and combined with search and sort.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startDemoApp, type DemoApp } from '../support/demo-app.ts';
import { listRows, mainOf, resultCount, textOf } from '../support/html.ts';

let demo: DemoApp;
const DAY = 86_400_000;
/** Post ids whose publishedAt the tests move close to "now", so the date filters have something to find. */
const RECENT = { today: 10, threeDaysAgo: 11, twentyDaysAgo: 12, yearAgo: 13 };

before(async () => {
  demo = await startDemoApp();
  const now = Date.now();
  const set = (id: number, at: number) => demo.prisma.post.update({ where: { id }, data: { publishedAt: new Date(at), status: 'published' } });
  await set(RECENT.today, now);
  await set(RECENT.threeDaysAgo, now - 3 * DAY);
  await set(RECENT.twentyDaysAgo, now - 20 * DAY);
  await set(RECENT.yearAgo, now - 400 * DAY);
  await demo.prisma.comment.update({ where: { id: 5 }, data: { createdAt: new Date(now) } });
});
after(() => demo?.close());

async function page(url: string): Promise<string> {
  const response = await demo.browser.get(url);
  assert.equal(response.statusCode, 200, `${url} → ${response.statusCode}: ${textOf(mainOf(response.body)).slice(0, 300)}`);
  return response.body;
}

/** Every row id of a (possibly multi-page) list, and its total. */
async function allIds(model: string, query: string): Promise<{ total: number; ids: string[] }> {
  const first = await page(`/admin/${model}/?${query}`);
  const total = resultCount(first);
  const ids = listRows(first).map((r) => r.id);
  const perPage = model === 'post' ? 50 : 100;
  for (let n = 2; n <= Math.ceil(total / perPage); n++) ids.push(...listRows(await page(`/admin/${model}/?${query}&page=${n}`)).map((r) => r.id));
  return { total, ids };
}

async function expectPosts(query: string, where: object): Promise<void> {
  const expected = await demo.prisma.post.findMany({ where, select: { id: true }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
  const { total, ids } = await allIds('post', query);
  assert.equal(total, expected.length, `${query}: total`);
  assert.deepEqual(ids, expected.map((p) => String(p.id)), `${query}: rows`);
}

/** The filter links of the sidebar section titled `title`: label → whether it is selected. */
function filterSection(html: string, title: string): { label: string; selected: boolean; url: string }[] {
  const section = new RegExp(`<h3>${title}</h3>\\s*<ul>([\\s\\S]*?)</ul>`).exec(html)?.[1] ?? '';
  return [...section.matchAll(/<li( class="selected")?><a href="([^"]*)"[^>]*>([\s\S]*?)<\/a><\/li>/g)].map((m) => ({
    selected: Boolean(m[1]),
    url: textOf(m[2]),
    label: textOf(m[3]),
  }));
}

/** Start of today, in UTC (the admin shows and filters dates in UTC). */
function utcDay(offsetDays = 0): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + offsetDays));
}

describe('filters', () => {
  test('the sidebar offers each configured filter with its choices', async () => {
    const html = await page('/admin/post/');
    assert.deepEqual(filterSection(html, 'Status').map((c) => c.label), ['All', 'draft', 'published', 'archived']);
    const categories = filterSection(html, 'Category').map((c) => c.label);
    assert.equal(categories[0], 'All');
    assert.ok(categories.includes('Design') && categories.includes('Drafts & Ideas'));
    assert.equal(categories.at(-1), 'None', 'an optional relation can be filtered on "none"');
    assert.deepEqual(filterSection(html, 'Published at').map((c) => c.label), ['All', 'Today', 'Past 7 days', 'This month', 'This year', 'No date']);
    assert.ok(filterSection(html, 'Author').length === 11, 'All + 10 authors');
    assert.ok(filterSection(html, 'Status')[0].selected, '"All" selected when nothing is filtered');
  });

  test('enum: status__exact', async () => {
    for (const status of ['draft', 'published', 'archived'] as const) {
      await expectPosts(`status__exact=${status}`, { status });
    }
    const html = await page('/admin/post/?status__exact=archived');
    assert.deepEqual(filterSection(html, 'Status').filter((c) => c.selected).map((c) => c.label), ['archived']);
    assert.ok(listRows(html).every((r) => r.cells[3] === 'archived'));
  });

  test('relation: category__exact and author__exact take the related record key', async () => {
    const design = await demo.prisma.category.findUniqueOrThrow({ where: { name: 'Design' } });
    await expectPosts(`category__exact=${design.id}`, { categoryId: design.id });
    await expectPosts('author__exact=3', { authorId: 3 });
    const html = await page(`/admin/post/?category__exact=${design.id}`);
    assert.deepEqual(filterSection(html, 'Category').filter((c) => c.selected).map((c) => c.label), ['Design']);
    assert.ok(listRows(html).every((r) => r.cells[2] === 'Design'));
    // A category without posts: an empty list, not an error.
    const empty = await demo.prisma.category.findUniqueOrThrow({ where: { name: 'Drafts & Ideas' } });
    await expectPosts(`category__exact=${empty.id}`, { categoryId: empty.id });
  });

  test('isnull: an optional relation and an optional date', async () => {
    await expectPosts('category__isnull=true', { categoryId: null });
    await expectPosts('publishedAt__isnull=true', { publishedAt: null });
    const html = await page('/admin/post/?category__isnull=true');
    assert.deepEqual(filterSection(html, 'Category').filter((c) => c.selected).map((c) => c.label), ['None']);
  });

  test('date: today, past 7 days, this month, this year (UTC)', async () => {
    const now = new Date();
    const ranges: Record<string, [Date, Date]> = {
      today: [utcDay(0), utcDay(1)],
      past7: [utcDay(-7), utcDay(1)],
      month: [new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)), new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1))],
      year: [new Date(Date.UTC(now.getUTCFullYear(), 0, 1)), new Date(Date.UTC(now.getUTCFullYear() + 1, 0, 1))],
    };
    for (const [choice, [gte, lt]] of Object.entries(ranges)) {
      await expectPosts(`publishedAt__date=${choice}`, { publishedAt: { gte, lt } });
    }
    const today = await allIds('post', 'publishedAt__date=today');
    assert.ok(today.ids.includes(String(RECENT.today)));
    const past7 = await allIds('post', 'publishedAt__date=past7');
    assert.ok(past7.ids.includes(String(RECENT.threeDaysAgo)) && !past7.ids.includes(String(RECENT.twentyDaysAgo)));
    const year = await allIds('post', 'publishedAt__date=year');
    assert.ok(!year.ids.includes(String(RECENT.yearAgo)));
  });

  test('boolean: approved__exact on comments, and a date filter there', async () => {
    for (const approved of [true, false]) {
      const { total, ids } = await allIds('comment', `approved__exact=${approved}`);
      const expected = await demo.prisma.comment.findMany({ where: { approved }, select: { id: true }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
      assert.equal(total, expected.length);
      assert.deepEqual(ids, expected.map((c) => String(c.id)));
    }
    const html = await page('/admin/comment/?approved__exact=true');
    assert.deepEqual(filterSection(html, 'Approved').map((c) => [c.label, c.selected]), [['All', false], ['Yes', true], ['No', false]]);
    const today = await allIds('comment', 'createdAt__date=today');
    assert.deepEqual(today.ids, ['5']);
  });

  test('filters combine with each other, with search and with sort', async () => {
    const design = await demo.prisma.category.findUniqueOrThrow({ where: { name: 'Design' } });
    const query = `status__exact=published&category__exact=${design.id}&q=the&sort=-publishedAt`;
    const expected = await demo.prisma.post.findMany({
      where: {
        status: 'published',
        categoryId: design.id,
        OR: [{ title: { contains: 'the' } }, { body: { contains: 'the' } }, { author: { name: { contains: 'the' } } }],
      },
      orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
      select: { id: true },
    });
    assert.ok(expected.length > 0, 'the combination finds something');
    const { total, ids } = await allIds('post', query);
    assert.equal(total, expected.length);
    assert.deepEqual(ids, expected.map((p) => String(p.id)));

    await expectPosts('status__exact=draft&category__isnull=true', { status: 'draft', categoryId: null });
    await expectPosts('author__exact=1&publishedAt__date=year', {
      authorId: 1,
      publishedAt: { gte: new Date(Date.UTC(new Date().getUTCFullYear(), 0, 1)), lt: new Date(Date.UTC(new Date().getUTCFullYear() + 1, 0, 1)) },
    });
  });

  test('filter links keep the search and sort; the search form keeps the filters', async () => {
    const html = await page('/admin/post/?q=the&sort=title&status__exact=draft');
    const archived = filterSection(html, 'Status').find((c) => c.label === 'archived')!;
    const params = new URLSearchParams(archived.url.replace(/^[^?]*\?/, ''));
    assert.equal(params.get('q'), 'the');
    assert.equal(params.get('sort'), 'title');
    assert.equal(params.get('status__exact'), 'archived');
    const search = /<form class="search"[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
    assert.match(search, /<input type="hidden" name="status__exact" value="draft">/);
    // Clearing goes back to the whole list but keeps the sort.
    const clear = /<a href="([^"]*)">Clear search and filters<\/a>/.exec(html)?.[1];
    assert.ok(clear);
    const cleared = new URLSearchParams(textOf(clear).replace(/^[^?]*\?/, ''));
    assert.equal(cleared.get('q'), null);
    assert.equal(cleared.get('status__exact'), null);
  });

  test('an unknown choice is ignored or finds nothing, never an error', async () => {
    assert.equal(resultCount(await page('/admin/post/?status__exact=bogus')), 120);
    assert.equal(resultCount(await page('/admin/post/?category__exact=99999')), 0);
    assert.equal(resultCount(await page('/admin/post/?category__exact=abc')), 120);
    assert.equal(resultCount(await page('/admin/post/?publishedAt__date=yesterday')), 120);
  });
});
