// The prose of a `///` doc comment, without the annotations other generators read from it: zod-prisma's
// `@zod.string.email()`, prisma-json-types-generator's `[Type]` / `![Type]`, typegraphql-prisma's
// `@TypeGraphQL.omit(output: true)`, nestjs-graphql's `@HideField()`, prisma-zod-generator's `@@Gen.model(hide: true)`,
// `@omit`, `@default(...)`-style tags and the like. Such tags are never help for a person.

// `@name`, `@@name`, `@a.b.c`, each segment optionally called with (balanced) arguments: `@zod.string.min(2).max(9)`.
const TAG_START = /(^|\s)@@?[A-Za-z_][\w-]*/g;
// prisma-json-types-generator: `[Type]`, `![Literal | Type]`, alone on their line or before the prose.
const JSON_TYPE = /^!?\[[^\]\n]*\]\s*/;

// Our own annotations that take the rest of their line as a value: a model's `/// @label person`, `/// @plural people`.
const VALUE_TAG = /(^|\s)@(label|plural)(?=\s|$)(.*)$/i;

/** The doc comment with generator annotations removed; null when nothing but annotations was there. */
export function docProse(documentation: string | null | undefined): string | null {
  if (!documentation) return null;
  const lines = documentation.split('\n').map((line) => withoutTags(line.trim().replace(JSON_TYPE, '').replace(VALUE_TAG, '$1')).trim());
  const prose = lines.filter((line) => line !== '').join('\n');
  return prose === '' ? null : prose;
}

/**
 * The names of the doc comment's bare annotations, lower case: `/// @markdown` → ['markdown']. Annotations with
 * arguments or segments (`@zod.string.email()`) belong to other generators and are not listed.
 */
export function docTags(documentation: string | null | undefined): string[] {
  if (!documentation) return [];
  return [...documentation.matchAll(/(?:^|\s)@([A-Za-z_][\w-]*)(?=\s|$)/g)].map((m) => m[1].toLowerCase());
}

/** The value of a `@label` / `@plural` annotation (up to the next of them or the line's end, other annotations left out). */
export function docValue(documentation: string | null | undefined, tag: 'label' | 'plural'): string | null {
  for (const line of documentation?.split('\n') ?? []) {
    const parts = line.split(/(?:^|\s)@(label|plural)(?=\s|$)/i);
    for (let i = 1; i < parts.length; i += 2) {
      if (parts[i].toLowerCase() === tag) return withoutTags(parts[i + 1]).trim() || null;
    }
  }
  return null;
}

function withoutTags(line: string): string {
  let out = '';
  let index = 0;
  TAG_START.lastIndex = 0;
  for (let m = TAG_START.exec(line); m; m = TAG_START.exec(line)) {
    out += line.slice(index, m.index) + m[1];
    let end = m.index + m[0].length;
    // Calls and further segments: `(...)`, `.name`, `.name(...)`, in any sequence.
    for (;;) {
      if (line[end] === '(') {
        const close = matchingParen(line, end);
        if (close < 0) { end = line.length; break; }
        end = close + 1;
      } else {
        const segment = /^\.[A-Za-z_]\w*/.exec(line.slice(end));
        if (!segment) break;
        end += segment[0].length;
      }
    }
    index = end;
    TAG_START.lastIndex = end;
  }
  return out + line.slice(index);
}

/** The index of the `)` closing the `(` at `open` (quotes respected), or -1. */
function matchingParen(text: string, open: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return c === ')' ? i : -1;
    }
  }
  return -1;
}
