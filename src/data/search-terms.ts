// The search box's text as terms, as Django's smart_split reads it: words split on white space, and a quoted
// phrase ("exact phrase") one term with its spaces. An unclosed quote is left out.

/** A list searches for at most this many terms; the rest are ignored. */
export const MAX_SEARCH_TERMS = 10;

export interface SearchTerm {
  text: string;
  /** It was written in quotes (full-text search looks for the words side by side). */
  phrase: boolean;
}

export function parseSearchTerms(search: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  for (const m of search.matchAll(/"([^"]*)"|([^\s"]+)/g)) {
    const phrase = m[1] !== undefined;
    const text = (phrase ? m[1] : m[2]).trim().replace(/\s+/g, ' ');
    if (text && !terms.some((t) => t.text === text && t.phrase === phrase)) terms.push({ text, phrase });
    if (terms.length === MAX_SEARCH_TERMS) break;
  }
  return terms;
}
