// Add and change forms of the demo blog: valid saves redirect with a message, rejected forms come back 400 with the
// typed values and the errors beside their fields, database constraint violations are field errors, not 500s.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startDemoApp, type DemoApp } from '../support/demo-app.ts';
import { fieldError, formFields, inputValue, mainOf, messagesOf, textOf } from '../support/html.ts';

let demo: DemoApp;
before(async () => {
  demo = await startDemoApp();
});
after(() => demo?.close());

const show = (r: { statusCode: number; body: string }) => `${r.statusCode}: ${textOf(mainOf(r.body)).slice(0, 600)}`;

function validPost(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    title: 'Route tests are fun',
    slug: 'route-tests-are-fun',
    body: 'Line one\nLine <two> & "three"',
    status: 'published',
    publishedAt: '2024-01-02T03:04:05',
    viewCount: '7',
    rating: '4.5',
    author: '2',
    category: '3',
    tags: ['1', '4'],
    _save: '1',
    ...overrides,
  };
}

describe('add', () => {
  test('the add form has an input per editable field, with defaults filled in', async () => {
    const response = await demo.browser.get('/admin/post/add');
    assert.equal(response.statusCode, 200);
    const html = response.body;
    for (const name of ['title', 'slug', 'body', 'publishedAt', 'viewCount', 'rating', 'author', 'category', 'tags']) {
      assert.notEqual(inputValue(html, name), undefined, `input ${name}`);
    }
    assert.equal(inputValue(html, 'status'), 'draft', 'the enum default is preselected');
    assert.equal(inputValue(html, 'viewCount'), '0');
    assert.equal(inputValue(html, 'id'), undefined, 'an autoincrement id is not editable');
    assert.equal(inputValue(html, 'updatedAt'), undefined);
    assert.match(html, /enctype|method="post"/);
  });

  test('a valid post → 303 to the list with a success message, and the record exists with every value', async () => {
    const browser = demo.newBrowser();
    const response = await browser.post('/admin/post/add', validPost());
    assert.equal(response.statusCode, 303, show(response));
    assert.equal(response.headers.location, '/admin/post/');
    const list = await browser.follow(response);
    assert.equal(list.statusCode, 200);
    assert.ok(messagesOf(list.body).some((m) => /added successfully/.test(m) && m.includes('Route tests are fun')), messagesOf(list.body).join(' | '));
    // The message is shown once.
    const again = await browser.get('/admin/post/');
    assert.deepEqual(messagesOf(again.body), []);

    const post = await demo.prisma.post.findUniqueOrThrow({ where: { slug: 'route-tests-are-fun' }, include: { tags: { orderBy: { id: 'asc' } } } });
    assert.equal(post.title, 'Route tests are fun');
    assert.equal(post.body, 'Line one\nLine <two> & "three"');
    assert.equal(post.status, 'published');
    assert.equal(post.publishedAt?.toISOString(), '2024-01-02T03:04:05.000Z');
    assert.equal(post.viewCount, 7);
    assert.equal(post.rating?.toFixed(), '4.5');
    assert.equal(post.authorId, 2);
    assert.equal(post.categoryId, 3);
    assert.deepEqual(post.tags.map((t) => t.id), [1, 4]);
  });

  test('"save and continue" goes to the new record\'s change page; "save and add another" to a blank form', async () => {
    const browser = demo.newBrowser();
    const cont = await browser.post('/admin/post/add', validPost({ slug: 'continue-me', _save: [], _continue: '1' }));
    assert.equal(cont.statusCode, 303, show(cont));
    const created = await demo.prisma.post.findUniqueOrThrow({ where: { slug: 'continue-me' } });
    assert.equal(cont.headers.location, `/admin/post/${created.id}/change`);
    const changePage = await browser.follow(cont);
    assert.equal(changePage.statusCode, 200);
    assert.ok(messagesOf(changePage.body).some((m) => /edit it again/.test(m)));
    assert.equal(inputValue(changePage.body, 'slug'), 'continue-me');

    const another = await browser.post('/admin/post/add', validPost({ slug: 'and-another', _save: [], _addanother: '1' }));
    assert.equal(another.statusCode, 303, show(another));
    assert.equal(another.headers.location, '/admin/post/add');
    const blank = await browser.follow(another);
    assert.equal(inputValue(blank.body, 'title'), '');
    assert.ok(messagesOf(blank.body).some((m) => /add another/.test(m)));
  });

  test('an invalid post → 400, typed values kept, each error beside its field, nothing saved', async () => {
    const count = await demo.prisma.post.count();
    const browser = demo.newBrowser();
    const typed = validPost({ title: '', slug: 'typed-slug', body: 'Typed <b>body</b> & "quotes"', viewCount: 'many', rating: '1.2.3', publishedAt: '2024-02-30T10:00', author: '' });
    const response = await browser.post('/admin/post/add', typed);
    assert.equal(response.statusCode, 400, show(response));
    const html = response.body;
    assert.match(fieldError(html, 'title') ?? '', /required/i);
    assert.match(fieldError(html, 'viewCount') ?? '', /whole number/i);
    assert.match(fieldError(html, 'rating') ?? '', /number/i);
    assert.match(fieldError(html, 'publishedAt') ?? '', /date/i);
    assert.match(fieldError(html, 'author') ?? '', /required/i);
    assert.equal(fieldError(html, 'slug'), undefined);
    assert.equal(fieldError(html, 'body'), undefined);
    assert.equal(inputValue(html, 'slug'), 'typed-slug');
    assert.equal(inputValue(html, 'body'), 'Typed <b>body</b> & "quotes"');
    assert.equal(inputValue(html, 'viewCount'), 'many');
    assert.equal(inputValue(html, 'rating'), '1.2.3');
    assert.equal(inputValue(html, 'publishedAt'), '2024-02-30T10:00');
    assert.equal(inputValue(html, 'status'), 'published');
    assert.equal(inputValue(html, 'category'), '3');
    assert.deepEqual(inputValue(html, 'tags'), ['1', '4']);
    assert.doesNotMatch(html, /<b>body<\/b>/, 'typed values are escaped');
    assert.match(html, /Please correct the errors below/);
    assert.equal(await demo.prisma.post.count(), count);
  });

  test('a relation to a record that does not exist is a field error, not a 500', async () => {
    const response = await demo.newBrowser().post('/admin/post/add', validPost({ slug: 'ghost-author', author: '99999' }));
    assert.equal(response.statusCode, 400, show(response));
    assert.ok(fieldError(response.body, 'author'), 'error beside author');
    assert.equal(await demo.prisma.post.count({ where: { slug: 'ghost-author' } }), 0);
  });

  test('a duplicate slug → 400 with the error beside slug', async () => {
    const taken = await demo.prisma.post.findUniqueOrThrow({ where: { id: 30 } });
    const response = await demo.newBrowser().post('/admin/post/add', validPost({ title: 'Copycat', slug: taken.slug }));
    assert.equal(response.statusCode, 400, show(response));
    assert.match(fieldError(response.body, 'slug') ?? '', /already exists/);
    assert.equal(inputValue(response.body, 'title'), 'Copycat');
    assert.equal(await demo.prisma.post.count({ where: { title: 'Copycat' } }), 0);
  });

  test('unique violations on other models too (author email, category name)', async () => {
    const author = await demo.prisma.author.findFirstOrThrow();
    const browser = demo.newBrowser();
    const dupEmail = await browser.post('/admin/author/add', { name: 'Someone', email: author.email, bio: '', _save: '1' });
    assert.equal(dupEmail.statusCode, 400, show(dupEmail));
    assert.match(fieldError(dupEmail.body, 'email') ?? '', /already exists/);
    const dupName = await browser.post('/admin/category/add', { name: 'Design', slug: 'design-2', description: '', _save: '1' });
    assert.equal(dupName.statusCode, 400, show(dupName));
    assert.match(fieldError(dupName.body, 'name') ?? '', /already exists/);
  });
});

