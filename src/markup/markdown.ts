// Markdown to HTML for Markdown fields: markdown-it (CommonMark, raw HTML allowed so pasted markup survives), then
// sanitize-html with a short allowlist, so what an editor typed can never run script in another person's browser.
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { SafeHtml } from './safe-html.ts';

const markdown = new MarkdownIt({ html: true, linkify: true, breaks: false });

const ALLOWED_TAGS = [
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'pre', 'code', 'kbd', 'samp', 'var',
  'em', 'strong', 'b', 'i', 'u', 's', 'del', 'ins', 'mark', 'sub', 'sup', 'small', 'abbr', 'cite', 'q',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'a', 'img', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption',
  'details', 'summary', 'figure', 'figcaption',
];

/** The sanitizer's policy: no script, no event handlers, no style, links and images by http(s) (links also mailto). */
const MARKDOWN_SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    abbr: ['title'],
    ol: ['start'],
    th: ['align', 'colspan', 'rowspan'],
    td: ['align', 'colspan', 'rowspan'],
    code: ['class'],
  },
  allowedClasses: { code: ['language-*'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  // Script, style and the like go with their content; other unknown tags are dropped, their text kept (escaped).
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math', 'template', 'title', 'xmp', 'noembed', 'noframes', 'plaintext'],
  transformTags: {
    // Links open nothing with a handle on this page (noopener) and pass no ranking (nofollow): the author is not us.
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener nofollow' } }),
  },
};

/** Removes everything outside the Markdown allowlist from HTML. */
export function sanitizeMarkdownHtml(htmlText: string): string {
  return sanitizeHtml(htmlText, MARKDOWN_SANITIZE_OPTIONS);
}

/** Markdown source → sanitized HTML, safe to write into an admin page. */
export function renderMarkdown(source: string): SafeHtml {
  return SafeHtml.trusted(sanitizeMarkdownHtml(markdown.render(source)));
}
