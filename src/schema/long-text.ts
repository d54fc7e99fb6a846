import type { FieldMeta } from './types.ts';

const LONG_TEXT_NAMES = /^(body|content|description|bio|text|notes?|summary|message|comment|details|abstract)$/i;

/** A String field that holds prose rather than a short value: a textarea in forms, truncated in lists. */
export function isLongText(field: FieldMeta): boolean {
  if (field.kind !== 'scalar' || field.type !== 'String' || field.isList) return false;
  const native = field.nativeType?.name;
  if (native === 'Text' || native === 'MediumText' || native === 'LongText') return true;
  return LONG_TEXT_NAMES.test(field.name);
}
