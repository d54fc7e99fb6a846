/**
 * Resolves on the event loop's next turn. A long run over SQLite (whose driver is synchronous) that only awaits the
 * database never leaves the microtask queue: no other request is served and no timer runs until it ends. Such runs
 * await this between batches — outside a transaction: on SQLite, Prisma's adapter has one connection, and a request
 * served meanwhile would run its statements inside the open transaction.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
