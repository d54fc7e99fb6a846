// Forms: the widget for every field, and the zod schemas that parse submitted form strings into Prisma data.
export { formatDateTimeLocal, parseDateTimeLocal } from './datetime.ts';
export { fieldInputFrom, fieldSchemaFor, OMIT, type FieldSchemaContext, type FileInput } from './field-schemas.ts';
export { formFieldsFor, FormFieldError, isDefaultFormField, type FormFieldsOptions } from './form-fields.ts';
export { formValuesFromRecord, initialFormValues, type FormValues } from './form-values.ts';
export { FORM_MESSAGES } from './messages.ts';
export { formParserFor, formSchemaFor, parseForm } from './parse-form.ts';
export {
  FILE_CLEAR_SUFFIX,
  FORM_TIME_ZONE,
  type FormChoice,
  type FormField,
  type FormMode,
  type ParseResult,
  type SubmittedForm,
  type SubmittedValue,
  type WidgetKind,
} from './types.ts';
export { valueSchemaFor, type ValueSchema } from './value-schemas.ts';
export { EMPTY_CHOICE_LABEL, isTextareaField, NULLABLE_BOOLEAN_CHOICES, widgetFor } from './widgets.ts';
