// Reads a POSTed form, urlencoded or multipart (file uploads), into one shape: name → string | string[] | file. Both
// kinds are read in one linear pass that counts as it goes: more fields, more values of one field or more text than
// the limits allow is a 413 before any view sees the form.
import type { FastifyRequest } from 'fastify';
import { formatBytes } from '../forms/messages.ts';
import { readMultipartBody } from './multipart-body.ts';
import type { SubmittedFile, SubmittedForm, SubmittedValue } from '../forms/types.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The admin's largest upload in bytes (plugin.ts), which the form of an oversized file names. */
    adminMaxUploadBytes?: number;
  }
}

export interface FormLimits {
  /** Values in one form, every value of a repeated field counted. */
  maxFields: number;
  /** Values of one field name (a multi-select, the list's row checkboxes). */
  maxRepeats: number;
  /** Bytes of an urlencoded body, and of the text fields of a multipart one (files have their own limit). */
  maxTextBytes: number;
  /** Non-empty files in one multipart form. */
  maxFiles: number;
}

/**
 * What a real form needs, with room: an inline of 1,000 rows (MAX_INLINE_ROWS) of 20 inputs, the list's 1,000 selected
 * rows (MAX_BULK) or a list edit of 1,000 rows; Django's DATA_UPLOAD_MAX_NUMBER_FIELDS is 1,000 and is raised for such
 * forms. Hostile bodies get a 413 page, never minutes of parsing.
 */
export const DEFAULT_FORM_LIMITS: FormLimits = { maxFields: 25_000, maxRepeats: 10_000, maxTextBytes: 1024 * 1024, maxFiles: 20 };

/** A form over one of the limits: 413, shown as the admin's error page. */
export class FormTooLargeError extends Error {
  readonly statusCode = 413;
  readonly code = 'ADMIN_ERR_FORM_TOO_LARGE';
}

/** Collects a form's values in submission order, counting them against the limits. */
class FormCollector {
  readonly form: SubmittedForm = Object.create(null);
  private fields = 0;
  private textBytes = 0;
  private files = 0;
  private readonly repeats = new Map<string, number>();

  constructor(private readonly limits: FormLimits) {}

  add(name: string, value: SubmittedValue): void {
    if (++this.fields > this.limits.maxFields) throw tooMany(`more than ${this.limits.maxFields.toLocaleString('en')} fields`);
    const existing = this.form[name];
    if (existing === undefined) {
      this.form[name] = value;
      return;
    }
    if (typeof value !== 'string') return; // a second file of one name is ignored, as before: the first one counts
    const count = (this.repeats.get(name) ?? 1) + 1;
    if (count > this.limits.maxRepeats) throw tooMany(`the field “${name.slice(0, 100)}” more than ${this.limits.maxRepeats.toLocaleString('en')} times`);
    this.repeats.set(name, count);
    if (Array.isArray(existing)) existing.push(value);
    else this.form[name] = [typeof existing === 'string' ? existing : '', value];
  }

  addText(name: string, value: string): void {
    this.textBytes += Buffer.byteLength(name) + Buffer.byteLength(value);
    if (this.textBytes > this.limits.maxTextBytes) throw tooMany(`more than ${formatBytes(this.limits.maxTextBytes)} of text`);
    this.add(name, value);
  }

  addFile(name: string, file: SubmittedFile): void {
    if (file.data.length > 0 && ++this.files > this.limits.maxFiles) throw tooMany(`more than ${this.limits.maxFiles} files`);
    this.add(name, file);
  }
}

function tooMany(what: string): FormTooLargeError {
  return new FormTooLargeError(`The form sent ${what}, more than this admin accepts. Nothing was saved.`);
}

/**
 * The urlencoded body parser (given to @fastify/formbody): the WHATWG URLSearchParams parser, one pass, after a count
 * of the `&` separators that refuses a body of too many pairs before parsing it.
 */
export function parseUrlencoded(body: string, limits: FormLimits = DEFAULT_FORM_LIMITS): SubmittedForm {
  let pairs = 1;
  for (let at = body.indexOf('&'); at !== -1; at = body.indexOf('&', at + 1)) {
    if (++pairs > limits.maxFields) throw tooMany(`more than ${limits.maxFields.toLocaleString('en')} fields`);
  }
  const collector = new FormCollector(limits);
  for (const [name, value] of new URLSearchParams(body)) collector.add(name, value);
  return collector.form;
}

/** `fileSizeFor`: the byte limit of a field's files when smaller than the admin's (a file field's `maxBytes`). */
export async function readForm(request: FastifyRequest, options: { fileSizeFor?(name: string): number | undefined } = {}): Promise<SubmittedForm> {
  const limits = DEFAULT_FORM_LIMITS;
  if (!request.isMultipart()) {
    const body = request.body;
    // Our urlencoded parser built it; a body of another content type (JSON) was refused before, so this is a fallback.
    if (body && typeof body === 'object' && Object.getPrototypeOf(body) === null) return body as SubmittedForm;
    const collector = new FormCollector(limits);
    for (const [name, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
      for (const v of Array.isArray(value) ? value : [value]) if (v !== undefined && v !== null) collector.add(name, String(v));
    }
    return collector.form;
  }
  const collector = new FormCollector(limits);
  await readMultipartBody(request, {
    parts: limits.maxFields,
    fieldSize: limits.maxTextBytes,
    // Over the limit a file arrives cut, and the form says so beside it.
    fileSize: request.server.adminMaxUploadBytes ?? Infinity,
    fileSizeFor: options.fileSizeFor,
    tooManyParts: () => tooMany(`more than ${limits.maxFields.toLocaleString('en')} fields`),
  }, {
    text(name, value, valueTruncated) {
      if (valueTruncated) throw tooMany(`a field of more than ${formatBytes(limits.maxTextBytes)}`);
      collector.addText(name, value);
    },
    file(name, file) {
      if (file.filename || file.data.length > 0 || file.tooLargeAbove) collector.addFile(name, file);
    },
  });
  return collector.form;
}

/** A single text value of the form (the first one when repeated). */
export function formText(form: SubmittedForm, name: string): string | undefined {
  const value = form[name];
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value[0];
  return undefined;
}

export function formList(form: SubmittedForm, name: string): string[] {
  const value = form[name];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value;
  return [];
}
