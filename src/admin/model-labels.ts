// The ModelAdmin's `label` / `labelPlural` (Django's verbose_name / verbose_name_plural) written into the schema's
// model metadata, so that every page naming the model (index, lists, breadcrumbs, delete pages, messages, and other
// models' pages that name it) says the same; they win over a `/// @label` / `/// @plural` doc comment.
import type { SchemaMeta } from '../schema/types.ts';
import { BUILT_IN_ADMINS } from '../auth/admin-model-admins.ts';
import type { AdminSite } from './admin-site.ts';

/** The schema with the admins' model labels applied: a copy when any admin sets one, else the schema itself. */
export function withModelLabels(schema: SchemaMeta, site: AdminSite): SchemaMeta {
  const admins = new Map(schema.models.map((m) => [m.name, site.adminFor(m.name, BUILT_IN_ADMINS[m.name])] as const));
  if (![...admins.values()].some((a) => a.label || a.labelPlural)) return schema;
  for (const [name, admin] of admins) {
    for (const key of ['label', 'labelPlural'] as const) {
      const value = admin[key];
      if (value !== undefined && (typeof value !== 'string' || value.trim() === '')) throw new Error(`${name}Admin.${key} must be a non-empty string, not ${JSON.stringify(value)}.`);
    }
  }
  return {
    ...schema,
    models: schema.models.map((model) => {
      const admin = admins.get(model.name)!;
      if (!admin.label && !admin.labelPlural) return model;
      // A label alone also renames the plural (pluralized from it); a doc comment's plural would name another word.
      const labelPlural = admin.labelPlural?.trim() ?? (admin.label ? undefined : model.labelPlural);
      const { labelPlural: _docPlural, ...rest } = model;
      const label = admin.label?.trim() ?? model.label;
      return { ...rest, ...(label ? { label } : {}), ...(labelPlural ? { labelPlural } : {}) };
    }),
  };
}
