// Small readers for the admin's own HTML (our templates, so a few regular expressions suffice; no DOM library).

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
    if (name[0] === '#') return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
    return ENTITIES[name] ?? whole;
  });
}

/** The text of an HTML fragment: tags removed, entities decoded, white space collapsed. */
export function textOf(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
}

/** The `<main>` of a page (without the navigation and header, which list every model). */
export function mainOf(html: string): string {
  const m = /<main\b[^>]*>([\s\S]*)<\/main>/.exec(html);
  return m ? m[1] : html;
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decodeEntities(m[1]) : undefined;
}

export interface ListRow {
  /** The record id (the row checkbox's value). */
  id: string;
  changeUrl: string | undefined;
  /** Each column's text. */
  cells: string[];
}

/** The result rows of a list page. */
export function listRows(html: string): ListRow[] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  const rows: ListRow[] = [];
  for (const [, row] of body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)) {
    const checkbox = /<input type="checkbox" name="_selected"[^>]*>/.exec(row)?.[0];
    if (!checkbox) continue;
    const cells = [...row.matchAll(/<td(?![^>]*class="select")[^>]*>([\s\S]*?)<\/td>/g)].map((m) => textOf(m[1]));
    const changeUrl = /<td[^>]*>\s*<a href="([^"]*)"/.exec(row.replace(/<td class="select">[\s\S]*?<\/td>/, ''))?.[1];
    rows.push({ id: attr(checkbox, 'value') ?? '', changeUrl: changeUrl && decodeEntities(changeUrl), cells });
  }
  return rows;
}

/** The column headers of a list page, with their sort links. */
export function listHeaders(html: string): { label: string; url: string; ariaSort: string; priority: number | null; toggleUrl: string | null; removeUrl: string | null }[] {
  const head = /<thead>([\s\S]*?)<\/thead>/.exec(html)?.[1] ?? '';
  return [...head.matchAll(/<th scope="col" aria-sort="([^"]*)"(?: class="num")?><a href="([^"]*)">([\s\S]*?)<\/a>(<span class="sort-options">[\s\S]*?)?<\/th>/g)].map((m) => {
    const options = m[4] ?? '';
    const link = (kind: string) => {
      const href = new RegExp(`<a class="sort-${kind}" href="([^"]*)"`).exec(options)?.[1];
      return href === undefined ? null : decodeEntities(href);
    };
    const priority = /<span class="sort-priority"[^>]*>(\d+)<\/span>/.exec(options)?.[1];
    return {
      ariaSort: m[1],
      url: decodeEntities(m[2]),
      label: textOf(m[3].replace(/<span aria-hidden="true">[\s\S]*?<\/span>/, '')),
      priority: priority === undefined ? null : Number(priority),
      toggleUrl: link('toggle'),
      removeUrl: link('remove'),
    };
  });
}

/** The number in "120 posts" above the list. */
export function resultCount(html: string): number {
  const m = /<p class="result-count">([\d,]+)/.exec(html);
  if (!m) throw new Error('No result count on the page');
  return Number(m[1].replace(/,/g, ''));
}

/** The flash messages shown at the top of a page. */
export function messagesOf(html: string): string[] {
  return [...html.matchAll(/<li class="message message-\w+">([\s\S]*?)<\/li>/g)].map((m) => textOf(m[1]));
}

/** The form row of one field (`<div class="form-row" data-field="name">`), or undefined. */
export function formRow(html: string, field: string): string | undefined {
  const start = html.indexOf(`data-field="${field}"`);
  if (start < 0) return undefined;
  const open = html.lastIndexOf('<div', start);
  const next = html.indexOf('class="form-row', start);
  const end = next < 0 ? html.indexOf('</fieldset>', start) : html.lastIndexOf('<div', next);
  return html.slice(open, end < 0 ? undefined : end);
}

/** The error shown beside a field, or undefined. */
export function fieldError(html: string, field: string): string | undefined {
  const row = formRow(html, field);
  const m = row && /<p class="field-error"[^>]*>([\s\S]*?)<\/p>/.exec(row);
  return m ? textOf(m[1]) : undefined;
}

