// Markdown fields and rich list cells on the demo: the preview endpoint (CSRF, permissions, which fields), the change
// form's editor, the detail page's rendering, badges, the html`` column and boolean icons in lists.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startDemoApp, type DemoApp } from '../support/demo-app.ts';
import { createAdminUser, loginAs, postForm, show } from '../support/security.ts';
import { parseSchemaFiles } from '../../src/index.ts';
import { resolveModelAdmin } from '../../src/admin/resolve-model-admin.ts';
import { ModelAdmin } from '../../src/admin/model-admin.ts';
import { defineAdmin } from '../../src/admin/typed-admin.ts';

const HOSTILE_BODY = '# Heading\n\nHello **world** <script>alert("md")</script> <img src=x onerror=alert(2)> [link](javascript:alert(3)) [ok](https://example.com)';

let demo: DemoApp;
let postId: number;
before(async () => {
  demo = await startDemoApp();
  const post = await demo.prisma.post.findFirstOrThrow({ orderBy: { id: 'asc' } });
  postId = (await demo.prisma.post.update({ where: { id: post.id }, data: { body: HOSTILE_BODY, status: 'published' } })).id;
});
after(() => demo?.close());

const preview = (browser = demo.browser, form: Record<string, string> = { field: 'body', text: HOSTILE_BODY }, headers?: Record<string, string>) =>
  postForm(browser, '/admin/post/markdown-preview', form, { headers });

