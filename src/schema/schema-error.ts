/**
 * A schema the admin cannot use: Prisma rejected it (the message is Prisma's own, naming file and line), the path does
 * not exist or holds no `.prisma` file, or the database provider is one the admin does not support.
 *
 * @example
 * try {
 *   await readSchema('prisma/schema.prisma');
 * } catch (error) {
 *   if (error instanceof SchemaError) console.error(error.message);
 * }
 */
export class SchemaError extends Error {
  readonly code = 'ADMIN_ERR_SCHEMA';
  /** Prisma's error code when Prisma reported the error (e.g. `P1012` for validation errors). */
  readonly prismaCode: string | null;

  constructor(message: string, options: { prismaCode?: string | null; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SchemaError';
    this.prismaCode = options.prismaCode ?? null;
  }
}

const ANSI_ESCAPES = /\u001b\[[0-9;]*m/g;

/**
 * Turns what the WASM parser throws (an Error whose message is JSON like `{"error_code":"P1012","message":"..."}`, or
 * sometimes a bare string) into a SchemaError carrying Prisma's human-readable text.
 */
export function schemaErrorFromPrisma(thrown: unknown, panicMessage: string | null): SchemaError {
  const raw = thrown instanceof Error ? thrown.message : String(thrown);
  let text = raw;
  let prismaCode: string | null = null;
  try {
    const parsed = JSON.parse(raw) as { error_code?: unknown; message?: unknown };
    if (typeof parsed.message === 'string') text = parsed.message;
    if (typeof parsed.error_code === 'string') prismaCode = parsed.error_code;
  } catch {
    // Not JSON: Prisma's text as it is.
  }
  if (panicMessage !== null) {
    return new SchemaError(`Prisma's schema parser crashed while reading the schema: ${panicMessage}`);
  }
  text = text.replace(ANSI_ESCAPES, '').trim();
  return new SchemaError(`Invalid Prisma schema:\n${text}`, { prismaCode });
}
