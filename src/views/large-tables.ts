// Related tables found larger than a widget lists (a form's <select>, a list filter's choices): such a widget is a
// search box, and reading its first records again on every page only tells it the table is still large. A table
// found larger than `limit` records with no narrowing is taken as such, by the process that found it, for
// LARGE_TABLE_RECHECK_MS; after that it is read again (so a table that shrank becomes a list again within that time).

/** How long a related table found large is taken as large before it is read again. */
export const LARGE_TABLE_RECHECK_MS = 30_000;

/** Per client (one site's Prisma client), per model and limit: when the table was last found larger than the limit. */
const foundLarge = new WeakMap<object, Map<string, number>>();

const keyOf = (model: string, limit: number) => `${model}\u0000${limit}`;

/** Whether `model`'s table was found larger than `limit` (with no narrowing) within LARGE_TABLE_RECHECK_MS. */
export function knownLarge(client: object, model: string, limit: number, now = Date.now()): boolean {
  const at = foundLarge.get(client)?.get(keyOf(model, limit));
  return at !== undefined && now - at < LARGE_TABLE_RECHECK_MS;
}

/** What a read of the table's first `limit` + 1 records (with no narrowing) found. */
export function rememberTableSize(client: object, model: string, limit: number, large: boolean, now = Date.now()): void {
  let found = foundLarge.get(client);
  if (!found) foundLarge.set(client, (found = new Map()));
  if (large) found.set(keyOf(model, limit), now);
  else found.delete(keyOf(model, limit));
}
