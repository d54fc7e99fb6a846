// Django's ValidationError for a save hook: thrown from `saveModel` (before or instead of writing), it rolls the save
// back and the form comes back (400) with each message beside its field, like a value the database refused.

/**
 * @example
 * saveModel(client, args) {
 *   if (String(args.data.slug).startsWith('admin')) throw new ValidationError({ slug: 'This address is reserved.' });
 *   return super.saveModel(client, args);
 * }
 */
export class ValidationError extends Error {
  /** Field name → message; `__all__` for a message about the whole form. */
  readonly errors: Record<string, string>;

  constructor(errors: Record<string, string>) {
    super(Object.values(errors).join(' '));
    this.name = 'ValidationError';
    this.errors = errors;
  }
}
