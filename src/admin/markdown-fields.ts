// Which fields are Markdown: decided here only, so the form's editor, the preview endpoint and the detail page agree.
import type { FieldMeta, ModelMeta } from '../schema/types.ts';
import { AdminConfigError } from './config-error.ts';
import type { ModelAdmin } from './model-admin.ts';

function isPlainString(field: FieldMeta | undefined): boolean {
  return !!field && field.kind === 'scalar' && field.type === 'String' && !field.isList;
}

/**
 * A String field is Markdown when the admin lists it in `markdownFields`, gives it the `'markdown'` widget
 * (`widgets: { body: 'markdown' }`), or its doc comment carries `/// @markdown`.
 */
export function isMarkdownField(admin: ModelAdmin, field: FieldMeta): boolean {
  if (!isPlainString(field)) return false;
  const widgets = (admin as { widgets?: Record<string, unknown> }).widgets;
  return (admin.markdownFields ?? []).includes(field.name) || widgets?.[field.name] === 'markdown' || (field.docTags ?? []).includes('markdown');
}

/** The model's Markdown fields, after checking `markdownFields` names String fields. */
export function resolveMarkdownFields(model: ModelMeta, admin: ModelAdmin): ReadonlySet<string> {
  const strings = model.fields.filter(isPlainString).map((f) => f.name);
  for (const name of admin.markdownFields ?? []) {
    if (!strings.includes(name)) throw new AdminConfigError(model.name, 'markdownFields', name, strings);
  }
  return new Set(model.fields.filter((f) => isMarkdownField(admin, f)).map((f) => f.name));
}
