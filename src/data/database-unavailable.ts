// Telling an outage from a bug: the error page says 503 for the first, and raw-query fallbacks never hide one.

/** Errors that mean "the database is not reachable right now" rather than a bug. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; name?: string; message?: string; cause?: unknown } | undefined;
  if (!e) return false;
  if (e.name === 'PrismaClientInitializationError') return true;
  if (e.code && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'P1001', 'P1017', '57P01'].includes(e.code)) return true;
  if (typeof e.message === 'string' && /ECONNREFUSED|Connection terminated|connect ECONN|Can't reach database|DatabaseNotReachable|SocketTimeout/i.test(e.message)) return true;
  // Driver errors Prisma passes on as "Code: `...`": the mariadb driver's lost connection, socket and pool timeout
  // (450xx; its pool retries a refused connection until it times out), PostgreSQL's server shutdown (57P0x).
  if (typeof e.message === 'string' && /Code: `(4500[19]|4501[239]|4502[68]|57P0[123])`|pool timeout: failed to retrieve a connection/.test(e.message)) return true;
  return e.cause !== undefined && e.cause !== error ? isDatabaseUnavailable(e.cause) : false;
}
