// The checked rows of a list read in the list's own order (Export selected): `within` the key list where the query
// can bind it beside the list's where (bound-values.ts); past that, the list is read within the keys' range (a
// one-column Int or BigInt key) or whole, and `keep` names the checked rows among what it reads.
import type { ModelMeta } from '../schema/types.ts';
import type { Provider } from '../schema/types.ts';
import { recordKeyFields } from '../schema/record-key.ts';
import { keyListLimit } from './bound-values.ts';
import { encodeRecordId } from './record-id.ts';

type Where = Record<string, unknown>;

export interface SelectedRows {
  within: Where | undefined;
  /** The checked rows' encoded ids, where `within` holds more rows than those. */
  keep: Set<string> | undefined;
}

export function selectedWithin(provider: Provider, model: ModelMeta, wheres: Where[]): SelectedRows {
  const fields = recordKeyFields(model);
  if (wheres.length * fields.length <= keyListLimit(provider)) return { within: { OR: wheres }, keep: undefined };
  const keep = new Set(wheres.map((w) => encodeRecordId(model, w)));
  const key = fields.length === 1 ? model.fields.find((f) => f.name === fields[0]) : undefined;
  if (key?.kind !== 'scalar' || (key.type !== 'Int' && key.type !== 'BigInt')) return { within: undefined, keep };
  const values = wheres.map((w) => w[key.name] as number | bigint);
  const min = values.reduce((a, b) => (b < a ? b : a));
  const max = values.reduce((a, b) => (b > a ? b : a));
  return { within: { [key.name]: { gte: min, lte: max } }, keep };
}
