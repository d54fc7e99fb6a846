// Where a deletion reaches, through every level of the schema's referential actions (Post → Comment → Reply): for each
// model, a Prisma `where` that selects its rows the deletion would remove (Cascade) or that block it (Restrict,
// NoAction), built from the relation fields, so that no key list is ever read to go one level further. SetNull and
// SetDefault rows are changed, not deleted, and end the path.
import type { ModelMeta, SchemaMeta } from '../schema/types.ts';
import { deleteImpactRules } from './delete-impact.ts';

type Where = Record<string, unknown>;

/** Paths longer than this are not followed (a self-referencing cascade, a tree, could go on): see README's limits. */
export const MAX_CASCADE_DEPTH = 8;
/** Distinct relation paths followed at most (a schema whose cascades fan out endlessly). */
const MAX_PATHS = 200;

export interface ReachedModel {
  model: ModelMeta;
  /** Its rows reached by the deletion (any path). */
  where: Where;
}

export interface DeletionReach {
  /** Models whose rows the database deletes along with the roots, in the order they were first reached. */
  cascaded: ReachedModel[];
  /** Models whose rows would have to go first (the deletion fails while any exist). */
  protecting: ReachedModel[];
}

/** `rootWhere` selects the records being deleted of `root`. */
export function deletionReach(schema: SchemaMeta, root: ModelMeta, rootWhere: Where): DeletionReach {
  const cascaded = new Map<string, { model: ModelMeta; paths: Where[] }>();
  const protecting = new Map<string, { model: ModelMeta; paths: Where[] }>();
  let paths = 0;
  const add = (into: typeof cascaded, model: ModelMeta, where: Where) => {
    const entry = into.get(model.name) ?? { model, paths: [] };
    entry.paths.push(where);
    into.set(model.name, entry);
  };
  const follow = (model: ModelMeta, where: Where, depth: number) => {
    if (depth >= MAX_CASCADE_DEPTH) return;
    for (const rule of deleteImpactRules(schema, model)) {
      if (++paths > MAX_PATHS) return;
      const reached = { [rule.ownerField]: { is: where } };
      if (rule.action === 'Cascade') {
        add(cascaded, rule.referencing, reached);
        follow(rule.referencing, reached, depth + 1);
      } else if (rule.action === 'Restrict' || rule.action === 'NoAction') {
        add(protecting, rule.referencing, reached);
      }
    }
  };
  follow(root, rootWhere, 0);
  const merged = (map: typeof cascaded): ReachedModel[] =>
    [...map.values()].map(({ model, paths }) => ({ model, where: paths.length === 1 ? paths[0] : { OR: paths } }));
  return { cascaded: merged(cascaded), protecting: merged(protecting) };
}
