// One stored value as an export cell, exact: nothing rounded, nothing formatted for a person. The import reads these
// back (README "Export"), so every format writes the same text for the same value.
import type { ValueFieldMeta } from '../../schema/types.ts';
import { isSafeHtml } from '../../markup/safe-html.ts';

/** A cell: text, a number that is exact as a JavaScript number, a Boolean, or empty. */
export type Cell = string | number | boolean | null;

/**
 * BigInt and Decimal as their digits, DateTime as ISO 8601 in UTC, Json as JSON text, Bytes as base64, scalar lists as
 * JSON text; Int and Float as numbers, Boolean as true/false, enums and strings as they are.
 */
export function exactCell(field: ValueFieldMeta, value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (field.isList || field.type === 'Json') return JSON.stringify(value, jsonReplacer);
  return scalarCell(value);
}

/** A value whose field is not known (a computed column): typed by what it is. */
export function scalarCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  // A rich cell (html`...`) exports as the text a person reads in it, not as markup.
  if (isSafeHtml(value)) return htmlText(value.toString());
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  // Prisma's Decimal: toFixed() with no argument writes every digit without an exponent (toString() may write 1e-7).
  if (isDecimal(value)) return value.toFixed();
  return String(value);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", nbsp: ' ' };

function htmlText(markup: string): string {
  return markup.replace(/<[^>]*>/g, '').replace(/&(amp|lt|gt|quot|#39|#x27|nbsp);/g, (_m, name: string) => ENTITIES[name]!);
}

function isDecimal(value: unknown): value is { toFixed(): string } {
  const v = value as { toFixed?: unknown; isFinite?: unknown; isFinite_?: unknown };
  return typeof v.toFixed === 'function' && typeof v.isFinite === 'function' && (v.isFinite as () => boolean).call(v);
}

function jsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

/** CSV has only text: Booleans as true/false, empty as an empty field. */
export function cellText(cell: Cell): string {
  return cell === null ? '' : String(cell);
}
