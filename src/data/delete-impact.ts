// What deleting records would do to the records that point at them, following the schema's referential actions
// (Prisma's defaults when none is written: Restrict for a required relation, SetNull for an optional one).
import type { ModelMeta, ReferentialAction, RelationFieldMeta, SchemaMeta } from '../schema/types.ts';

export interface DeleteImpactRule {
  /** The back-relation field on the deleted model (`comments` on Post), usable in `_count`. */
  backField: string;
  /** The model holding the foreign key (`Comment`). */
  referencing: ModelMeta;
  action: ReferentialAction;
  /** A one-to-one back-relation (`profile Profile?`): Prisma counts only lists, so it is selected instead. */
  single: boolean;
  /**
   * The referencing model's foreign-key fields (`Profile.userId`): what a one-to-one back-relation selects, since
   * they exist on every referencing model, with or without a primary key.
   */
  foreignKey: string[];
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
    rules.push({ backField: back.name, referencing, action: owner.onDelete ?? (owner.isRequired ? 'Restrict' : 'SetNull'), single: back.cardinality === 'one', foreignKey: owner.fromFields });
  }
  return rules;
}

/** The select that reads the impact: `_count` of list back-relations, the key of one-to-one ones. */
export function impactSelect(rules: DeleteImpactRule[]): Record<string, unknown> {
  const lists = rules.filter((r) => !r.single);
  const select: Record<string, unknown> = lists.length ? { _count: { select: Object.fromEntries(lists.map((r) => [r.backField, true])) } } : {};
  for (const r of rules.filter((x) => x.single)) {
    select[r.backField] = { select: Object.fromEntries(r.foreignKey.map((f) => [f, true])) };
  }
  return select;
}

/** How many records of a rule point at this row (read with impactSelect). */
export function impactCount(rule: DeleteImpactRule, row: Record<string, unknown>): number {
  if (rule.single) return row[rule.backField] ? 1 : 0;
  return (row._count as Record<string, number> | undefined)?.[rule.backField] ?? 0;
}
