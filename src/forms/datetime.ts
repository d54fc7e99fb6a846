// Date-times as `<input type="datetime-local">` shows and sends them, read and written in FORM_TIME_ZONE (UTC).

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