/**
 * What an input of a form shows: a text input's value, a textarea's text, a select's selected option values (an
 * array for a multiple select), a checkbox's checked state ('on' / ''), the value of the checked radio button.
 */
export function inputValue(html: string, name: string): string | string[] | undefined {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const textarea = new RegExp(`<textarea[^>]*\\sname="${escaped}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html);
  if (textarea) return decodeEntities(textarea[1]);
  const select = new RegExp(`<select[^>]*\\sname="${escaped}"[^>]*>([\\s\\S]*?)</select>`).exec(html);
  if (select) {
    const selected = [...select[1].matchAll(/<option value="([^"]*)"([^>]*)>/g)].filter((m) => /\sselected\b/.test(m[2])).map((m) => decodeEntities(m[1]));
    return /\smultiple\b/.test(select[0].slice(0, select[0].indexOf('>'))) ? selected : selected[0] ?? '';
  }
  const input = new RegExp(`<input(?=[^>]*\\sname="${escaped}")[^>]*>`).exec(html);
  if (!input) return undefined;
  if (attr(input[0], 'type') === 'radio') {
    const checked = [...html.matchAll(new RegExp(`<input(?=[^>]*\\sname="${escaped}")[^>]*>`, 'g'))].find((m) => /\schecked\b/.test(m[0]));
    return checked ? attr(checked[0], 'value') ?? '' : '';
  }
  if (attr(input[0], 'type') === 'checkbox') return /\schecked\b/.test(input[0]) ? 'on' : '';
  return attr(input[0], 'value') ?? '';
}

/** The value each row of a detail page shows, by its label (`Title` → the title). */
export function detailRows(html: string): Map<string, string> {
  const rows = new Map<string, string>();
  for (const m of html.matchAll(/<dt>([\s\S]*?)<\/dt>\s*<dd[^>]*>([\s\S]*?)<\/dd>/g)) {
    rows.set(textOf(m[1]), textOf(m[2].replace(/<div class="help">[\s\S]*?<\/div>/, '')));
  }
  return rows;
}

/** Every href on the page. */
export function links(html: string): string[] {
  return [...html.matchAll(/\shref="([^"]*)"/g)].map((m) => decodeEntities(m[1]));
}

/**
 * What a browser would submit for the first form on the page that has an `action` containing `actionPart` (or the
 * first form): text, hidden and number inputs, checked checkboxes, textareas, selected options. Files and buttons are
 * left out.
 */
export function formFields(html: string, actionPart = ''): Record<string, string | string[]> {
  const forms = [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)];
  const form = forms.find((f) => (attr(f[0], 'action') ?? '').includes(actionPart));
  if (!form) throw new Error(`No form with an action containing "${actionPart}"`);
  const body = form[2];
  const values: Record<string, string | string[]> = {};
  const add = (name: string, value: string) => {
    const existing = values[name];
    values[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  };
  const controls = /<input\b[^>]*>|<textarea\b[^>]*>[\s\S]*?<\/textarea>|<select\b[^>]*>[\s\S]*?<\/select>/g;
  for (const [control] of body.matchAll(controls)) {
    const open = control.slice(0, control.indexOf('>') + 1);
    const name = attr(open, 'name');
    if (!name || /\sdisabled\b/.test(open)) continue;
    if (control.startsWith('<textarea')) {
      add(name, decodeEntities(control.slice(open.length, control.lastIndexOf('</textarea>'))));
    } else if (control.startsWith('<select')) {
      const options = [...control.matchAll(/<option value="([^"]*)"([^>]*)>/g)];
      const selected = options.filter((o) => /\sselected\b/.test(o[2]));
      const multiple = /\smultiple\b/.test(open);
      for (const o of multiple ? selected : selected.slice(0, 1)) add(name, decodeEntities(o[1]));
      if (!multiple && selected.length === 0 && options.length > 0) add(name, decodeEntities(options[0][1]));
    } else {
      const type = attr(open, 'type') ?? 'text';
      if (type === 'file' || type === 'submit' || type === 'button') continue;
      if ((type === 'checkbox' || type === 'radio') && !/\schecked\b/.test(open)) continue;
      add(name, attr(open, 'value') ?? (type === 'checkbox' ? 'on' : ''));
    }
  }
  return values;
}
