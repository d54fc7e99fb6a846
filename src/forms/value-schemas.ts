// One zod schema per value type: a non-empty form string in, the Prisma value out. Used for single inputs and for
// each line of a list. Exact types never pass through a JS float: BigInt → bigint, Decimal → a decimal string.
import { z } from 'zod';
import type { NativeTypeMeta, SchemaMeta, ValueFieldMeta } from '../schema/types.ts';
import { dateTimeKind, parseDate, parseDateTimeLocal, parseTime } from './datetime.ts';
import { FORM_MESSAGES as M } from './messages.ts';

export type ValueSchema = z.ZodType<unknown, string>;

const WHOLE_NUMBER = /^[+-]?\d+$/;
const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

const INT32: [number, number] = [-(2 ** 31), 2 ** 31 - 1];
const INT64: [bigint, bigint] = [-(2n ** 63n), 2n ** 63n - 1n];
// Narrower integer columns (MySQL, SQL Server, PostgreSQL): the database would reject what lies outside.
const INT_NATIVE_RANGES: Record<string, [number, number]> = {
  TinyInt: [-128, 127],
  UnsignedTinyInt: [0, 255],
  SmallInt: [-32768, 32767],
  UnsignedSmallInt: [0, 65535],
  MediumInt: [-8388608, 8388607],
  UnsignedMediumInt: [0, 16777215],
  UnsignedInt: [0, 4294967295],
};

/** The schema for one value of `field` (a list field: one element). */
export function valueSchemaFor(schema: SchemaMeta, field: ValueFieldMeta): ValueSchema {
  if (field.kind === 'enum') {
    const names = schema.enums.find((e) => e.name === field.type)?.values.map((v) => v.name) ?? [];
    return z.string().refine((text) => names.includes(text), M.choice);
  }
  switch (field.type) {
    case 'String':
      return stringSchema(field.nativeType);
    case 'Int':
      return intSchema(INT_NATIVE_RANGES[field.nativeType?.name ?? ''] ?? INT32);
    case 'BigInt':
      return bigintSchema(field.nativeType?.name === 'UnsignedBigInt' ? [0n, INT64[1]] : INT64);
    case 'Float':
      return floatSchema;
    case 'Decimal':
      return decimalSchema(decimalLimits(field.nativeType));
    case 'Boolean':
      return booleanSchema;
    case 'DateTime':
      return dateTimeSchemaFor(field.nativeType);
    case 'Json':
      return jsonSchema;
    case 'Bytes':
      return base64Schema;
  }
}

function stringSchema(native: NativeTypeMeta | null): ValueSchema {
  if (native?.name === 'Uuid' || native?.name === 'UniqueIdentifier') {
    return z.string().refine((text) => UUID.test(text.trim()), M.uuid).transform((text) => text.trim());
  }
  const max = /^(VarChar|Char|NVarChar|NChar)$/.test(native?.name ?? '') ? Number(native?.args[0]) : NaN;
  if (!Number.isInteger(max)) return z.string();
  // Columns count characters, not UTF-16 units.
  return z.string().superRefine((text, ctx) => {
    const length = [...text].length;
    if (length > max) ctx.addIssue({ code: 'custom', message: M.maxLength(max, length) });
  });
}

const intSchema = ([min, max]: [number, number]): ValueSchema =>
  z
    .string()
    .trim()
    .regex(WHOLE_NUMBER, M.wholeNumber)
    .transform(Number)
    .pipe(z.number({ error: M.between(min, max) }).min(min, M.between(min, max)).max(max, M.between(min, max)));

const bigintSchema = ([min, max]: [bigint, bigint]): ValueSchema =>
  z
    .string()
    .trim()
    .regex(WHOLE_NUMBER, M.wholeNumber)
    .transform((text) => BigInt(text))
    .pipe(z.bigint().min(min, M.between(min, max)).max(max, M.between(min, max)));

const floatSchema: ValueSchema = z
  .string()
  .trim()
  .regex(FLOAT, M.number)
  .transform(Number)
  .pipe(z.number({ error: M.number }));

