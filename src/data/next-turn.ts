/**
 * Resolves on the event loop's next turn. A long run over SQLite (whose driver is synchronous) that only awaits the
 * database never leaves the microtask queue: no other request is served and no timer runs until it ends, and V8's
 * garbage collection, which finishes in tasks of the event loop, falls behind. Such runs await this between batches.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
