// The html`` helper (Django's format_html): every interpolated value is escaped unless it is itself SafeHtml.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { escapeHtml, html, isSafeHtml, SafeHtml, safeUrl } from '../../../src/markup/safe-html.ts';

const PAYLOADS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "' onmouseover='alert(1)", '`${x}`', '&amp;', '</b><i>'];

describe('html``', () => {
  test('escapes every interpolated string, in text and in quoted attributes', () => {
    for (const p of PAYLOADS) {
      const out = html`<b title="${p}">${p}</b><i title='${p}'>x</i>`.toString();
      assert.equal(out, `<b title="${escapeHtml(p)}">${escapeHtml(p)}</b><i title='${escapeHtml(p)}'>x</i>`);
      // Only the template's own two tags open, and every attribute is the template's own title.
      assert.deepEqual(out.match(/<[a-z]+/gi), ['<b', '<i']);
      const tags = [...out.matchAll(/<[a-z][^>]*>/gi)].map((m) => m[0].replace(/"[^"]*"|'[^']*'/g, '""'));
      assert.deepEqual(tags, ['<b title="">', '<i title="">']);
    }
  });

  test('numbers, dates and objects are shown by their text, escaped; null, undefined and false are left out', () => {
    const evil = { toString: () => '<script>' };
    assert.equal(html`${1}|${null}|${undefined}|${false}|${evil}|${0}`.toString(), '1||||&lt;script&gt;|0');
  });

  test('nested html`` is kept as it is, and arrays are joined (each item escaped or kept)', () => {
    const badge = (s: string) => html`<span class="badge">${s}</span>`;
    const out = html`<p>${badge('<a>')} ${['<x>', badge('y')]}</p>`.toString();
    assert.equal(out, '<p><span class="badge">&lt;a&gt;</span> &lt;x&gt;<span class="badge">y</span></p>');
  });

  test('a plain string that looks like HTML is never trusted, whatever its shape', () => {
    const lookalike = { toString: () => '<b>', [Symbol.for('SafeHtml')]: true };
    assert.equal(html`${lookalike}`.toString(), '&lt;b&gt;');
    assert.equal(html`${'<b>bold</b>'}`.toString(), '&lt;b&gt;bold&lt;/b&gt;');
    assert.ok(isSafeHtml(html`x`));
    assert.ok(!isSafeHtml('<b>x</b>'));
  });

  test('URLs in href and src that could run script become #', () => {
    for (const bad of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'java\nscript:x', 'data:text/html,<script>', 'vbscript:x']) {
      assert.equal(html`<a href="${bad}">x</a>`.toString(), '<a href="#">x</a>', bad);
      assert.equal(html`<img src='${bad}'>`.toString(), "<img src='#'>", bad);
      assert.equal(safeUrl(bad), '#');
    }
    for (const good of ['https://example.com/?a=1&b=2', 'http://x', 'mailto:a@b.c', '/admin/post/1/', 'page?x=a:b', '#top', 'a/b:c']) {
      assert.equal(html`<a href="${good}">x</a>`.toString(), `<a href="${escapeHtml(good)}">x</a>`, good);
    }
  });

  test('refuses interpolation where escaping cannot protect: unquoted attributes, tag names, handlers, styles', () => {
    assert.throws(() => html`<a href=${'x'}>`, /quotes/);
    assert.throws(() => html`<${'script'}>`, /tag name/);
    assert.throws(() => html`<b onclick="go(${'1'})">`, /event handler/);
    assert.throws(() => html`<b style="color: ${'red'}">`, /style/);
  });

  test('one call site judged once still escapes each call\'s own values, and a refused one throws every time', () => {
    const link = (url: string, text: string) => html`<a href="${url}" title="${text}">${text}</a>`;
    assert.equal(link('/a', '<b>').toString(), '<a href="/a" title="&lt;b&gt;">&lt;b&gt;</a>');
    assert.equal(link('javascript:x', 'ok').toString(), '<a href="#" title="ok">ok</a>');
    assert.equal(link('/c', '"').toString(), '<a href="/c" title="&quot;">&quot;</a>');
    const unquoted = (v: string) => html`<a href=${v}>`;
    for (let i = 0; i < 3; i++) assert.throws(() => unquoted('x'), /quotes/);
    // An array passed by hand (not a tagged template's frozen strings) may change between calls: judged each time.
    const strings = Object.assign(['<a href="', '">x</a>'], { raw: [] as string[] }) as unknown as TemplateStringsArray;
    assert.equal(html(strings, 'javascript:x').toString(), '<a href="#">x</a>');
    (strings as unknown as string[])[0] = '<b title="';
    assert.equal(html(strings, 'javascript:x').toString(), '<b title="javascript:x">x</a>');
  });

  test('SafeHtml has no public constructor and renders by toString/toJSON', () => {
    const value = html`<b>${'x'}</b>`;
    assert.ok(value instanceof SafeHtml);
    assert.equal(`${value}`, '<b>x</b>');
    assert.equal(JSON.stringify({ value }), '{"value":"<b>x</b>"}');
  });
});