describe('change', () => {
  test('the change form shows the current values', async () => {
    const post = await demo.prisma.post.findUniqueOrThrow({ where: { id: 40 }, include: { tags: true } });
    const html = (await demo.browser.get('/admin/post/40/change')).body;
    assert.equal(inputValue(html, 'title'), post.title);
    assert.equal(inputValue(html, 'slug'), post.slug);
    assert.equal(inputValue(html, 'body'), post.body);
    assert.equal(inputValue(html, 'status'), post.status);
    assert.equal(inputValue(html, 'author'), String(post.authorId));
    assert.equal(inputValue(html, 'category'), post.categoryId === null ? '' : String(post.categoryId));
    assert.deepEqual([...(inputValue(html, 'tags') as string[])].sort(), post.tags.map((t) => String(t.id)).sort());
    assert.equal(inputValue(html, 'rating'), post.rating === null ? '' : post.rating.toFixed());
  });

  test('a valid change → 303 with a message; Decimal "12345.67" is kept exactly', async () => {
    const browser = demo.newBrowser();
    const form = formFields((await browser.get('/admin/post/41/change')).body, '/change');
    const response = await browser.post('/admin/post/41/change', { ...form, title: 'Changed title', rating: '12345.67', category: '', tags: [], _save: '1' });
    assert.equal(response.statusCode, 303, show(response));
    assert.equal(response.headers.location, '/admin/post/');
    const list = await browser.follow(response);
    assert.ok(messagesOf(list.body).some((m) => /changed successfully/.test(m) && m.includes('Changed title')));
    const post = await demo.prisma.post.findUniqueOrThrow({ where: { id: 41 }, include: { tags: true } });
    assert.equal(post.title, 'Changed title');
    assert.equal(post.rating?.toFixed(), '12345.67');
    assert.equal(post.categoryId, null, 'an emptied optional relation is disconnected');
    assert.deepEqual(post.tags, [], 'an emptied many-to-many is cleared');
    const again = (await browser.get('/admin/post/41/change')).body;
    assert.equal(inputValue(again, 'rating'), '12345.67');
  });

  test('a change that only resubmits the form leaves every value as it was', async () => {
    const before = await demo.prisma.post.findUniqueOrThrow({ where: { id: 42 }, include: { tags: { orderBy: { id: 'asc' } } } });
    const browser = demo.newBrowser();
    const form = formFields((await browser.get('/admin/post/42/change')).body, '/change');
    const response = await browser.post('/admin/post/42/change', { ...form, _save: '1' });
    assert.equal(response.statusCode, 303, show(response));
    const after = await demo.prisma.post.findUniqueOrThrow({ where: { id: 42 }, include: { tags: { orderBy: { id: 'asc' } } } });
    const { updatedAt: _a, ...was } = before;
    const { updatedAt: _b, ...now } = after;
    assert.deepEqual({ ...now, rating: now.rating?.toFixed() }, { ...was, rating: was.rating?.toFixed() });
  });

  test('an invalid change → 400, typed values kept, errors beside fields, the record unchanged', async () => {
    const before = await demo.prisma.post.findUniqueOrThrow({ where: { id: 43 } });
    const browser = demo.newBrowser();
    const form = formFields((await browser.get('/admin/post/43/change')).body, '/change');
    const response = await browser.post('/admin/post/43/change', { ...form, title: '   ', body: 'new body typed', viewCount: '-', _save: '1' });
    assert.equal(response.statusCode, 400, show(response));
    assert.match(fieldError(response.body, 'title') ?? '', /required/i);
    assert.match(fieldError(response.body, 'viewCount') ?? '', /whole number/i);
    assert.equal(inputValue(response.body, 'body'), 'new body typed');
    assert.equal(inputValue(response.body, 'viewCount'), '-');
    const after = await demo.prisma.post.findUniqueOrThrow({ where: { id: 43 } });
    assert.deepEqual(after, before);
  });

  test('changing the slug to one that is taken → 400 with the error beside slug, not 500', async () => {
    const other = await demo.prisma.post.findUniqueOrThrow({ where: { id: 45 } });
    const browser = demo.newBrowser();
    const form = formFields((await browser.get('/admin/post/44/change')).body, '/change');
    const response = await browser.post('/admin/post/44/change', { ...form, slug: other.slug, title: 'Typed while taken', _save: '1' });
    assert.equal(response.statusCode, 400, show(response));
    assert.match(fieldError(response.body, 'slug') ?? '', /already exists/);
    assert.equal(inputValue(response.body, 'title'), 'Typed while taken');
    assert.notEqual((await demo.prisma.post.findUniqueOrThrow({ where: { id: 44 } })).title, 'Typed while taken');
  });

  test('the Int range is checked: viewCount 2147483648 is refused, 2147483647 kept', async () => {
    const browser = demo.newBrowser();
    const form = formFields((await browser.get('/admin/post/46/change')).body, '/change');
    const tooBig = await browser.post('/admin/post/46/change', { ...form, viewCount: '2147483648', _save: '1' });
    assert.equal(tooBig.statusCode, 400, show(tooBig));
    assert.ok(fieldError(tooBig.body, 'viewCount'));
    const max = await browser.post('/admin/post/46/change', { ...form, viewCount: '2147483647', _save: '1' });
    assert.equal(max.statusCode, 303, show(max));
    assert.equal((await demo.prisma.post.findUniqueOrThrow({ where: { id: 46 } })).viewCount, 2147483647);
  });

  test('a save over a record changed since the form was opened is not silently applied', async () => {
    const browser = demo.newBrowser();
    const form = formFields((await browser.get('/admin/post/47/change')).body, '/change');
    // Someone else saves first.
    await demo.prisma.post.update({ where: { id: 47 }, data: { title: 'Saved by someone else' } });
    const response = await browser.post('/admin/post/47/change', { ...form, body: 'my edit', _save: '1' });
    assert.ok(response.statusCode === 409 || response.statusCode === 400, show(response));
    assert.match(textOf(mainOf(response.body)), /changed|conflict|modified/i);
    assert.equal((await demo.prisma.post.findUniqueOrThrow({ where: { id: 47 } })).title, 'Saved by someone else');
  });
});
