// Reads a POSTed form, urlencoded or multipart (file uploads), into one shape: name → string | string[] | file.
import type { FastifyRequest } from 'fastify';
import type { SubmittedForm, SubmittedValue } from '../forms/types.ts';

export async function readForm(request: FastifyRequest): Promise<SubmittedForm> {
  const form: SubmittedForm = {};
  const add = (name: string, value: SubmittedValue) => {
    const existing = form[name];
    if (existing === undefined) form[name] = value;
    else if (typeof value === 'string') form[name] = [...(Array.isArray(existing) ? existing : [String(existing)]), value];
  };
  if (request.isMultipart()) {
    try {
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          const data = await part.toBuffer();
          if (part.filename || data.length > 0) add(part.fieldname, { filename: part.filename, mimetype: part.mimetype, data });
        } else {
          add(part.fieldname, String(part.value));
        }
      }
    } catch (error) {
      // A malformed upload is the client's mistake (400); limits keep their own status (413 for a file too large).
      if ((error as { statusCode?: number }).statusCode) throw error;
      throw Object.assign(new Error(`The form could not be read: ${(error as Error).message}`), { statusCode: 400 });
    }
    return form;
  }
  const body = (request.body ?? {}) as Record<string, unknown>;
  for (const [name, value] of Object.entries(body)) {
    if (Array.isArray(value)) for (const v of value) add(name, String(v));
    else if (value !== undefined && value !== null) add(name, String(value));
  }
  return form;
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
