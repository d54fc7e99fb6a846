// Date-times as `<input type="datetime-local">` shows and sends them, read and written in FORM_TIME_ZONE (UTC).
import type { NativeTypeMeta, Provider } from '../schema/types.ts';
import { FORM_TIME_ZONE } from './types.ts';

// `YYYY-MM-DD`, then optionally `THH:mm`, `:ss`, `.sss` (a space may stand for the T, a trailing Z is allowed).
const DATETIME_LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?Z?$/;

/** The instant a `datetime-local` string names in UTC, or null when it is not a real date and time. */
export function parseDateTimeLocal(text: string): Date | null {
  const m = DATETIME_LOCAL.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hour = 0, minute = 0, second = 0] = m.slice(1, 7).map((part) => (part === undefined ? undefined : Number(part))) as number[];
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  // setUTCFullYear, because Date.UTC maps years 0-99 to 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  const sameFields =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second;
  return sameFields ? date : null;
}

/** `YYYY-MM-DDTHH:mm:ss` in UTC, with `.sss` only when the milliseconds are not zero (so a save loses nothing). */
export function formatDateTimeLocal(date: Date): string {
  const iso = date.toISOString(); // 2024-05-01T12:30:00.000Z (years 0-9999)
  const millis = iso.slice(19, 23);
  return iso.slice(0, 19) + (millis === '.000' ? '' : millis);
}

/** What a DateTime column holds: a day (`@db.Date`), a time of day (`@db.Time`, `@db.Timetz`), or both. */
export function dateTimeKind(native: NativeTypeMeta | null): 'date' | 'time' | 'datetime' {
  if (native?.name === 'Date') return 'date';
  if (native?.name === 'Time' || native?.name === 'Timetz') return 'time';
  return 'datetime';
}

// Column types that keep an instant (converted to and from the session's zone) rather than a wall-clock reading.
const ZONED: Partial<Record<Provider, { types: string[]; byDefault: boolean }>> = {
  postgresql: { types: ['Timestamptz', 'Timetz'], byDefault: false },
  cockroachdb: { types: ['Timestamptz', 'Timetz'], byDefault: false },
  mysql: { types: ['Timestamp'], byDefault: false },
  sqlserver: { types: ['DateTimeOffset'], byDefault: false },
};

/**
 * The widget of a DateTime field, and for a date-time the zone note beside it: `UTC` where the column keeps an
 * instant, `no time zone` where it keeps the reading as typed (PostgreSQL's `timestamp`, MySQL's `datetime`, ...).
 */
export function dateTimeWidget(provider: Provider, native: NativeTypeMeta | null): { widget: 'date' | 'time' | 'datetime'; timeZone?: string } {
  const kind = dateTimeKind(native);
  if (kind !== 'datetime') return { widget: kind };
  const zoned = ZONED[provider];
  const keepsInstant = !zoned || (native ? zoned.types.includes(native.name) : zoned.byDefault);
  return { widget: 'datetime', timeZone: keepsInstant ? FORM_TIME_ZONE : 'no time zone' };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;

/** `YYYY-MM-DD` → that day at 00:00 UTC (how Prisma writes a `@db.Date`), or null. */
export function parseDate(text: string): Date | null {
  return DATE.test(text.trim()) ? parseDateTimeLocal(text.trim()) : null;
}

/** `HH:mm[:ss[.sss]]` → 1970-01-01 at that time UTC (how Prisma writes a `@db.Time`), or null. */
export function parseTime(text: string): Date | null {
  const m = TIME.exec(text.trim());
  if (!m) return null;
  const [hour, minute, second = 0] = [m[1], m[2], m[3]].map((part) => (part === undefined ? undefined : Number(part))) as number[];
  if (hour > 23 || minute > 59 || second > 59) return null;
  return new Date(Date.UTC(1970, 0, 1, hour, minute, second, m[4] ? Number(m[4].slice(0, 3).padEnd(3, '0')) : 0));
}

/** A Date as its field's input shows it: `YYYY-MM-DD` for a date, `HH:mm:ss` for a time, else formatDateTimeLocal. */
export function formatForInput(date: Date, native: NativeTypeMeta | null): string {
  const full = formatDateTimeLocal(date);
  const kind = dateTimeKind(native);
  return kind === 'date' ? full.slice(0, 10) : kind === 'time' ? full.slice(11) : full;
}
