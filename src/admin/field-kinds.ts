// What kind of field a list or form can show by itself, and which field labels a model's records.
import { isSecretField } from './secret-fields.ts';
import type { FieldMeta, ModelMeta, RelationFieldMeta, ValueFieldMeta } from '../schema/types.ts';
import { isLongText } from '../schema/long-text.ts';

const LABEL_NAMES = ['name', 'title', 'label', 'username', 'email', 'slug', 'code'];

export function labelFieldOf(model: ModelMeta): string | null {
  const strings = model.fields.filter((f) => f.kind === 'scalar' && f.type === 'String' && !f.isList && !f.isForeignKey && !isSecretField(f));
  const named = LABEL_NAMES.map((n) => strings.find((f) => f.name.toLowerCase() === n)).find(Boolean);
  if (named) return named.name;
  const first = strings.find((f) => f.kind === 'scalar' && !f.isId && f.isRequired && !isLongText(f));
  return first?.name ?? null;
}

export function isValueField(f: FieldMeta): f is ValueFieldMeta {
  return (f.kind === 'scalar' || f.kind === 'enum') && !f.isList;
}

export function isToOne(f: FieldMeta): f is RelationFieldMeta {
  return f.kind === 'relation' && f.cardinality === 'one' && f.fromFields.length > 0;
}
