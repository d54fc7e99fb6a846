// The demo blog's index and list pages over inject: counts, columns, sorting, pagination, search.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startDemoApp, type DemoApp } from '../support/demo-app.ts';
import { links, listHeaders, listRows, mainOf, resultCount, textOf } from '../support/html.ts';

let demo: DemoApp;
before(async () => {
  demo = await startDemoApp();
});
after(() => demo?.close());

async function page(url: string): Promise<string> {
  const response = await demo.browser.get(url);
  assert.equal(response.statusCode, 200, `${url} → ${response.statusCode}: ${textOf(mainOf(response.body)).slice(0, 300)}`);
  return response.body;
}

/** The ids of posts in the order Prisma gives them. */
async function postIds(args: { where?: object; orderBy: object[]; skip?: number; take?: number }): Promise<string[]> {
  const posts = await demo.prisma.post.findMany({ ...args, select: { id: true } } as never);
  return (posts as { id: number }[]).map((p) => String(p.id));
}

const utc = (d: Date | null) => (d ? `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)}` : '—');

describe('index', () => {
  test('lists every model of the schema with its record count and links', async () => {
    const html = mainOf(await page('/admin/'));
    const rows = [...html.matchAll(/<th scope="row"><a href="([^"]*)">([^<]*)<\/a>[\s\S]*?<td class="num">([\d,]+)<\/td>/g)].map((m) => ({
      url: m[1],
      label: m[2],
      count: Number(m[3].replace(/,/g, '')),
    }));
    const p = demo.prisma;
    // In the order of the demo site's "Blog" group.
    const expected = [
      { url: '/admin/post/', label: 'Posts', count: await p.post.count() },
      { url: '/admin/comment/', label: 'Comments', count: await p.comment.count() },
      { url: '/admin/author/', label: 'Authors', count: await p.author.count() },
      { url: '/admin/category/', label: 'Categories', count: await p.category.count() },
      { url: '/admin/tag/', label: 'Tags', count: await p.tag.count() },
    ];
    const blog = new Set(expected.map((e) => e.label));
    assert.deepEqual(rows.filter((r) => blog.has(r.label)), expected);
    assert.deepEqual(expected.map((e) => e.count), [120, 240, 10, 5, 12]);
    // The rest are the admin's own models (users, log entries, ...), with their counts.
    for (const other of rows.filter((r) => !blog.has(r.label))) assert.match(other.label, /^Admin /);
    const users = rows.find((r) => r.label === 'Admin users');
    if (users) assert.equal(users.count, await p.adminUser.count());
    for (const e of expected) assert.ok(links(html).includes(e.url.replace(/\/$/, '/add')), `add link for ${e.label}`);
  });

  test('every model list page answers 200 and /admin/<model> redirects to the slash form', async () => {
    for (const model of ['author', 'category', 'post', 'tag', 'comment']) {
      await page(`/admin/${model}/`);
      const redirect = await demo.browser.get(`/admin/${model}`);
      assert.ok([301, 302, 308].includes(redirect.statusCode));
      assert.equal(redirect.headers.location, `/admin/${model}/`);
    }
  });
});

