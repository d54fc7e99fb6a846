// How the form draws its fields: lines of several fields (Django's tuples in `fields` / `fieldsets`), radioFields and
// widget overrides, checked against the metadata at start-up.
import type { FieldMeta, ModelMeta } from '../schema/types.ts';
import { AdminConfigError } from './config-error.ts';
import { isToOne } from './field-kinds.ts';
import { WIDGET_OVERRIDES, type FieldLine, type RadioLayout, type WidgetOverride } from './form-options.ts';
import type { ModelAdmin } from './model-admin.ts';

function misuse(owner: string, option: string, message: string): AdminConfigError {
  const error = new AdminConfigError(owner, option, '', []);
  error.message = `${owner}Admin.${option}: ${message}`;
  return error;
}

/** The names of `fields`, lines flattened. */
export function flattenLines(lines: readonly FieldLine[]): string[] {
  return lines.flatMap((line) => (typeof line === 'string' ? [line] : [...line]));
}

/** `['title', ['status', 'publishedAt']]` → `[['title'], ['status', 'publishedAt']]`; a name appears once. */
export function resolveLines(owner: string, option: string, lines: readonly FieldLine[]): string[][] {
  const seen = new Set<string>();
  return lines.map((line, i) => {
    const names = typeof line === 'string' ? [line] : Array.isArray(line) ? [...line] : null;
    if (!names || names.length === 0 || names.some((name) => typeof name !== 'string')) {
      throw misuse(owner, `${option}[${i}]`, 'give a field name, or a list of field names to show on one line (["status", "publishedAt"]).');
    }
    for (const name of names) {
      if (seen.has(name)) throw misuse(owner, option, `"${name}" is listed more than once.`);
      seen.add(name);
    }
    return names;
  });
}

const isRadioField = (f: FieldMeta): boolean =>
  (f.kind === 'enum' && !f.isList) || (f.kind === 'scalar' && f.type === 'Boolean' && !f.isList && !f.isRequired) || isToOne(f);

export function resolveRadioFields(model: ModelMeta, admin: ModelAdmin): Record<string, RadioLayout> {
  const valid = model.fields.filter(isRadioField);
  const result: Record<string, RadioLayout> = {};
  for (const [name, layout] of Object.entries(admin.radioFields ?? {})) {
    if (!valid.some((f) => f.name === name)) throw new AdminConfigError(model.name, 'radioFields', name, valid.map((f) => f.name));
    if (layout !== 'horizontal' && layout !== 'vertical') throw misuse(model.name, `radioFields.${name}`, `give 'horizontal' or 'vertical', not ${JSON.stringify(layout)}.`);
    result[name] = layout;
  }
  return result;
}

const isTextField = (f: FieldMeta): boolean => f.kind === 'scalar' && f.type === 'String' && !f.isList;

export function resolveWidgets(model: ModelMeta, admin: ModelAdmin): Record<string, WidgetOverride> {
  const result: Record<string, WidgetOverride> = {};
  const masked = new Set([...(admin.passwordFields ?? []), ...(admin.secretFields ?? [])]);
  for (const [name, widget] of Object.entries(admin.widgets ?? {})) {
    if (!(WIDGET_OVERRIDES as readonly string[]).includes(widget)) {
      throw misuse(model.name, `widgets.${name}`, `${JSON.stringify(widget)} is not a widget. Widgets: ${WIDGET_OVERRIDES.join(', ')}.`);
    }
    const fits = (f: FieldMeta) => isTextField(f) || (widget === 'code' && f.kind === 'scalar' && f.type === 'Json' && !f.isList);
    const valid = model.fields.filter((f) => fits(f) && !masked.has(f.name));
    if (!valid.some((f) => f.name === name)) {
      const why = masked.has(name) ? 'a password or secret field keeps its masked input' : `the ${widget} widget is for ${widget === 'code' ? 'String and Json' : 'String'} fields`;
      throw misuse(model.name, 'widgets', `"${name}" cannot use it (${why}). Valid names: ${valid.map((f) => f.name).join(', ')}.`);
    }
    result[name] = widget;
  }
  return result;
}
