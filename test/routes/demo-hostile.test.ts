// Unknown, malformed and malicious input never causes a 500: it is ignored, answered 400, or 404 for missing pages.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startDemoApp, type DemoApp } from '../support/demo-app.ts';
import { formFields, listRows, mainOf, resultCount, textOf } from '../support/html.ts';

let demo: DemoApp;
before(async () => {
  demo = await startDemoApp();
});
after(() => demo?.close());

const TEN_KB = 'x'.repeat(10 * 1024);
const describeResponse = (url: string, r: { statusCode: number; body: string }) => `${url.slice(0, 120)} → ${r.statusCode}: ${textOf(mainOf(r.body)).slice(0, 300)}`;

describe('hostile list parameters', () => {
  /** Parameters that must be ignored: the page is the plain list (200, every post). */
  const ignored = [
    'sort=password',
    'sort=-nonexistent',
    'sort=body',
    'sort=author.password',
    'sort=authorId',
    'sort=__proto__',
    'sort=constructor',
    'sort=,,,-,--title',
    `sort=${TEN_KB}`,
    'sort[]=title',
    'sort[a]=title',
    'sort=title,-title,title',
    'sort=status,title,author,category,publishedAt,-status,readingTime',
    `sort=${Array.from({ length: 500 }, () => 'title').join(',')}`,
    'body__exact=x',
    'slug__exact=x',
    'viewCount__gt=1',
    'author__name__exact=x',
    'email__exact=x',
    'title__isnull=true',
    'publishedAt__isnull=false',
    'publishedAt__isnull=1',
    'author__isnull=true',
    `status__exact=${TEN_KB}`,
    `category__exact=${TEN_KB}`,
    'category__exact=-1.5e400',
    'category__exact=99999999999999999999999',
    `publishedAt__date=${TEN_KB}`,
    'publishedAt__date=__proto__',
    'status__exact[]=published',
    'status__exact[a]=published',
    'viewCount__gte=abc',
    'viewCount__gte=99999999999',
    'viewCount__lte=1e3',
    'viewCount__gte=__proto__',
    `viewCount__lte=${TEN_KB}`,
    'viewCount__contains=1',
    'viewCount__gte[]=1',
    'publishedAt__gte=2025-13-45',
    'publishedAt__gte=2025-02-30',
    'publishedAt__lte=yesterday',
    'tags__exact=abc',
    'tags__exact=99999999999999999999999',
    'tags__isnull=yes',
    // A relation filter's text search (issue 18): empty, blank, too long, not a string, no match, or on a filter
    // that has no such lookup, it filters nothing.
    'author__search=',
    'author__search=%20%20%20',
    `author__search=${TEN_KB}`,
    `author__search=${'x'.repeat(201)}`,
    'author__search[]=a',
    'author__search[a]=a',
    'author__search=zzqqxx',
    'tags__search=zzqqxx',
    'category__search=zzqqxx',
    'author__search=%00',
    'status__search=draft',
    'viewCount__search=1',
    'author__country__search=Japan',
    'author__name__search=a',
    'author__country__isnull=1',
    `author__country__exact=${TEN_KB}`,
    'author__country__contains[]=x',
    'author.country__exact=Japan',
    'author__country__gte=A',
    '_facets=yes',
    '_facets[]=1',
    `_facets=${TEN_KB}`,
    'q[]=x',
    'q[a]=x',
    '__proto__[polluted]=1',
    '__proto__=x',
    'constructor[prototype][polluted]=1',
    'page=-1',
    'page=0',
    'page=abc',
    'page=1e3',
    'page=1.5',
    'page[]=2',
    'page=%00',
    `page=${TEN_KB}`,
    'x=%ZZ',
  ];
  for (const query of ignored) {
    test(`?${query.slice(0, 60)} is ignored`, async () => {
      const url = `/admin/post/?${query}`;
      const response = await demo.browser.get(url);
      assert.equal(response.statusCode, 200, describeResponse(url, response));
      assert.equal(resultCount(response.body), 120);
      assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype untouched');
    });
  }

  /** Parameters with a meaning, where any non-5xx answer is acceptable. */
  const tolerated = [
    'page=999999',
    'page=99999999999999999999',
    `q=${TEN_KB}`,
    `q=${encodeURIComponent("' OR 1=1 --")}`,
    `q=${encodeURIComponent('"; DROP TABLE "Post";--')}`,
    'q=%00',
    'q=%5C',
    `q=${encodeURIComponent('<script>alert(1)</script>')}`,
    'q=x&q=y',
    `q=${encodeURIComponent('"')}`,
    `q=${encodeURIComponent('"""  " "')}`,
    `q=${encodeURIComponent('"unclosed phrase')}`,
    `q=${encodeURIComponent('^ = @ ^title =slug @body')}`,
    `q=${encodeURIComponent('NEAR(a b) OR * -x +y ~z <w >v "a" AND')}`,
    `q=${encodeURIComponent(Array.from({ length: 80 }, (_, i) => `"w${i} x"`).join(' '))}`,
    'status__exact=published&status__exact=draft',
    'category__isnull=true&category__exact=1',
    'author__search=a&author__search=b',
    'author__search=a&author__exact=1',
    'author__search=a&author__isnull=true',
    `author__search=${encodeURIComponent("' OR 1=1 --")}`,
    `author__search=${encodeURIComponent('<script>alert(1)</script>')}`,
    'author__search=%25',
    'author__search=_',
    'author__search=%5C',
    `author__search=${encodeURIComponent('"unclosed ^=@')}`,
    'tags__search=a&tags__exact=1',
    `${TEN_KB}=1`,
  ];
  for (const query of tolerated) {
    test(`?${query.slice(0, 60)} answers without a server error`, async () => {
      const url = `/admin/post/?${query}`;
      const response = await demo.browser.get(url);
      assert.ok(response.statusCode < 500, describeResponse(url, response));
    });
  }

  test('a page beyond the last shows the last page (or 404), never a 500', async () => {
    const response = await demo.browser.get('/admin/post/?page=999999');
    assert.ok([200, 404].includes(response.statusCode));
    if (response.statusCode === 200) assert.equal(listRows(response.body).length, 20);
  });

  test('a 10 KB search is cut short, and the database is still whole afterwards', async () => {
    for (const q of [TEN_KB, "' OR 1=1 --", '"; DROP TABLE "Post";--']) {
      const response = await demo.browser.get(`/admin/post/?q=${encodeURIComponent(q)}`);
      assert.equal(response.statusCode, 200);
      assert.equal(resultCount(response.body), 0, q.slice(0, 20));
    }
    assert.equal(await demo.prisma.post.count(), 120);
  });

  test('search text is echoed escaped', async () => {
    const response = await demo.browser.get(`/admin/post/?q=${encodeURIComponent('"><script>alert(1)</script>')}`);
    assert.equal(response.statusCode, 200);
    assert.doesNotMatch(response.body, /<script>alert\(1\)<\/script>/);
    assert.match(response.body, /value="&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;"/);
  });

  test('hostile parameters on the other list pages and on autocomplete', async () => {
    for (const url of [
      '/admin/comment/?sort=body&approved__exact=maybe&createdAt__date=x&page=-3',
      '/admin/author/?sort=email,-posts&createdAt__isnull=true&q[]=1',
      '/admin/tag/?page=abc&__proto__[x]=1',
      '/admin/post/autocomplete?q[]=x',
      `/admin/post/autocomplete?q=${TEN_KB}`,
      '/admin/author/autocomplete?q=%25',
      '/admin/author/autocomplete',
      '/admin/author/autocomplete?source=post&filter[]=author',
      '/admin/author/autocomplete?source[]=post&filter=author',
      `/admin/author/autocomplete?source=post&filter=${TEN_KB}`,
      '/admin/author/autocomplete?source=__proto__&filter=author',
      '/admin/author/autocomplete?source=post&filter=__proto__',
      '/admin/tag/autocomplete?source=post&filter=tags&q=%25',
    ]) {
      const response = await demo.browser.get(url);
      assert.ok(response.statusCode < 500, describeResponse(url, response));
    }
  });
});

