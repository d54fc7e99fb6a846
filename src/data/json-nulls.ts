// Prisma reads both a JSON `null` and a database NULL of a Json column as `null`. A form must tell them apart (a JSON
// null shows as `null`, a database NULL as an empty input), or an unchanged save would turn one into the other.
import { JsonNull } from '@prisma/client/runtime/client';
import type { ModelMeta } from '../schema/types.ts';

interface CountingDelegate {
  count(args: object): Promise<number>;
}

/**
 * The optional Json fields (of `names`) whose null in `record` is a JSON null, one count query each; a required Json
 * field that reads null always holds JSON null and needs no query.
 */
export async function optionalJsonNulls(delegate: CountingDelegate, model: ModelMeta, where: Record<string, unknown>, record: Record<string, unknown>, names: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const field of model.fields) {
    if (field.kind !== 'scalar' || field.type !== 'Json' || field.isRequired || field.isList) continue;
    if (!names.includes(field.name) || record[field.name] !== null) continue;
    // JsonNull from any copy of Prisma's runtime works: the client recognises it by a Symbol.for brand and its name.
    if ((await delegate.count({ where: { AND: [where, { [field.name]: { equals: JsonNull } }] } })) > 0) found.add(field.name);
  }
  return found;
}