describe('list page', () => {
  test('shows the configured columns, one row per post, newest first, with a link to each change page', async () => {
    const html = await page('/admin/post/');
    assert.deepEqual(listHeaders(html).map((h) => h.label), ['Title', 'Author', 'Category', 'Status', 'Published at', 'Cover']);
    const rows = listRows(html);
    assert.equal(rows.length, 50);
    const expected = await demo.prisma.post.findMany({
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: 50,
      include: { author: true, category: true },
    });
    assert.deepEqual(rows.map((r) => r.id), expected.map((p) => String(p.id)));
    for (const [i, post] of expected.entries()) {
      assert.equal(rows[i].changeUrl, `/admin/post/${post.id}/change`);
      const [title, author, category, status, publishedAt] = rows[i].cells;
      assert.ok(post.title.startsWith(title.replace(/…$/, '')), `title of post ${post.id}`);
      assert.equal(author, post.author.name);
      assert.equal(category, post.category?.name ?? '—');
      assert.equal(status, post.status);
      assert.equal(publishedAt, utc(post.publishedAt));
    }
  });

  test('numbers are right-aligned, header and cells; a related label has a hover title only when it is cut short', async () => {
    const html = await page('/admin/comment/');
    const head = /<thead>([\s\S]*?)<\/thead>/.exec(html)![1];
    const headerClasses = [...head.matchAll(/<th scope="col"([^>]*)>([\s\S]*?)<\/th>/g)].map((m) => [textOf(m[2]), /class="([^"]*)"/.exec(m[1])?.[1] ?? '']);
    assert.deepEqual(headerClasses.filter(([, cls]) => cls === 'num').map(([label]) => label), ['Words']);
    const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)![1];
    const rows = [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => [...m[1].matchAll(/<td(?! class="select")([^>]*)>([\s\S]*?)<\/td>/g)]);
    assert.ok(rows.length > 0);
    for (const cells of rows) {
      // authorName, post, post.status, approved, words, createdAt
      assert.match(cells[4][1], /class="num"/);
      assert.match(textOf(cells[4][2]), /^\d[\d,]*$/);
      for (const c of [0, 1, 2, 3, 5]) assert.doesNotMatch(cells[c][1], /\bnum\b/);
      const postLabel = textOf(cells[1][2]);
      if (postLabel.endsWith('…')) assert.match(cells[1][1], /title="/);
      else assert.doesNotMatch(cells[1][1], /title="/, `a short label needs no hover title: ${postLabel}`);
    }
  });

  test('a model without an admin class gets default columns starting with its id', async () => {
    const html = await page('/admin/tag/');
    const headers = listHeaders(html).map((h) => h.label);
    assert.equal(headers[0], 'Id');
    assert.ok(headers.includes('Name'));
    assert.equal(resultCount(html), 12);
  });

  const columns: [column: string, orderField: string][] = [
    ['title', 'title'],
    ['author', 'authorId'],
    ['category', 'categoryId'],
    ['status', 'status'],
    ['publishedAt', 'publishedAt'],
  ];
  for (const [column, field] of columns) {
    for (const dir of ['asc', 'desc'] as const) {
      test(`sorts by ${column} ${dir} (primary key as tie breaker), as the database orders it`, async () => {
        const html = await page(`/admin/post/?sort=${dir === 'desc' ? '-' : ''}${column}`);
        const expected = await postIds({ orderBy: [{ [field]: dir }, { id: dir }], take: 50 });
        assert.deepEqual(listRows(html).map((r) => r.id), expected);
        const header = listHeaders(html).find((h) => h.label === { title: 'Title', author: 'Author', category: 'Category', status: 'Status', publishedAt: 'Published at' }[column])!;
        assert.equal(header.ariaSort, dir === 'asc' ? 'ascending' : 'descending');
        // The header link flips the direction.
        assert.match(header.url, new RegExp(`sort=${dir === 'asc' ? '-' : ''}${column}(&|$)`));
      });
    }
  }

  test('sorts by two columns (sort=status,-publishedAt)', async () => {
    const html = await page('/admin/post/?sort=status,-publishedAt');
    const expected = await postIds({ orderBy: [{ status: 'asc' }, { publishedAt: 'desc' }, { id: 'desc' }], take: 50 });
    assert.deepEqual(listRows(html).map((r) => r.id), expected);
  });

  test('a sorted list pages through every row exactly once', async () => {
    for (const sort of ['status', '-category', 'publishedAt']) {
      const seen: string[] = [];
      for (let n = 1; n <= 3; n++) seen.push(...listRows(await page(`/admin/post/?sort=${sort}&page=${n}`)).map((r) => r.id));
      assert.equal(seen.length, 120, sort);
      assert.equal(new Set(seen).size, 120, `no post repeated or skipped when sorting by ${sort}`);
    }
  });

  test('paginates: a total count, page links, and page 2 and 3 hold the next rows', async () => {
    const first = await page('/admin/post/');
    assert.equal(resultCount(first), 120);
    assert.match(first, /120 posts/);
    const pageLinks = links(first).filter((l) => /[?&]page=\d+/.test(l));
    assert.ok(pageLinks.some((l) => /page=2(&|$)/.test(l)) && pageLinks.some((l) => /page=3(&|$)/.test(l)), 'links to pages 2 and 3');
    assert.match(first, /rel="next"/);
    const orderBy = [{ createdAt: 'desc' }, { id: 'desc' }];
    const second = await page('/admin/post/?page=2');
    assert.deepEqual(listRows(second).map((r) => r.id), await postIds({ orderBy, skip: 50, take: 50 }));
    assert.equal(resultCount(second), 120);
    assert.match(second, /rel="prev"/);
    const third = await page('/admin/post/?page=3');
    assert.deepEqual(listRows(third).map((r) => r.id), await postIds({ orderBy, skip: 100, take: 50 }));
    assert.equal(listRows(third).length, 20);
    assert.doesNotMatch(third, /rel="next"/);
  });

  test('page links keep the search, filters and sort', async () => {
    const html = await page('/admin/post/?q=the&sort=-title&status__exact=published');
    const total = resultCount(html);
    assert.ok(total > 50, `enough rows for two pages (${total})`);
    const next = links(html).find((l) => /page=2/.test(l));
    assert.ok(next, 'a link to page 2');
    const params = new URLSearchParams(next.replace(/^[^?]*\?/, ''));
    assert.equal(params.get('q'), 'the');
    assert.equal(params.get('sort'), '-title');
    assert.equal(params.get('status__exact'), 'published');
  });
});

describe('search', () => {
  /** Posts whose title, body or author's name contains every word, compared in lower case (in JS, not SQL). */
  async function expectedSearch(q: string): Promise<Set<string>> {
    const words = q.toLowerCase().split(/\s+/).filter(Boolean);
    const posts = await demo.prisma.post.findMany({ include: { author: true } });
    return new Set(posts
      .filter((p) => words.every((w) => [p.title, p.body, p.author.name].some((text) => text.toLowerCase().includes(w))))
      .map((p) => String(p.id)));
  }

  async function searchIds(q: string): Promise<{ total: number; ids: Set<string> }> {
    const ids: string[] = [];
    const first = await page(`/admin/post/?q=${encodeURIComponent(q)}`);
    const total = resultCount(first);
    ids.push(...listRows(first).map((r) => r.id));
    for (let n = 2; n <= Math.ceil(total / 50); n++) ids.push(...listRows(await page(`/admin/post/?q=${encodeURIComponent(q)}&page=${n}`)).map((r) => r.id));
    return { total, ids: new Set(ids) };
  }

  test('is case-insensitive: "THE" finds what "the" finds, over title, body and author name', async () => {
    const expected = await expectedSearch('the');
    assert.ok(expected.size > 0 && expected.size < 120);
    const upper = await searchIds('THE');
    const lower = await searchIds('the');
    assert.equal(upper.total, expected.size);
    assert.deepEqual(upper.ids, expected);
    assert.deepEqual(lower.ids, expected);
  });

  test('every word must match some field; the box keeps the words', async () => {
    const q = 'Backup TEST';
    const expected = await expectedSearch(q);
    const found = await searchIds(q);
    assert.deepEqual(found.ids, expected);
    const html = await page(`/admin/post/?q=${encodeURIComponent(q)}`);
    assert.match(html, /<input type="search"[^>]*name="q" value="Backup TEST"/);
  });

  test('searches through the author relation (author.name)', async () => {
    const author = await demo.prisma.author.findFirstOrThrow({ where: { id: 2 } });
    const surname = author.name.split(' ')[1];
    const found = await searchIds(surname);
    assert.deepEqual(found.ids, await expectedSearch(surname));
    const byAuthor = await demo.prisma.post.count({ where: { authorId: 2 } });
    assert.ok(found.total >= byAuthor);
  });

  test('is case-insensitive for non-ASCII letters too ("CAFÉ" finds "Café")', async () => {
    const found = await searchIds('CAFÉ');
    assert.deepEqual(found.ids, await expectedSearch('café'));
    assert.ok(found.ids.size >= 1, 'the post titled "Café ☕ déjà vu …" is found');
  });

  test('treats % and _ literally, not as LIKE wildcards', async () => {
    for (const q of ['%', '_', '100%']) {
      const found = await searchIds(q);
      assert.deepEqual(found.ids, await expectedSearch(q), `q=${q}`);
    }
  });

  test('a search with no match shows an empty list, not an error', async () => {
    const html = await page('/admin/post/?q=zzzqqqxxx');
    assert.equal(resultCount(html), 0);
    assert.equal(listRows(html).length, 0);
    assert.match(html, /No posts match/);
  });
});
