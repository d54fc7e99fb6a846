// Start-up checks of the action options: record actions are actions; bulkEdit names fields a form can set.
import { validateActions, type AdminAction } from './actions.ts';
import { AdminConfigError } from './config-error.ts';
import type { ModelMeta } from '../schema/types.ts';

export function validateActionOptions(model: ModelMeta, options: { recordActions?: AdminAction<any, any>[]; bulkEdit?: string[]; actions?: AdminAction<any, any>[] }): void {
  validateActions(`${model.name} recordActions`, options.recordActions ?? []);
  for (const a of [...(options.actions ?? []), ...(options.recordActions ?? [])]) {
    if (a.form && a.fields) throw new Error(`${model.name}Admin: the action “${a.name}” has both form and fields; give one.`);
    for (const name of a.fields ?? []) {
      const field = model.fields.find((f) => f.name === name);
      if (!field || field.kind === 'unsupported' || (field.kind !== 'relation' && field.isId)) throw new Error(`${model.name}Admin: the action “${a.name}” asks for “${name}”, which is no editable field of ${model.name}.`);
    }
  }
  const editable = model.fields.filter((f) => f.kind !== 'unsupported' && !(f.kind !== 'relation' && (f.isId || f.isUpdatedAt)) && !(f.kind === 'relation' && f.cardinality === 'one' && f.fromFields.length === 0));
  for (const name of options.bulkEdit ?? []) {
    if (!editable.some((f) => f.name === name)) throw new AdminConfigError(model.name, 'bulkEdit', name, editable.map((f) => f.name));
  }
}