function assertSanitized(out: string, where: string) {
  assert.doesNotMatch(out, /<script|onerror|href="javascript:|alert\("md"\)/i, where);
  assert.match(out, /<h1>Heading<\/h1>/, where);
  assert.match(out, /<strong>world<\/strong>/, where);
  assert.match(out, /<a href="https:\/\/example.com" rel="noopener nofollow">ok<\/a>/, where);
}

describe('the Markdown preview endpoint', () => {
  test('renders and sanitizes the text for a Markdown field, as JSON that is never cached', async () => {
    const response = await preview();
    assert.equal(response.statusCode, 200, show(response));
    assert.match(String(response.headers['content-type']), /^application\/json/);
    assert.equal(response.headers['cache-control'], 'no-store');
    assertSanitized((response.json() as { html: string }).html, 'preview');
  });

  test('refuses a request without the CSRF token, or with a wrong one', async () => {
    const stranger = demo.newBrowser();
    stranger.csrfToken = undefined;
    const none = await preview(stranger);
    assert.equal(none.statusCode, 403, show(none));
    const wrong = await preview(demo.newBrowser(), { field: 'body', text: 'x' }, { 'x-csrf-token': 'not-a-token' });
    assert.equal(wrong.statusCode, 403, show(wrong));
  });

  test('answers anonymous requests with the login, and users who may neither add nor change posts with 403', async () => {
    const anonymous = await demo.app.inject({ method: 'POST', url: '/admin/post/markdown-preview', payload: 'field=body&text=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.notEqual(anonymous.statusCode, 200, show(anonymous));
    assert.doesNotMatch(anonymous.body, /"html"/);
    const commentsOnly = await loginAs(demo.app, await createAdminUser(demo.prisma, 'md-comments-only', ['Comment.view', 'Comment.change']));
    const refused = await preview(commentsOnly, { field: 'body', text: '**x**' });
    assert.equal(refused.statusCode, 403, show(refused));
    const viewOnly = await loginAs(demo.app, await createAdminUser(demo.prisma, 'md-view-only', ['Post.view']));
    const notEditing = await preview(viewOnly, { field: 'body', text: '**x**' });
    assert.equal(notEditing.statusCode, 403, `the preview is part of editing: ${show(notEditing)}`);
    for (const permission of ['Post.add', 'Post.change']) {
      const allowed = await loginAs(demo.app, await createAdminUser(demo.prisma, `md-${permission}`, [permission]));
      const response = await preview(allowed, { field: 'body', text: '**x**' });
      assert.equal(response.statusCode, 200, `${permission}: ${show(response)}`);
      assert.equal((response.json() as { html: string }).html, '<p><strong>x</strong></p>\n');
    }
  });

  test('only Markdown fields of the model: another field, an unknown one or a missing text is a 400', async () => {
    for (const form of [{ field: 'title', text: 'x' }, { field: 'nope', text: 'x' }, { text: 'x' }, { field: 'body' }]) {
      const response = await preview(demo.browser, form as Record<string, string>);
      assert.equal(response.statusCode, 400, `${JSON.stringify(form)}: ${show(response)}`);
    }
    const otherModel = await postForm(demo.browser, '/admin/comment/markdown-preview', { field: 'body', text: 'x' });
    assert.equal(otherModel.statusCode, 400, show(otherModel));
  });
});

describe('Markdown on the form and the detail page', () => {
  test('the change form marks the body textarea as Markdown, with the preview URL; other textareas stay plain', async () => {
    const html = (await demo.browser.get(`/admin/post/${postId}/change`)).body;
    assert.match(html, /<textarea id="id_body" name="body" data-widget="markdown" data-preview-url="\/admin\/post\/markdown-preview"/);
    const comment = await demo.prisma.comment.findFirstOrThrow();
    assert.doesNotMatch((await demo.browser.get(`/admin/comment/${comment.id}/change`)).body, /data-widget="markdown"/);
  });

  test('the detail page shows the body rendered and sanitized', async () => {
    const response = await demo.browser.get(`/admin/post/${postId}/`);
    assert.equal(response.statusCode, 200);
    const body = /<div class="markdown-body">([\s\S]*?)<\/div>\s*<\/dd>/.exec(response.body)?.[1] ?? '';
    assertSanitized(body, 'detail');
  });
});

describe('rich list cells', () => {
  test('status shows as a badge of its colour; the html`` column renders with its values escaped', async () => {
    await demo.prisma.post.update({ where: { id: postId }, data: { title: '<b>"Tom" & Jerry</b>' } });
    const html = (await demo.browser.get(`/admin/post/?q=${encodeURIComponent('"Tom"')}`)).body;
    assert.match(html, /<span class="badge badge-green">published<\/span>/);
    assert.match(html, /<span class="badge badge-blue" title="&lt;b&gt;&quot;Tom&quot; &amp; Jerry&lt;\/b&gt;: about \d+ min">\d+ min<\/span>/);
    assert.ok(!html.includes('<b>"Tom"'), 'the title is never raw');
    const drafts = (await demo.browser.get('/admin/post/?status__exact=draft')).body;
    assert.match(drafts, /<span class="badge badge-grey">draft<\/span>/);
  });

  test('boolean columns show icons with a text for screen readers', async () => {
    const html = (await demo.browser.get('/admin/adminuser/')).body;
    assert.match(html, /<span class="bool bool-yes" aria-hidden="true">✔<\/span><span class="visually-hidden">Yes<\/span>/);
    assert.match(html, /<span class="bool bool-no" aria-hidden="true">✘<\/span><span class="visually-hidden">No<\/span>/);
  });
});

describe('which fields are Markdown, and badges, checked at start-up', () => {
  const schema = parseSchemaFiles([{ path: 'schema.prisma', content: `
    datasource db {
      provider = "sqlite"
    }
    enum Status {
      draft
      published
    }
    model Note {
      id Int @id
      /// @markdown
      text String
      /// Written in Markdown (a description, not the annotation).
      summary String
      title String
      other String
      status Status
      count Int
    }` }]);
  const note = schema.models[0];
  const resolve = (options: Partial<ModelAdmin>) => resolveModelAdmin(schema, note, Object.assign(new ModelAdmin(), { modelName: 'Note' }, options));

  test('the doc annotation, markdownFields and the markdown widget all make a field Markdown; prose in the doc does not', () => {
    assert.deepEqual([...resolve({}).markdownFields], ['text']);
    assert.equal(note.fields.find((f) => f.name === 'text')!.documentation, null, 'the annotation is not help text');
    assert.deepEqual([...resolve({ markdownFields: ['title'] }).markdownFields].sort(), ['text', 'title']);
    assert.deepEqual([...resolve({ widgets: { other: 'markdown' } } as Partial<ModelAdmin>).markdownFields].sort(), ['other', 'text']);
  });

  test('markdownFields naming a non-String field, badges naming a wrong field, value or colour stop the start', () => {
    assert.throws(() => resolve({ markdownFields: ['count'] }), /markdownFields: "count" is not a field/);
    assert.throws(() => resolve({ badges: { count: { x: 'green' } } }), /badges: "count"/);
    assert.throws(() => resolve({ badges: { status: { deleted: 'green' } } }), /"deleted" is not a value of the enum Status/);
    assert.throws(() => resolve({ badges: { status: { draft: 'pink' as 'green' } } }), /"pink" is not a badge colour/);
    assert.equal(resolve({ badges: { status: { draft: 'grey' } } }).badges.get('status')?.get('draft'), 'grey');
  });

  test('badges are typed by the record: keys are the field values', () => {
    type Note = { id: number; status: 'draft' | 'published'; count: number };
    defineAdmin<unknown, Note>({ badges: { status: { draft: 'grey', published: 'green' } } });
    // @ts-expect-error 'deleted' is not a status
    defineAdmin<unknown, Note>({ badges: { status: { deleted: 'grey' } } });
    // @ts-expect-error count holds numbers, not values to badge
    defineAdmin<unknown, Note>({ badges: { count: { 1: 'grey' } } });
    // @ts-expect-error 'pink' is not in the palette
    defineAdmin<unknown, Note>({ badges: { status: { draft: 'pink' } } });
  });
});
