/**
 * Getting a Prisma client for a schema failed in a way the person can fix: the database URL does not fit the schema,
 * `prisma generate` failed, the generated client could not be loaded. The message says what to do; no stack needed.
 *
 * @example
 * try {
 *   parseDatabaseUrl('mongodb://localhost/app');
 * } catch (error) {
 *   if (error instanceof ClientSetupError) console.error(error.message);
 * }
 */
export class ClientSetupError extends Error {
  readonly code = 'ADMIN_ERR_CLIENT_SETUP';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ClientSetupError';
  }
}
