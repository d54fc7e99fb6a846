// The detail page (every field, related records with links) and escaping of hostile stored text on every page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startDemoApp, type DemoApp } from '../support/demo-app.ts';
import { detailRows, links, listRows, mainOf, textOf } from '../support/html.ts';

let demo: DemoApp;
before(async () => {
  demo = await startDemoApp();
});
after(() => demo?.close());

async function page(url: string, status = 200): Promise<string> {
  const response = await demo.browser.get(url);
  assert.equal(response.statusCode, status, `${url} → ${response.statusCode}: ${textOf(mainOf(response.body)).slice(0, 300)}`);
  return response.body;
}

describe('detail', () => {
  test('a post shows every field and links to its author, category, tags and comments', async () => {
    const post = await demo.prisma.post.findFirstOrThrow({
      where: { categoryId: { not: null }, tags: { some: {} }, comments: { some: {} } },
      include: { author: true, category: true, tags: true, comments: true },
      orderBy: { id: 'asc' },
    });
    const html = await page(`/admin/post/${post.id}/`);
    const rows = detailRows(html);
    assert.equal(rows.get('Title'), post.title.replace(/\s+/g, ' ').trim());
    assert.equal(rows.get('Slug'), post.slug);
    assert.equal(rows.get('Status'), post.status);
    assert.equal(rows.get('Rating'), post.rating === null ? '—' : post.rating.toFixed());
    for (const label of ['Id', 'Body', 'Published at', 'Created at', 'Updated at', 'View count', 'Author', 'Category', 'Tags', 'Comments']) {
      assert.ok(rows.has(label), `row ${label}`);
    }
    const hrefs = links(mainOf(html));
    assert.ok(hrefs.includes(`/admin/author/${post.authorId}/`), 'author link');
    assert.ok(hrefs.includes(`/admin/category/${post.categoryId}/`), 'category link');
    for (const tag of post.tags) assert.ok(hrefs.includes(`/admin/tag/${tag.id}/`), `tag ${tag.name}`);
    for (const comment of post.comments.slice(0, 10)) assert.ok(hrefs.includes(`/admin/comment/${comment.id}/`), `comment ${comment.id}`);
    assert.equal(rows.get('Author'), post.author.name);
    assert.ok(hrefs.includes(`/admin/post/${post.id}/change`) && hrefs.includes(`/admin/post/${post.id}/delete`));
  });

  test("an author's posts: the first ten, and a link to the filtered list of all of them", async () => {
    const author = await demo.prisma.author.findFirstOrThrow({ where: { posts: { some: {} } }, include: { _count: { select: { posts: true } } }, orderBy: { posts: { _count: 'desc' } } });
    assert.ok(author._count.posts > 10, 'an author with more than ten posts');
    const html = mainOf(await page(`/admin/author/${author.id}/`));
    const postLinks = links(html).filter((l) => /^\/admin\/post\/\d+\/$/.test(l));
    assert.equal(postLinks.length, 10);
    const all = links(html).find((l) => l.startsWith('/admin/post/?'));
    assert.equal(all, `/admin/post/?author__exact=${author.id}`);
    assert.match(textOf(html), new RegExp(`All ${author._count.posts}`));
    const list = await page(all!);
    assert.match(list, new RegExp(`${author._count.posts} posts`));
  });

  test('a record with empty optional values and no relations', async () => {
    const html = await page('/admin/post/5/');
    const rows = detailRows(html);
    assert.equal(rows.get('Category'), '—');
    assert.equal(rows.get('Tags'), '—');
    assert.equal(rows.get('Rating'), '—');
  });

  test('a comment links back to its post', async () => {
    const comment = await demo.prisma.comment.findFirstOrThrow({ orderBy: { id: 'asc' } });
    const html = await page(`/admin/comment/${comment.id}/`);
    assert.ok(links(mainOf(html)).includes(`/admin/post/${comment.postId}/`));
  });
});

describe('escaping', () => {
  const RAW = '<script>alert(1)</script>';
  const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;';

  test('the post titled <script>alert(1)</script> is escaped on list, detail, change and delete pages', async () => {
    const post = await demo.prisma.post.findFirstOrThrow({ where: { title: RAW } });
    const list = await page(`/admin/post/?q=${encodeURIComponent('script')}`);
    assert.ok(listRows(list).some((r) => r.id === String(post.id) && r.cells[0] === RAW), 'the row shows the title as text');
    for (const url of ['/admin/post/?sort=title', `/admin/post/?q=script`, `/admin/post/${post.id}/`, `/admin/post/${post.id}/change`, `/admin/post/${post.id}/delete`]) {
      const html = await page(url);
      assert.ok(!html.includes(RAW), `${url} has the raw title`);
      assert.ok(!/<img src=x onerror/.test(html), `${url} has a raw <img onerror>`);
      if (!url.includes('sort=title')) assert.ok(html.includes(ESCAPED), `${url} shows the escaped title`);
    }
  });

  test('hostile author bio, comment and tag names are escaped where they appear', async () => {
    const pages = ['/admin/author/1/', '/admin/author/1/change', '/admin/comment/', '/admin/comment/1/', '/admin/comment/1/change', '/admin/tag/', '/admin/post/add', '/admin/post/2/'];
    for (const url of pages) {
      const html = await page(url);
      assert.doesNotMatch(html, /<script>alert\('bio'\)<\/script>/, url);
      assert.doesNotMatch(html, /<img src=x onerror/, url);
      assert.doesNotMatch(html, /<templates>/, url);
      assert.doesNotMatch(html, /<b>HTML<\/b>/, url);
    }
    assert.match(await page('/admin/tag/'), /c\+\+ &amp; &lt;templates&gt;/);
  });

  test('the one script tag a page may contain is the admin\'s own', async () => {
    for (const url of ['/admin/', '/admin/post/', '/admin/post/1/', '/admin/post/1/change', '/admin/post/1/delete', '/admin/author/1/']) {
      const scripts = [...(await page(url)).matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      assert.deepEqual(scripts, ['<script src="/admin/static/admin.js" defer>'], url);
    }
  });
});