describe('not found', () => {
  const missing = [
    '/admin/nosuchmodel/',
    '/admin/nosuchmodel/add',
    '/admin/nosuchmodel/1/',
    '/admin/__proto__/',
    '/admin/constructor/',
    '/admin/post/999999/',
    '/admin/post/999999/change',
    '/admin/post/999999/delete',
    '/admin/post/abc/',
    '/admin/post/abc/change',
    '/admin/post/abc/delete',
    '/admin/post/1.5/',
    '/admin/post/-1/',
    '/admin/post/1e3/',
    '/admin/post/%20/',
    '/admin/post/99999999999999999999/',
    '/admin/post/0x10/',
    '/admin/post/1/download/title',
    '/admin/post/1/download/nosuchfield',
    '/admin/post/1/nosuchpage',
  ];
  for (const url of missing) {
    test(`GET ${url.slice(0, 60)} → 404`, async () => {
      const response = await demo.browser.get(url);
      assert.equal(response.statusCode, 404, describeResponse(url, response));
      assert.match(response.headers['content-type'] as string, /text\/html/);
    });
  }

  test('a 10 KB id or model name → 404 or 414, not 500', async () => {
    for (const url of [`/admin/post/${TEN_KB}/`, `/admin/${TEN_KB}/`, `/admin/post/${TEN_KB}/change`]) {
      const response = await demo.browser.get(url);
      assert.ok([404, 414].includes(response.statusCode), describeResponse(url, response));
    }
  });

  test('POSTs to a missing record or model → 404, and nothing changes', async () => {
    for (const url of ['/admin/post/999999/delete', '/admin/post/abc/delete', '/admin/post/999999/change', '/admin/nosuchmodel/add', '/admin/nosuchmodel/delete-selected']) {
      const response = await demo.browser.request({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'title=x&_save=1' });
      assert.equal(response.statusCode, 404, describeResponse(url, response));
    }
    assert.equal(await demo.prisma.post.count(), 120);
  });

  test('the id in a 404 message is escaped', async () => {
    const response = await demo.browser.get(`/admin/post/${encodeURIComponent('<script>alert(1)</script>')}/`);
    assert.equal(response.statusCode, 404);
    assert.doesNotMatch(response.body, /<script>alert/);
  });
});

