// One request must not freeze the admin: forms are read in one linear pass with limits (fields, repeats of a field,
// text bytes), inline rows are split from the form once, and a TOTAL_FORMS the rows do not bear out is refused. The
// flood tests run over a real listening server and check that a static file is answered meanwhile.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AddressInfo } from 'node:net';
import { DEFAULT_FORM_LIMITS } from '../../src/http/form-body.ts';
import { MAX_INLINE_ROWS } from '../../src/forms/inline-forms.ts';
import { Browser, startDemoApp, type DemoApp } from '../support/demo-app.ts';
import { mainOf, textOf } from '../support/html.ts';
import { show } from '../support/security.ts';

const MiB = 1024 * 1024;
let demo: DemoApp;
let base: string;
before(async () => {
  demo = await startDemoApp();
  await demo.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(demo.app.server.address() as AddressInfo).port}`;
});
after(() => demo?.close());

const cookieHeader = (browser: Browser) => Object.entries(browser.jar.all).map(([k, v]) => `${k}=${v}`).join('; ');

/** `name=value&…` repeated until the body holds `bytes` bytes (after `head`). */
function repeatedField(head: string, pair: string, bytes: number): string {
  return head + `&${pair}`.repeat(Math.ceil((bytes - head.length) / (pair.length + 1)));
}

/**
 * POSTs `body` over HTTP with the browser's cookies and, until the answer comes, fetches a static file again and
 * again over another connection: returns the answer and the slowest static response (ms).
 */
async function postWhileProbing(browser: Browser, url: string, body: string | Uint8Array<ArrayBuffer>, contentType = 'application/x-www-form-urlencoded') {
  let done = false;
  const started = Date.now();
  const post = fetch(base + url, { method: 'POST', headers: { 'content-type': contentType, cookie: cookieHeader(browser) }, body, redirect: 'manual' })
    .then(async (r) => ({ status: r.status, body: await r.text(), headers: r.headers }))
    .finally(() => { done = true; });
  const probes: number[] = [];
  const probing = (async () => {
    do {
      const t = Date.now();
      const r = await fetch(`${base}/admin/static/admin.css`);
      await r.arrayBuffer();
      assert.equal(r.status, 200);
      probes.push(Date.now() - t);
      await new Promise((resolve) => setTimeout(resolve, 10));
    } while (!done && Date.now() - started < 120_000);
  })();
  const [response] = await Promise.all([post, probing]);
  return { response, slowestProbe: Math.max(...probes), elapsed: Date.now() - started };
}

function assertFormTooLarge(response: { status: number; body: string; headers: Headers }, what: RegExp) {
  assert.equal(response.status, 413, `${response.status}: ${textOf(mainOf(response.body)).slice(0, 300)}`);
  assert.match(response.headers.get('content-type') ?? '', /^text\/html/, 'the admin page, not fastify JSON');
  assert.match(response.body, /<h1>Form too large<\/h1>/);
  assert.match(textOf(mainOf(response.body)), what);
  assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'self'/, 'with the security headers');
}

/**
 * A static response slower than this means the flood held the process. Before the one-pass form reader a 1 MiB body
 * held it for minutes (README, bench/form-flood.ts); a loaded 2-core CI machine answers a static file in up to ~1 s
 * even when nothing is held, so the bound is seconds, not the 0.6 s an idle machine shows.
 */
const FROZEN_MS = 5000;

describe('form floods (a real server; a static file keeps being answered)', () => {
  test('POST /admin/login with a valid CSRF token and 1 MiB of one repeated field → 413 page at once', async () => {
    const browser = new Browser(demo.app);
    await browser.get('/admin/login');
    const body = repeatedField(`_csrf=${encodeURIComponent(browser.csrfToken!)}&next=%2Fadmin%2F&password=x`, 'username=a', MiB - 100);
    assert.ok(body.length > MiB - 200 && body.length < MiB, `${body.length} bytes`);
    const { response, slowestProbe } = await postWhileProbing(browser, '/admin/login', body);
    assertFormTooLarge(response, /The form sent more than 25,000 fields, more than this admin accepts\. Nothing was saved\./);
    assert.ok(slowestProbe < FROZEN_MS, `a static file waited ${slowestProbe} ms`);

    // Fewer fields than the field limit, but one of them repeated past the repeat limit.
    const repeats = `_csrf=${encodeURIComponent(browser.csrfToken!)}${'&username=a'.repeat(DEFAULT_FORM_LIMITS.maxRepeats + 1)}`;
    const refused = await postWhileProbing(browser, '/admin/login', repeats);
    assertFormTooLarge(refused.response, /The form sent the field “username” more than 10,000 times/);
  });

  test('the same flood as multipart → 413 page, the static file answered meanwhile', async () => {
    const browser = new Browser(demo.app);
    await browser.get('/admin/login');
    const boundary = 'flood-boundary';
    const part = `--${boundary}\r\nContent-Disposition: form-data; name="username"\r\n\r\na\r\n`;
    const body = new TextEncoder().encode(part.repeat(Math.floor(MiB / part.length)) + `--${boundary}--\r\n`);
    // Multipart logins under the limits first: the first multipart requests of a process also compile the parser's code
    // (a one-time cost, not the flood's).
    const warm = await browser.postMultipart('/admin/login', { _csrf: browser.csrfToken!, username: 'nobody', password: 'wrong-password' });
    assert.equal(warm.statusCode, 400, show(warm));
    const under = await browser.postMultipart('/admin/login', { _csrf: browser.csrfToken!, username: Array(5000).fill('a'), password: 'wrong-password' });
    assert.equal(under.statusCode, 400, show(under));
    const { response, slowestProbe } = await postWhileProbing(browser, `/admin/login?_csrf=${encodeURIComponent(browser.csrfToken!)}`, body, `multipart/form-data; boundary=${boundary}`);
    assertFormTooLarge(response, /more than 10,000 times/);
    assert.ok(slowestProbe < FROZEN_MS, `a static file waited ${slowestProbe} ms`);
  });

  test('a 1 MiB inline save (TOTAL_FORMS 1,000, rows of junk fields) → 413; at the field limit → read in one pass', async () => {
    const browser = demo.newBrowser();
    const page = await browser.get('/admin/post/5/change');
    assert.equal(page.statusCode, 200);
    const before = await demo.prisma.post.findUniqueOrThrow({ where: { id: 5 }, include: { comments: true } });
    const head = `_csrf=${encodeURIComponent(browser.csrfToken!)}&title=Flooded&comments-TOTAL_FORMS=${MAX_INLINE_ROWS}`;
    const rowPairs = (fieldsPerRow: number) => {
      const pairs: string[] = [];
      for (let i = 0; i < MAX_INLINE_ROWS; i++) for (let f = 0; f < fieldsPerRow; f++) pairs.push(`comments-${i}-x${f}=`);
      return pairs;
    };
    // 1 MiB: far more fields than any form needs.
    const flood = `${head}&${rowPairs(60).join('&')}`.slice(0, MiB);
    const big = await postWhileProbing(browser, '/admin/post/5/change', flood);
    assertFormTooLarge(big.response, /more than 25,000 fields/);
    assert.ok(big.slowestProbe < FROZEN_MS, `a static file waited ${big.slowestProbe} ms`);

    // Just under the field limit (1,000 rows × 24 inputs): the form is read, every row split out once; the rows send no
    // id, change nothing, and the post's form is incomplete, so the page comes back with errors (400), nothing saved.
    const underLimit = `${head}&${rowPairs(Math.floor((DEFAULT_FORM_LIMITS.maxFields - 10) / MAX_INLINE_ROWS)).join('&')}`;
    const read = await postWhileProbing(browser, '/admin/post/5/change', underLimit);
    assert.equal(read.response.status, 400, textOf(mainOf(read.response.body)).slice(0, 300));
    assert.match(read.response.body, /Please correct the errors below/);
    assert.ok(read.slowestProbe < FROZEN_MS, `a static file waited ${read.slowestProbe} ms`);
    assert.deepEqual(await demo.prisma.post.findUniqueOrThrow({ where: { id: 5 }, include: { comments: true } }), before);
  });
});

test('a body over 1 MiB (urlencoded or JSON) → the same 413 page, saying the size', async () => {
  const browser = demo.newBrowser();
  await browser.get('/admin/post/add');
  for (const [type, payload] of [['application/x-www-form-urlencoded', `title=${'x'.repeat(MiB)}`], ['application/json', JSON.stringify({ title: 'x'.repeat(MiB) })]]) {
    const response = await browser.request({ method: 'POST', url: '/admin/post/add', headers: { 'content-type': type }, payload });
    assert.equal(response.statusCode, 413, `${type}: ${show(response)}`);
    assert.match(response.body, /<h1>Form too large<\/h1>/);
    assert.match(textOf(mainOf(response.body)), /The form is larger than the 1 MiB this admin accepts\. Nothing was saved\./);
  }
});

describe('limits that real forms stay under', () => {
  test('an inline of 1,000 new rows (MAX_INLINE_ROWS) saves', async () => {
    const post = await demo.prisma.post.create({ data: { title: 'Many comments', slug: 'many-comments', body: 'x', authorId: 1 } });
    const browser = demo.newBrowser();
    const page = await browser.get(`/admin/post/${post.id}/change`);
    const form: Record<string, string> = {};
    for (const m of page.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) form[m[1]] = m[2];
    Object.assign(form, { title: post.title, slug: post.slug, body: post.body, status: 'draft', author: '1', viewCount: '0', 'comments-TOTAL_FORMS': String(MAX_INLINE_ROWS), _save: '1' });
    for (let i = 0; i < MAX_INLINE_ROWS; i++) Object.assign(form, { [`comments-${i}-_id`]: '', [`comments-${i}-authorName`]: `Reader ${i}`, [`comments-${i}-body`]: `Comment ${i}.`, [`comments-${i}-approved`]: 'on' });
    const response = await browser.post(`/admin/post/${post.id}/change`, form);
    assert.equal(response.statusCode, 303, show(response));
    assert.equal(await demo.prisma.comment.count({ where: { postId: post.id, approved: true } }), MAX_INLINE_ROWS);
  });

  test('"delete selected" of 1,000 rows (the most a list sends) is read; 1,001 gets the clear message', async () => {
    const browser = demo.newBrowser();
    await browser.get('/admin/comment/');
    const ids = (n: number) => Array.from({ length: n }, (_, i) => String(100_000 + i));
    const thousand = await browser.post('/admin/comment/action', { action: 'delete_selected', _selected: ids(1000) });
    assert.notEqual(thousand.statusCode, 413, show(thousand));
    const more = await browser.post('/admin/comment/action', { action: 'delete_selected', _selected: ids(1001) });
    assert.equal(more.statusCode, 400, show(more));
    assert.match(more.body, /Select at most 1000 records at once/);
  });

  test('a TOTAL_FORMS above the rows sent is a 400 page (no loop over a made-up count); above 1,000 too', async () => {
    const browser = demo.newBrowser();
    const page = await browser.get('/admin/post/7/change');
    const form: Record<string, string> = {};
    for (const m of page.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) form[m[1]] = m[2];
    const before = await demo.prisma.post.findUniqueOrThrow({ where: { id: 7 }, include: { comments: true } });
    const rows = Number(form['comments-TOTAL_FORMS']);
    for (const total of [rows + 1, 9_999_999]) {
      const response = await browser.post('/admin/post/7/change', { ...form, title: 'Not saved', 'comments-TOTAL_FORMS': String(total), _save: '1' });
      assert.equal(response.statusCode, 400, show(response));
      assert.match(textOf(mainOf(response.body)), total > MAX_INLINE_ROWS ? /more than 1,000 rows of comments/ : new RegExp(`says it holds ${total} rows of comments, but ${rows} arrived`));
    }
    assert.deepEqual(await demo.prisma.post.findUniqueOrThrow({ where: { id: 7 }, include: { comments: true } }), before);
  });
});
