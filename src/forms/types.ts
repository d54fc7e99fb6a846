// The shapes the forms module hands to views and templates, and takes back from a POSTed form.

/** How a field is drawn and read back. Templates pick their partial by this name. */
export type WidgetKind =
  | 'text'
  | 'textarea'
  | 'password'
  | 'secret'
  | 'integer'
  | 'float'
  | 'bigint'
  | 'decimal'
  | 'checkbox'
  | 'nullable-boolean'
  | 'datetime'
  | 'date'
  | 'time'
  | 'select'
  | 'relation'
  | 'relation-multiple'
  | 'checkbox-multiple'
  | 'json'
  | 'file'
  | 'list';

export interface FormChoice {
  value: string;
  label: string;
}

/** One input of an add/change form. */
export interface FormField {
  /** The field name; for relations the relation field (`author`, `tags`), never the foreign-key scalar. */
  name: string;
  label: string;
  /** The field's `///` doc comment. */
  help: string | null;
  /**
   * Must the person fill it in? False when the field has a default (on add), is `@updatedAt`, is optional, is a list,
   * is a checkbox (unchecked is a value), is a file on change (empty keeps the current content) or is read-only.
   */
  required: boolean;
  widget: WidgetKind;
  /** Enums and the nullable boolean: every option, in order, the empty one (value '') first when there is one. */
  choices?: FormChoice[];
  /** Relation widgets: the related model's name. */
  relatedModel?: string;
  /** Date-time widgets: the zone the value is read in (`UTC`), or what the column keeps (`no time zone`). */
  timeZone?: string;
  /** Shown, not editable: never read from a submitted form. */
  readOnly: boolean;
  /** Choices drawn as radio buttons (the admin's `radioFields`), side by side or one under another. */
  radio?: 'horizontal' | 'vertical';
  /** A file input's `accept` attribute (the admin's `fileFields`): a hint for the browser; the server checks the bytes. */
  accept?: string;
  /** A textarea's flavour (the admin's `widgets`): its `data-widget`, for editors that hook into it. */
  variant?: 'markdown' | 'code';
}

/** One posted value: a text input, a multi-select, or an uploaded file. */
export type SubmittedValue = string | string[] | SubmittedFile;
/** An uploaded file; one over the upload limit arrives empty, with the limit (in bytes) in `tooLargeAbove`. */
export interface SubmittedFile {
  filename: string;
  mimetype: string;
  data: Buffer;
  tooLargeAbove?: number;
}
export type SubmittedForm = Record<string, SubmittedValue | undefined>;

/** Prisma `data` for create (add) / update (change), or one short message per field name. */
export type ParseResult = { ok: true; data: Record<string, unknown> } | { ok: false; errors: Record<string, string> };

export type FormMode = 'add' | 'change';

/** The time zone in which forms show and read date-times (`datetime-local` inputs carry no zone). */
export const FORM_TIME_ZONE = 'UTC';

/**
 * Suffix of the checkbox that clears an optional file field on change (`<name>-clear`, like Django's
 * ClearableFileInput): an empty upload keeps the current content, this checkbox sets it to null.
 */
export const FILE_CLEAR_SUFFIX = '-clear';
