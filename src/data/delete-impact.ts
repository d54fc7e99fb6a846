// What deleting records would do to the records that point at them, following the schema's referential actions
// (Prisma's defaults when none is written: Restrict for a required relation, SetNull for an optional one).
import type { ModelMeta, ReferentialAction, RelationFieldMeta, SchemaMeta } from '../schema/types.ts';

export interface DeleteImpactRule {
  /** The back-relation field on the deleted model (`comments` on Post), usable in `_count`. */
  backField: string;
  /** The model holding the foreign key (`Comment`). */
  referencing: ModelMeta;
  /** The relation field on the referencing model that holds the foreign key (`post` on Comment). */
  ownerField: string;
  action: ReferentialAction;
}

export function deleteImpactRules(schema: SchemaMeta, model: ModelMeta): DeleteImpactRule[] {
  const rules: DeleteImpactRule[] = [];
  for (const back of model.fields) {
    if (back.kind !== 'relation' || back.fromFields.length > 0 || back.isImplicitManyToMany) continue;
    const referencing = schema.models.find((m) => m.name === back.type);
    const owner = referencing?.fields.find(
      (f): f is RelationFieldMeta => f.kind === 'relation' && f.relationName === back.relationName && f.fromFields.length > 0 && f !== back,
    );
    if (!referencing || !owner) continue;
    rules.push({ backField: back.name, referencing, ownerField: owner.name, action: owner.onDelete ?? (owner.isRequired ? 'Restrict' : 'SetNull') });
  }
  return rules;
}
