// The Markdown renderer's sanitizer against a corpus of XSS payloads: whatever an editor types, the HTML has no
// script, no event handler, no style, no frame or plugin, and no link or image that runs script or carries data.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderMarkdown, sanitizeMarkdownHtml } from '../../../src/markup/markdown.ts';

const CORPUS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<scr<script>ipt>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<img src="x" ONERROR="alert(1)">',
  '<img src=x onerror="&#97;lert(1)">',
  '<body onload=alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="JaVaScRiPt:alert(1)">x</a>',
  '<a href="java\tscript:alert(1)">x</a>',
  '<a href="java&#x09;script:alert(1)">x</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
  '<a href="&#x6A;avascript:alert(1)">x</a>',
  '<a href="  javascript:alert(1)">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '[x](javascript:alert(1))',
  '[x](JAVASCRIPT:alert(1))',
  '[x](&#106;avascript:alert(1))',
  '[x](java%73cript:alert(1))',
  '<javascript:alert(1)>',
  '![x](javascript:alert(1))',
  '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '![x](data:image/png;base64,iVBORw0KGgo=)',
  '<svg onload=alert(1)><circle/></svg>',
  '<svg><script>alert(1)</script></svg>',
  '<math><mtext><script>alert(1)</script></mtext></math>',
  '<iframe src="https://evil.example"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="x.swf"></object><embed src="x.swf">',
  '<form action="https://evil.example"><input name=a><button formaction="javascript:alert(1)">go</button></form>',
  '<p style="background:url(javascript:alert(1))">styled</p>',
  '<style>body{display:none}</style>',
  '<div style="position:fixed;inset:0">cover</div>',
  '<link rel=stylesheet href=//evil.example/x.css>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="https://evil.example/">',
  '<details open ontoggle=alert(1)><summary>x</summary></details>',
  '<a href="https://ok.example" onclick="alert(1)" target="_blank">ok</a>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '<template><script>alert(1)</script></template>',
  '<textarea><script>alert(1)</script></textarea>',
  '"><img src=x onerror=alert(1)>',
  '`<script>` in code stays text',
  '```html\n<script>alert(1)</script>\n```',
];

/** The structural checks every rendering must pass. */
function assertInert(out: string, source: string): void {
  const where = `for ${JSON.stringify(source)}: ${out}`;
  assert.doesNotMatch(out, /<\s*(script|iframe|object|embed|svg|math|style|link|meta|base|form|input|button|textarea|noscript|template|body)\b/i, `a forbidden element ${where}`);
  for (const [tag] of out.matchAll(/<[a-zA-Z][^>]*>/g)) {
    assert.doesNotMatch(tag, /\son[a-z]+\s*=/i, `an event handler ${where}`);
    assert.doesNotMatch(tag, /\sstyle\s*=/i, `a style attribute ${where}`);
    assert.doesNotMatch(tag, /\starget\s*=/i, `a target attribute ${where}`);
    const url = /\s(?:href|src|action|formaction|srcset)\s*=\s*"([^"]*)"/i.exec(tag)?.[1];
    if (url !== undefined) {
      const decoded = url.replace(/&#x([0-9a-f]+);?/gi, (_, h) => String.fromCodePoint(parseInt(h, 16))).replace(/&#(\d+);?/g, (_, d) => String.fromCodePoint(Number(d))).replace(/&amp;/g, '&');
      // A scheme as browsers read it (letters first, then letters, digits, + - .; tabs and newlines ignored).
      const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(decoded.replace(/[\u0000-\u0020]/g, ''))?.[1];
      if (scheme !== undefined) assert.match(scheme, /^(https?|mailto)$/i, `a script or data URL ${where}`);
    }
    if (/^<a\b/i.test(tag)) assert.match(tag, /\srel="noopener nofollow"/, `a link without rel ${where}`);
  }
}

describe('Markdown rendering neutralises XSS payloads', () => {
  for (const source of CORPUS) {
    test(JSON.stringify(source), () => {
      assertInert(renderMarkdown(source).toString(), source);
      // The same payload as HTML given straight to the sanitizer (not through Markdown).
      assertInert(sanitizeMarkdownHtml(source), source);
    });
  }

  test('the payload inside a paragraph, a list and a table', () => {
    for (const source of CORPUS) {
      for (const wrapped of [`Hello ${source} world`, `- item\n- ${source}`, `| a | b |\n| - | - |\n| ${source} | x |`, `> ${source}`]) {
        assertInert(renderMarkdown(wrapped).toString(), wrapped);
      }
    }
  });
});

describe('Markdown rendering keeps what editors write', () => {
  test('headings, emphasis, lists, code, quotes, tables', () => {
    const out = renderMarkdown('# Title\n\nSome *em* and **strong** `code`.\n\n- a\n- b\n\n> quoted\n\n| h |\n| - |\n| c |\n\n```ts\nconst x = 1 < 2;\n```').toString();
    for (const part of ['<h1>Title</h1>', '<em>em</em>', '<strong>strong</strong>', '<code>code</code>', '<li>a</li>', '<blockquote>', '<table>', '<td>c</td>', '<code class="language-ts">const x = 1 &lt; 2;']) {
      assert.ok(out.includes(part), `${part} in ${out}`);
    }
  });

  test('links keep http(s) and mailto, and get rel="noopener nofollow"', () => {
    const out = renderMarkdown('[site](https://example.com/a?b=1) <mailto:me@example.com> https://auto.example').toString();
    assert.ok(out.includes('<a href="https://example.com/a?b=1" rel="noopener nofollow">site</a>'), out);
    assert.ok(out.includes('href="mailto:me@example.com" rel="noopener nofollow"'), out);
    assert.ok(out.includes('<a href="https://auto.example" rel="noopener nofollow">'), out);
  });

  test('a script tag is dropped with its content; the text around it stays', () => {
    const out = renderMarkdown('Before\n\n<script>alert("x")</script>\n\nAfter').toString();
    assert.doesNotMatch(out, /alert/);
    assert.match(out, /<p>Before<\/p>[\s\S]*<p>After<\/p>/);
  });

  test('images by http(s) and relative URL stay; data: images do not', () => {
    assert.match(renderMarkdown('![a](https://example.com/a.png)').toString(), /<img src="https:\/\/example.com\/a.png" alt="a" \/>/);
    assert.doesNotMatch(renderMarkdown('![a](data:image/png;base64,iVBORw0KGgo=)').toString(), /src=/);
  });
});