interface DecimalLimits {
  /** Digits after the point (the scale), when the native type gives one. */
  places: number | null;
  /** Digits before the point (precision − scale). */
  wholeDigits: number | null;
}

function decimalLimits(native: NativeTypeMeta | null): DecimalLimits {
  if (native?.name === 'Money') return { places: 2, wholeDigits: null };
  if (native?.name !== 'Decimal' && native?.name !== 'Numeric') return { places: null, wholeDigits: null };
  const [precision, scale = 0] = native.args.map(Number);
  if (!Number.isInteger(precision)) return { places: null, wholeDigits: null };
  return { places: scale, wholeDigits: precision - scale };
}

/** A decimal string, normalised (`+1.50` → `1.50`, `.5` → `0.5`, `3.` → `3`) and checked against the column's scale. */
const decimalSchema = (limits: DecimalLimits): ValueSchema =>
  z
    .string()
    .trim()
    .transform((text, ctx) => {
      const m = DECIMAL.exec(text);
      if (!m || (m[2] === '' && !m[3])) {
        ctx.addIssue({ code: 'custom', message: M.number });
        return z.NEVER;
      }
      const [, sign, whole, fraction = ''] = m;
      const wholeDigits = whole.replace(/^0+(?=\d)/, '') || '0';
      if (limits.places !== null && fraction.length > limits.places) {
        ctx.addIssue({ code: 'custom', message: M.decimalPlaces(limits.places) });
        return z.NEVER;
      }
      if (limits.wholeDigits !== null && wholeDigits.replace(/^0$/, '').length > limits.wholeDigits) {
        ctx.addIssue({ code: 'custom', message: M.wholeDigits(limits.wholeDigits) });
        return z.NEVER;
      }
      const isZero = /^0*$/.test(wholeDigits + fraction);
      return `${sign === '-' && !isZero ? '-' : ''}${wholeDigits}${fraction ? `.${fraction}` : ''}`;
    });

const booleanSchema: ValueSchema = z
  .string()
  .trim()
  .toLowerCase()
  .refine((text) => text === 'true' || text === 'false', M.boolean)
  .transform((text) => text === 'true');

/** `@db.Date` reads `YYYY-MM-DD`, `@db.Time` reads `HH:mm[:ss]`, other date-times `YYYY-MM-DDTHH:mm[:ss]`. */
const dateTimeSchemaFor = (native: NativeTypeMeta | null): ValueSchema => {
  const kind = dateTimeKind(native);
  const parse = kind === 'date' ? parseDate : kind === 'time' ? parseTime : parseDateTimeLocal;
  const message = kind === 'date' ? M.date : kind === 'time' ? M.time : M.dateTime;
  return z.string().transform((text, ctx) => {
    const date = parse(text);
    if (date) return date;
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  });
};

/** The checked values of an enum list's checkboxes, in the enum's order, each once. */
export function enumSetSchema(schema: SchemaMeta, field: ValueFieldMeta) {
  const names = schema.enums.find((e) => e.name === field.type)?.values.map((v) => v.name) ?? [];
  return z.preprocess(
    (value) => (Array.isArray(value) ? value : typeof value === 'string' ? [value] : []),
    z.array(z.string()).transform((checked, ctx) => {
      const unknown = checked.find((value) => !names.includes(value));
      if (unknown !== undefined) {
        ctx.addIssue({ code: 'custom', message: M.choice });
        return z.NEVER;
      }
      return names.filter((name) => checked.includes(name));
    }),
  );
}

/** JSON text → the parsed value (`null` stays null here; the field schema turns it into Prisma's JsonNull). */
export const jsonSchema: ValueSchema = z.string().transform((text, ctx) => {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: M.json((error as Error).message) });
    return z.NEVER;
  }
});

const base64Schema: ValueSchema = z
  .string()
  .trim()
  .refine((text) => BASE64.test(text), M.base64)
  .transform((text) => new Uint8Array(Buffer.from(text, /[-_]/.test(text) ? 'base64url' : 'base64')));
