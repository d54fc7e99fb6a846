// A Date bound to a raw query costs Prisma's client a round of serializing and parsing, and the driver adapter a
// round of formatting (~3.5 µs each on SQLite: a quarter of a raw INSERT's cost per row with two dates). The same
// value bound as the text (or number) the adapter would have made of it goes in untouched. Which form the adapter
// makes (SQLite: its timestampFormat option, iso8601 or unixepoch-ms; PostgreSQL: a timestamp's text) is asked of it:
// sample dates go through it in a SELECT, and a formatter is used only when it gives back exactly those values.
import type { Provider } from '../schema/types.ts';
import type { RawClient } from './raw-sql-names.ts';

export type DateFormatter = (date: Date) => string | number;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** @prisma/adapter-pg's formatDateTime (a timestamp or timestamptz column; a Date's ms only when not 0). */
function postgresTimestamp(date: Date): string {
  const ms = date.getUTCMilliseconds();
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}${ms ? `.${pad(ms, 3)}` : ''}`;
}

const CANDIDATES: Partial<Record<Provider, DateFormatter[]>> = {
  sqlite: [(date) => date.toISOString().replace('Z', '+00:00'), (date) => date.getTime()],
  postgresql: [postgresTimestamp],
};

// With and without milliseconds, before the year 1000, and the epoch.
const SAMPLES = [new Date('2001-02-03T04:05:06.789Z'), new Date('1999-12-31T23:59:59Z'), new Date('0987-06-05T00:00:00.010Z'), new Date(0)];

/** The form the adapter behind `client` binds a Date in, as a formatter; null when none of the known ones is it. */
export async function boundDateFormat(client: RawClient, provider: Provider): Promise<DateFormatter | null> {
  const candidates = CANDIDATES[provider];
  if (!candidates) return null;
  const columns = SAMPLES.map((_, i) => (provider === 'postgresql' ? `$${i + 1}::text AS d${i}` : `? AS d${i}`));
  const [row] = await client.$queryRawUnsafe<Array<Record<string, unknown>>>(`SELECT ${columns.join(', ')}`, ...SAMPLES);
  return candidates.find((format) => SAMPLES.every((date, i) => row !== undefined && String(row[`d${i}`]) === String(format(date)))) ?? null;
}
