// A self-relation (`parent Category?`, `referrer Account?`): a record cannot be its own parent. The change form does
// not offer it, and a form that sends it anyway gets an error beside the field.
import { modelLabel } from '../schema/lookup.ts';
import type { ModelMeta } from '../schema/types.ts';
import type { FormField, SubmittedForm } from './types.ts';

/** A to-one relation of the model to itself. */
export function isToOneSelfRelation(model: ModelMeta, name: string): boolean {
  const meta = model.fields.find((m) => m.name === name);
  return meta?.kind === 'relation' && meta.isSelfRelation && meta.cardinality === 'one';
}

/** Errors for the self-relations that name the record itself (`ownId`: its encoded id). */
export function selfRelationErrors(model: ModelMeta, fields: FormField[], submitted: SubmittedForm, ownId: string): Record<string, string> {
  return Object.fromEntries(fields
    .filter((f) => !f.readOnly && isToOneSelfRelation(model, f.name) && [submitted[f.name]].flat().includes(ownId))
    .map((f) => [f.name, `This ${modelLabel(model).toLowerCase()} cannot be its own ${f.label.toLowerCase()}.`]));
}