describe('hostile form posts', () => {
  const bodies: { url: string; type: string; payload: string }[] = [
    { url: '/admin/post/add', type: 'application/json', payload: '{"title":"x"}' },
    { url: '/admin/post/add', type: 'text/plain', payload: 'title=x' },
    { url: '/admin/post/add', type: 'multipart/form-data; boundary=nope', payload: '--broken' },
    { url: '/admin/post/add', type: 'multipart/form-data', payload: 'no boundary at all' },
    { url: '/admin/post/add', type: 'multipart/form-data; boundary=b', payload: '--b\r\nContent-Disposition: form-data; name="title"\r\n\r\nunterminated' },
    { url: '/admin/post/1/change', type: 'application/x-www-form-urlencoded', payload: 'title=%ZZ&_save=1' },
    { url: '/admin/post/action', type: 'application/json', payload: '[]' },
  ];
  for (const c of bodies) {
    test(`POST ${c.url} as ${c.type} (${c.payload.slice(0, 20).replace(/\s+/g, ' ')}) → no server error`, async () => {
      const response = await demo.browser.request({ method: 'POST', url: c.url, headers: { 'content-type': c.type }, payload: c.payload });
      assert.ok(response.statusCode < 500, describeResponse(`${c.url} (${c.type})`, response));
      assert.equal(await demo.prisma.post.count(), 120);
    });
  }

  test('field names that are not in the form are ignored (no setting ids, foreign keys or timestamps)', async () => {
    const before = await demo.prisma.post.findUniqueOrThrow({ where: { id: 20 } });
    const browser = demo.newBrowser();
    const form = formFields((await browser.get('/admin/post/20/change')).body, '/change');
    const response = await browser.post('/admin/post/20/change', {
      ...form,
      id: '9999',
      authorId: String(before.authorId === 1 ? 2 : 1),
      createdAt: '2000-01-01T00:00',
      updatedAt: '2000-01-01T00:00',
      'constructor[prototype][polluted]': '1',
      '__proto__[polluted]': '1',
      _save: '1',
    });
    assert.equal(response.statusCode, 303, describeResponse('change', response));
    const after = await demo.prisma.post.findUniqueOrThrow({ where: { id: 20 } });
    assert.equal(after.authorId, before.authorId);
    assert.equal(after.createdAt.getTime(), before.createdAt.getTime());
    assert.notEqual(after.updatedAt.getFullYear(), 2000);
    assert.equal(await demo.prisma.post.count({ where: { id: 9999 } }), 0);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  test('a bulk action with garbage ids deletes nothing', async () => {
    const response = await demo.browser.request({
      method: 'POST',
      url: '/admin/post/delete-selected',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams([['_selected', 'abc'], ['_selected', '-1'], ['_selected', '99999'], ['_selected', TEN_KB]]).toString(),
    });
    assert.ok(response.statusCode < 500, describeResponse('delete-selected', response));
    assert.equal(await demo.prisma.post.count(), 120);
  });
});
