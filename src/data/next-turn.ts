/**
 * Resolves on the event loop's next turn. A long run over SQLite (whose driver is synchronous) that only awaits the
 * database never leaves the microtask queue: no other request is served and no timer runs until it ends. Such runs
 * await this between batches. A bulk run inside its request does not while its transaction is open (on SQLite,
 * Prisma's adapter has one connection, and a request served meanwhile would run its statements inside that
 * transaction); a job's run does, after each progress report, so that its own page is served.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
