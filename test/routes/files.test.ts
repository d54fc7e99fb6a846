// fileFields through the demo's Post.cover (images, 2 MiB, a LocalStorage on a temporary directory): uploads checked
// by size and by their bytes, thumbnails, replacement and clearing that delete the old file only after the save
// commits, a failed save that keeps the old file and removes the new one, and the served file's headers.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startDemoApp, type DemoApp } from '../support/demo-app.ts';
import { fieldError, formFields, listRows, mainOf } from '../support/html.ts';
import { createAdminUser, loginAs } from '../support/security.ts';
import { pngImage } from '../unit/files/images.ts';

type Form = Record<string, string | string[] | { data: Uint8Array; filename: string; type?: string }>;

describe('file fields (the demo post cover)', () => {
  let demo: DemoApp;
  let uploads: string;
  let postId: number;
  let otherSlug: string;

  before(async () => {
    uploads = await mkdtemp(path.join(tmpdir(), 'pas-uploads-'));
    demo = await startDemoApp({ size: { posts: 3, comments: 0 }, uploads });
    const posts = await demo.prisma.post.findMany({ orderBy: { id: 'asc' }, take: 2 });
    postId = posts[0].id;
    otherSlug = posts[1].slug;
  });
  after(async () => {
    await demo.close();
    await rm(uploads, { recursive: true, force: true });
  });

  const changeUrl = () => `/admin/post/${postId}/change`;
  const storedFiles = async () => (await readdir(path.join(uploads, 'post', 'cover')).catch(() => [] as string[])).sort();
  const coverOf = async () => (await demo.prisma.post.findUniqueOrThrow({ where: { id: postId } })).cover;
  /** The change form as the browser would send it, with `changes` on top. */
  async function submit(changes: Form) {
    const page = await demo.browser.get(changeUrl());
    assert.equal(page.statusCode, 200);
    return demo.browser.postMultipart(changeUrl(), { ...formFields(page.body, '/change'), ...changes });
  }

  test('an image is stored under a new key with its thumbnail, shown in the form and as a thumbnail in the list', async () => {
    const png = await pngImage(640, 320);
    const response = await submit({ cover: { data: png, filename: 'Sunset <b>.png', type: 'image/png' } });
    assert.equal(response.statusCode, 303, mainOf(response.body).slice(0, 500));
    const key = await coverOf();
    assert.match(key ?? '', /^post\/cover\/[0-9a-f-]{36}-sunset-b\.png$/);
    assert.deepEqual(await storedFiles(), [path.basename(key!), `${path.basename(key!)}.thumb.webp`].sort());

    const form = await demo.browser.get(changeUrl());
    assert.match(form.body, new RegExp(`<img class="file-thumb" src="/admin/post/${postId}/thumbnail/cover"`));
    assert.match(form.body, /<input type="file" id="id_cover" name="cover" accept="image\/\*"/);
    const list = await demo.browser.get('/admin/post/');
    assert.ok(listRows(list.body).length > 0);
    assert.match(list.body, new RegExp(`<a href="/admin/post/${postId}/download/cover" class="file-thumb-link"><img class="file-thumb" src="/admin/post/${postId}/thumbnail/cover" alt="Cover"`));

    const thumb = await demo.browser.get(`/admin/post/${postId}/thumbnail/cover`);
    assert.equal(thumb.statusCode, 200);
    assert.equal(thumb.headers['content-type'], 'image/webp');
    const served = await demo.browser.get(`/admin/post/${postId}/download/cover`);
    assert.equal(served.statusCode, 200);
    assert.equal(served.headers['content-type'], 'image/png');
    assert.equal(served.headers['content-disposition'], 'inline');
    assert.equal(served.headers['x-content-type-options'], 'nosniff');
    assert.deepEqual(served.rawPayload, png);
  });

  test('an HTML page named .png and sent as image/png is refused beside the field, and nothing is stored', async () => {
    const before = await storedFiles();
    const key = await coverOf();
    const response = await submit({ cover: { data: Buffer.from('<!doctype html><script>alert(1)</script>'), filename: '<img src=x onerror=alert(1)>.png', type: 'image/png' } });
    assert.equal(response.statusCode, 400);
    const error = fieldError(response.body, 'cover') ?? '';
    assert.match(error, /cannot be used here: its content is of no recognised type/);
    assert.match(error, /This field accepts image\/\*/);
    assert.ok(!response.body.includes('<img src=x onerror'), 'the file name is escaped');
    assert.equal(await coverOf(), key);
    assert.deepEqual(await storedFiles(), before);
  });

  test('a PDF is refused by accept; a file over maxBytes gets the size message (413-like, beside the field)', async () => {
    const pdf = await submit({ cover: { data: Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n'), filename: 'cover.png', type: 'image/png' } });
    assert.equal(pdf.statusCode, 400);
    assert.match(fieldError(pdf.body, 'cover') ?? '', /it is application\/pdf/);
    const big = Buffer.concat([await pngImage(2, 2), Buffer.alloc(2 * 1024 * 1024)]);
    const tooLarge = await submit({ cover: { data: big, filename: 'big.png', type: 'image/png' } });
    assert.equal(tooLarge.statusCode, 400);
    assert.match(fieldError(tooLarge.body, 'cover') ?? '', /larger than the upload limit of 2 MiB/);
  });

  test('a failed save (a duplicate slug) keeps the old file and removes the new upload', async () => {
    const key = await coverOf();
    const before = await storedFiles();
    const response = await submit({ slug: otherSlug, cover: { data: await pngImage(30, 30), filename: 'new.png', type: 'image/png' } });
    assert.equal(response.statusCode, 400);
    assert.ok(fieldError(response.body, 'slug'), 'the slug error is shown');
    assert.equal(await coverOf(), key);
    assert.deepEqual(await storedFiles(), before);
  });

  test('replacing deletes the old file and thumbnail after the save; clearing deletes the file', async () => {
    const old = await coverOf();
    const replaced = await submit({ cover: { data: await pngImage(40, 40), filename: 'second.webp.png', type: 'image/png' } });
    assert.equal(replaced.statusCode, 303);
    const key = await coverOf();
    assert.notEqual(key, old);
    assert.deepEqual(await storedFiles(), [path.basename(key!), `${path.basename(key!)}.thumb.webp`].sort());
    const cleared = await submit({ 'cover-clear': 'on' });
    assert.equal(cleared.statusCode, 303);
    assert.equal(await coverOf(), null);
    assert.deepEqual(await storedFiles(), []);
  });

  test('an empty file input keeps the current file', async () => {
    await submit({ cover: { data: await pngImage(10, 10), filename: 'keep.png', type: 'image/png' } });
    const key = await coverOf();
    const response = await submit({ cover: { data: new Uint8Array(0), filename: '' } });
    assert.equal(response.statusCode, 303);
    assert.equal(await coverOf(), key);
  });

  test('a file of another type is an attachment; a tampered key, a missing file or no field is a 404', async () => {
    await writeFile(path.join(uploads, 'post', 'cover', 'doc.pdf'), '%PDF-1.4\n%âãÏÓ\n<html><script>alert(1)</script>');
    await demo.prisma.post.update({ where: { id: postId }, data: { cover: 'post/cover/doc.pdf' } });
    const pdf = await demo.browser.get(`/admin/post/${postId}/download/cover`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/octet-stream');
    assert.equal(pdf.headers['content-disposition'], 'attachment; filename="doc.pdf"');
    assert.equal(pdf.headers['x-content-type-options'], 'nosniff');
    assert.equal((await demo.browser.get(`/admin/post/${postId}/thumbnail/cover`)).statusCode, 404);
    assert.match((await demo.browser.get('/admin/post/')).body, new RegExp(`<a href="/admin/post/${postId}/download/cover" download>doc.pdf</a>`));
    await demo.prisma.post.update({ where: { id: postId }, data: { cover: '../../../etc/passwd' } });
    assert.equal((await demo.browser.get(`/admin/post/${postId}/download/cover`)).statusCode, 404);
    assert.equal((await demo.browser.get(`/admin/post/${postId}/thumbnail/cover`)).statusCode, 404);
    await demo.prisma.post.update({ where: { id: postId }, data: { cover: 'post/cover/missing.png' } });
    assert.equal((await demo.browser.get(`/admin/post/${postId}/download/cover`)).statusCode, 404);
    assert.equal((await demo.browser.get(`/admin/post/${postId}/thumbnail/title`)).statusCode, 404);
    assert.equal((await demo.browser.get(`/admin/post/${postId}/thumbnail/`)).statusCode, 404);
  });

  test('files are served only to those who may view posts', async () => {
    await submit({ cover: { data: await pngImage(10, 10), filename: 'private.png', type: 'image/png' } });
    const file = `/admin/post/${postId}/download/cover`;
    const loggedOut = await demo.app.inject({ method: 'GET', url: file });
    assert.equal(loggedOut.statusCode, 303);
    const commenter = await loginAs(demo.app, await createAdminUser(demo.prisma, 'comments-only', ['Comment.view']));
    assert.equal((await commenter.get(file)).statusCode, 403);
    assert.equal((await commenter.get(`/admin/post/${postId}/thumbnail/cover`)).statusCode, 403);
    const viewer = await loginAs(demo.app, await createAdminUser(demo.prisma, 'post-viewer', ['Post.view']));
    assert.equal((await viewer.get(file)).statusCode, 200);
  });
});
