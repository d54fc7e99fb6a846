// How values look on list and detail pages: one place, so dates, numbers and empties are shown the same everywhere.
import { dateTimeKind, formatForInput } from '../forms/datetime.ts';
import { decimalScale } from '../forms/form-values.ts';
import type { FieldMeta } from '../schema/types.ts';
import type { BadgeColour } from '../admin/badge-colours.ts';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';

/** Every time is shown and edited in UTC, and the pages say so. */
export const DISPLAY_TIME_ZONE = 'UTC';

export interface DisplayValue {
  text: string;
  /** Set for Booleans, so templates can show an icon (with the text for screen readers). */
  boolean?: boolean | null;
  empty: boolean;
}

export function displayValue(field: FieldMeta, value: unknown, emptyDisplay: string): DisplayValue {
  // A required Json column is never NULL: a null read from it is JSON null.
  if (value === null && field.kind === 'scalar' && field.type === 'Json' && field.isRequired && !field.isList) return { text: 'null', empty: false };
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) {
    return { text: emptyDisplay, empty: true, ...(isBoolean(field) ? { boolean: null } : {}) };
  }
  if (Array.isArray(value)) return { text: value.map((v) => formatOne(field, v)).join(', '), empty: false };
  if (isBoolean(field)) return { text: value ? 'Yes' : 'No', boolean: Boolean(value), empty: false };
  return { text: formatOne(field, value), empty: false };
}

function isBoolean(field: FieldMeta): boolean {
  return field.kind === 'scalar' && field.type === 'Boolean';
}

function formatOne(field: FieldMeta, value: unknown): string {
  const native = field.kind === 'scalar' ? field.nativeType : null;
  if (value instanceof Date) return dateTimeKind(native) === 'datetime' ? formatDateTime(value) : formatForInput(value, native);
  if (field.kind === 'scalar' && field.type === 'Decimal' && typeof (value as { toFixed?: unknown }).toFixed === 'function') {
    const scale = decimalScale(native);
    if (scale !== null) return (value as { toFixed(places: number): string }).toFixed(scale);
  }
  if (value instanceof Uint8Array) return `${value.byteLength.toLocaleString('en-US')} bytes`;
  if (field.kind === 'scalar' && field.type === 'Json') return JSON.stringify(value);
  if (typeof value === 'number' && field.kind === 'scalar' && field.type === 'Int') return value.toLocaleString('en-US');
  return String(value);
}

/** `2026-11-25 14:03` in UTC: sortable, unambiguous, the same on every page. */
export function formatDateTime(date: Date): string {
  if (Number.isNaN(date.getTime())) return String(date);
  const iso = date.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

export function truncate(text: string, max = 80): string {
  return text.length > max ? `${cutText(text, max - 1)}…` : text;
}

/**
 * The first `max` UTF-16 units of `text`, one fewer where the cut would split a surrogate pair (an emoji): half a pair
 * is not text (PostgreSQL's and MySQL's JSON refuse it, drivers store it as U+FFFD).
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

/** The badge colour of a value of a field in `badges` (values without a colour of their own are grey), else none. */
export function badgeOf(admin: ResolvedModelAdmin, fieldName: string, value: unknown): BadgeColour | undefined {
  return badgeIn(admin.badges.get(fieldName), value);
}

/** The same, given the field's colours (a list looks them up once per column). */
export function badgeIn(colours: ReadonlyMap<string, BadgeColour> | undefined, value: unknown): BadgeColour | undefined {
  if (!colours || value === null || value === undefined) return undefined;
  return colours.get(String(value)) ?? 'grey';
}
