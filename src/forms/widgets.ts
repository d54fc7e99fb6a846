// The widget for each field, chosen from its metadata alone (sqladmin's converter table, as a switch).
import { isLongText } from '../schema/long-text.ts';
import type { FieldMeta, SchemaMeta, ScalarType } from '../schema/types.ts';
import { dateTimeWidget } from './datetime.ts';
import type { FormChoice, FormField, WidgetKind } from './types.ts';

const SCALAR_WIDGETS: Record<Exclude<ScalarType, 'String' | 'Boolean'>, WidgetKind> = {
  Int: 'integer',
  Float: 'float',
  BigInt: 'bigint',
  Decimal: 'decimal',
  DateTime: 'datetime',
  Json: 'json',
  Bytes: 'file',
};

// A doc comment that speaks of prose: "in Markdown", "multi-line", "one or more paragraphs", "long text".
const LONG_TEXT_DOC = /\b(markdown|multi-?line|paragraphs?|long text)\b/i;

export const EMPTY_CHOICE_LABEL = '---------';

export const NULLABLE_BOOLEAN_CHOICES: readonly FormChoice[] = [
  { value: '', label: 'Unknown' },
  { value: 'true', label: 'Yes' },
  { value: 'false', label: 'No' },
];

/**
 * A String field is a textarea when it holds prose: native type Text/MediumText/LongText, a prose-like name (`body`,
 * `content`, `description`, `bio`, `text`, `notes`, `summary`, ... see `isLongText`), or a doc comment that says so.
 */
export function isTextareaField(field: FieldMeta): boolean {
  if (field.kind !== 'scalar' || field.type !== 'String' || field.isList) return false;
  return isLongText(field) || LONG_TEXT_DOC.test(field.documentation ?? '');
}

/** The widget of one field, with its choices (enums, nullable boolean) or related model (relations). */
export function widgetFor(schema: SchemaMeta, field: FieldMeta): Pick<FormField, 'widget' | 'choices' | 'relatedModel' | 'timeZone'> {
  switch (field.kind) {
    case 'unsupported':
      throw new Error(`Field "${field.name}" has the Unsupported("${field.type}") type and cannot be shown in a form.`);
    case 'relation':
      return { widget: field.cardinality === 'one' ? 'relation' : 'relation-multiple', relatedModel: field.type };
    case 'enum': {
      const choices = enumChoices(schema, field.type);
      if (field.isList) return { widget: 'checkbox-multiple', choices };
      // An empty choice when the field may be null, or when the person must pick one (no default to preselect).
      const withEmpty = !field.isRequired || field.default === null;
      return { widget: 'select', choices: withEmpty ? [{ value: '', label: EMPTY_CHOICE_LABEL }, ...choices] : choices };
    }
    case 'scalar':
      if (field.isList) return { widget: 'list' };
      if (field.type === 'DateTime') return dateTimeWidget(schema.provider, field.nativeType);
      if (field.type === 'String') return { widget: isTextareaField(field) ? 'textarea' : 'text' };
      if (field.type === 'Boolean') {
        return field.isRequired ? { widget: 'checkbox' } : { widget: 'nullable-boolean', choices: [...NULLABLE_BOOLEAN_CHOICES] };
      }
      return { widget: SCALAR_WIDGETS[field.type] };
  }
}

function enumChoices(schema: SchemaMeta, enumName: string): FormChoice[] {
  const meta = schema.enums.find((e) => e.name === enumName);
  if (!meta) throw new Error(`Enum "${enumName}" is not in the schema metadata.`);
  return meta.values.map((v) => ({ value: v.name, label: v.name }));
}
