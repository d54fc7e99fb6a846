// What a form page reads of related records: the keys its relation widgets show, and labels for the audit log.
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import type { AdminContext } from '../admin/context.ts';
import type { FormField } from '../forms/types.ts';
import { recordKeyFields } from '../schema/record-key.ts';
import { readOnlyText } from './readonly-text.ts';

/** The include a change form needs: the keys of related records, for relation widgets. */
export function relationIncludes(ctx: AdminContext, admin: ResolvedModelAdmin, fields: FormField[]) {
  const include: Record<string, unknown> = {};
  for (const field of fields) {
    if (field.widget !== 'relation' && field.widget !== 'relation-multiple') continue;
    const related = ctx.schema.models.find((m) => m.name === field.relatedModel);
    if (!related) continue;
    const labelled = [...ctx.models.values()].find((a) => a.model === related);
    const select: Record<string, true> = Object.fromEntries(recordKeyFields(related).map((f) => [f, true]));
    if (labelled?.labelField) select[labelled.labelField] = true;
    include[field.name] = { select };
  }
  return Object.keys(include).length ? include : undefined;
}

/** Labels of the related records a relation field holds, for the audit log's field-by-field message. */
export function relationLabeller(ctx: AdminContext, admin: ResolvedModelAdmin) {
  return (fieldName: string, value: unknown): string => {
    const meta = admin.model.fields.find((f) => f.name === fieldName);
    return meta ? readOnlyText(ctx, admin, meta, value) : '';
  };
}
