// HTML built in code, safely (Django's format_html / mark_safe): a tagged template escapes every interpolated value,
// and only what it returns (a SafeHtml) is ever written into a page unescaped.

const brand = Symbol('SafeHtml');

/** HTML that the `html` template (or the admin's Markdown sanitizer) built: written into pages as it is. */
export class SafeHtml {
  readonly [brand] = true;
  readonly #html: string;
  private constructor(html: string) {
    this.#html = html;
  }
  /** @internal Only this module and the Markdown renderer make SafeHtml. */
  static trusted(html: string): SafeHtml {
    return new SafeHtml(html);
  }
  toString(): string {
    return this.#html;
  }
  toJSON(): string {
    return this.#html;
  }
}

export function isSafeHtml(value: unknown): value is SafeHtml {
  return value instanceof SafeHtml;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Text as HTML: `& < > " ' \`` escaped, so it is safe between tags and inside quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ESCAPES[c]);
}

// An interpolation right after `href="`, `src='`, `formaction="`...: the value is a URL and must not run script.
const URL_ATTRIBUTE = /\s(?:href|src|action|formaction|xlink:href|poster|background|srcset|data)\s*=\s*["']$/i;
// An interpolation right after `=` (an unquoted attribute value) or inside a tag name: escaping cannot protect it.
const UNQUOTED_ATTRIBUTE = /=\s*$/;
const TAG_NAME = /<\/?[A-Za-z]*$/;
// An event handler or style attribute being filled in: `onclick="${x}"`, `style="${x}"`.
const SCRIPT_ATTRIBUTE = /\s(?:on[a-z]+|style)\s*=\s*["'][^"']*$/i;
const SAFE_URL = /^(?:https?:|mailto:|[^:]*$|[^:]*[/?#])/i;

/** A URL that cannot run script: http(s), mailto, or relative; anything else (`javascript:`, `data:`) becomes `#`. */
export function safeUrl(url: string): string {
  // Browsers drop control characters and whitespace inside the scheme (`java\tscript:`); so do we, before checking.
  const compact = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  return SAFE_URL.test(compact) ? url : '#';
}

/** Where an interpolation stands, judged from the template's text before it: in a URL attribute, elsewhere, or refused. */
type Context = 'url' | 'text' | { refused: string };

function contextOf(before: string): Context {
  if (UNQUOTED_ATTRIBUTE.test(before) || TAG_NAME.test(before)) {
    return { refused: 'html``: put quotes around interpolated attribute values (href="${url}") and never interpolate a tag name.' };
  }
  if (SCRIPT_ATTRIBUTE.test(before)) return { refused: 'html``: values cannot be interpolated into event handler (on...) or style attributes; use a class.' };
  return URL_ATTRIBUTE.test(before) ? 'url' : 'text';
}

// A tagged template's strings are one frozen array per call site, so its contexts are judged once, not on every call
// (a list column's html`` runs for every row). An array passed by hand may change: it is judged every time.
const judged = new WeakMap<TemplateStringsArray, Context[]>();

function contextsOf(strings: TemplateStringsArray): Context[] {
  const known = judged.get(strings);
  if (known) return known;
  const contexts: Context[] = [];
  let literal = strings[0];
  for (let i = 1; i < strings.length; i++) {
    contexts.push(contextOf(literal));
    literal += strings[i];
  }
  if (Object.isFrozen(strings)) judged.set(strings, contexts);
  return contexts;
}

function interpolate(value: unknown, context: Context): string {
  if (typeof context === 'object') throw new Error(context.refused);
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map((v) => interpolate(v, context)).join('');
  if (isSafeHtml(value)) return value.toString();
  const text = String(value);
  return escapeHtml(context === 'url' ? safeUrl(text) : text);
}

/**
 * Builds HTML with every `${value}` escaped (a nested `html` result is kept as it is; arrays are joined; null,
 * undefined and false are left out). Values in `href`/`src` attributes that are not http(s), mailto or relative URLs
 * become `#`. Unquoted attribute values, tag names, event handlers and style attributes refuse interpolation.
 *
 * @example
 * column<Post>({ name: 'titleLink', header: 'Title', value: (p) => html`<a href="/blog/${p.slug}">${p.title}</a>` })
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  // The context is judged from the template's own text, never from interpolated values.
  const contexts = contextsOf(strings);
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += interpolate(values[i], contexts[i]) + strings[i + 1];
  return SafeHtml.trusted(out);
}
