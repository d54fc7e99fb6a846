// Prisma's answer to a query or commit of an interactive transaction that outlived its `timeout`: P2028, "... cannot be
// executed on an expired transaction". The database has rolled it back by then; no statement of it is to blame.
type KnownError = { code?: unknown; message?: unknown };

export function isExpiredTransaction(error: unknown): boolean {
  const e = error as KnownError | null;
  return !!e && e.code === 'P2028' && typeof e.message === 'string' && /expired transaction/i.test(e.message);
}
