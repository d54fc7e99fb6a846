// The uploads of a form's file fields (`fileFields`): checked by size and by the type read from their bytes, stored
// only once the whole form is valid, and removed again when the save fails. The file a save replaces or clears is
// deleted after the save commits, never before: a failed save keeps the record and its file as they were.
import type { FastifyBaseLogger } from 'fastify';
import type { ResolvedModelAdmin } from '../admin/resolve-model-admin.ts';
import type { ResolvedFileField } from '../admin/file-fields.ts';
import type { FileStorage } from '../files/file-storage.ts';
import { isAccepted, isInlineImage, sniffType } from '../files/sniff.ts';
import { newFileKey, thumbnailKey } from '../files/storage-key.ts';
import { makeThumbnail } from '../files/thumbnail.ts';
import { FORM_MESSAGES as M } from '../forms/messages.ts';
import { FILE_CLEAR_SUFFIX, type FormField, type FormMode, type SubmittedFile, type SubmittedForm } from '../forms/types.ts';

interface PendingFile {
  storage: FileStorage;
  key: string;
  data: Buffer;
  contentType: string;
}

export interface FileFieldsResult {
  /** The fields' new keys (or null when cleared), for the save's data. */
  data: Record<string, string | null>;
  errors: Record<string, string>;
  /** Files to store before the save: each upload, and an image's thumbnail. */
  pending: PendingFile[];
}

/** The byte limit of each file field, for the multipart reader. */
export function fileSizeLimits(admin: ResolvedModelAdmin): (name: string) => number | undefined {
  return (name) => admin.fileFields.get(name)?.maxBytes ?? undefined;
}

/** The form's file fields: the editable ones of `fields` that the admin's `fileFields` names. */
export function isFileField(admin: ResolvedModelAdmin, field: FormField): boolean {
  return field.widget === 'file' && admin.fileFields.has(field.name);
}

export async function readFileFields(admin: ResolvedModelAdmin, fields: FormField[], submitted: SubmittedForm, mode: FormMode): Promise<FileFieldsResult> {
  const result: FileFieldsResult = { data: {}, errors: {}, pending: [] };
  for (const field of fields) {
    const options = admin.fileFields.get(field.name);
    if (!options || field.widget !== 'file' || field.readOnly) continue;
    const upload = uploadOf(submitted[field.name]);
    if (upload) {
      const checked = await checkUpload(admin, field.name, options, upload);
      if (typeof checked === 'string') result.errors[field.name] = checked;
      else {
        result.data[field.name] = checked[0].key;
        result.pending.push(...checked);
      }
      continue;
    }
    const meta = admin.model.fields.find((f) => f.name === field.name);
    if (mode === 'change' && submitted[field.name + FILE_CLEAR_SUFFIX] !== undefined && meta?.isRequired === false) result.data[field.name] = null;
    else if (field.required) result.errors[field.name] = M.required;
  }
  return result;
}

function uploadOf(value: SubmittedForm[string]): SubmittedFile | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !Buffer.isBuffer(value.data)) return null;
  return value.filename !== '' || value.data.length > 0 || value.tooLargeAbove !== undefined ? value : null;
}

/** The files to store for one upload (the file, then its thumbnail), or the message shown beside the field. */
async function checkUpload(admin: ResolvedModelAdmin, name: string, options: ResolvedFileField, upload: SubmittedFile): Promise<PendingFile[] | string> {
  const shownName = upload.filename.slice(0, 100);
  if (upload.tooLargeAbove !== undefined) return M.fileTooLarge(upload.tooLargeAbove);
  if (upload.data.length === 0) return `The file “${shownName}” is empty.`;
  const type = await sniffType(upload.data);
  const accepted = options.accept.length ? options.accept.join(', ') : 'files of a recognised type';
  if (!type || !isAccepted(type.mime, options.accept)) {
    const found = type ? `it is ${type.mime}` : 'its content is of no recognised type, whatever its name says';
    return `The file “${shownName}” cannot be used here: ${found}. This field accepts ${accepted}.`;
  }
  const key = newFileKey([admin.model.name.toLowerCase(), name], upload.filename, type.extension);
  const files: PendingFile[] = [{ storage: options.storage, key, data: upload.data, contentType: type.mime }];
  if (isInlineImage(type.mime)) {
    const thumbnail = await makeThumbnail(upload.data);
    if (!thumbnail) return `The file “${shownName}” looks like ${type.mime} but cannot be read as an image.`;
    files.push({ storage: options.storage, key: thumbnailKey(key), data: thumbnail, contentType: 'image/webp' });
  }
  return files;
}

/** Stores the pending files; when one fails, those already stored are removed and the error is thrown. */
export async function storePendingFiles(files: PendingFile[], log: FastifyBaseLogger): Promise<void> {
  const stored: PendingFile[] = [];
  try {
    for (const file of files) {
      await file.storage.put(file.key, file.data, { contentType: file.contentType });
      stored.push(file);
    }
  } catch (error) {
    await discardPendingFiles(stored, log);
    throw error;
  }
}

/** Removes files stored for a save that did not commit. */
export async function discardPendingFiles(files: PendingFile[], log: FastifyBaseLogger): Promise<void> {
  for (const file of files) await deleteQuietly(file.storage, file.key, log);
}

/** After a committed save: deletes each file (and thumbnail) whose key the save replaced or cleared. */
export async function deleteReplacedFiles(admin: ResolvedModelAdmin, before: Record<string, unknown>, written: Record<string, string | null>, log: FastifyBaseLogger): Promise<void> {
  for (const [name, key] of Object.entries(written)) {
    const old = before[name];
    const storage = admin.fileFields.get(name)?.storage;
    if (!storage || typeof old !== 'string' || old === '' || old === key) continue;
    await deleteQuietly(storage, old, log);
    await deleteQuietly(storage, thumbnailKey(old), log);
  }
}

// The save is done (or undone) by now: a file left behind is logged, not shown as a failed save.
async function deleteQuietly(storage: FileStorage, key: string, log: FastifyBaseLogger): Promise<void> {
  try {
    await storage.delete(key);
  } catch (error) {
    log.warn({ err: error, key }, 'prisma-admin-site: a stored file could not be deleted');
  }
}

/** Runs a save with its files: stored first, removed again when the save throws (the error is thrown on). */
export async function saveWithFiles<T>(files: PendingFile[], log: FastifyBaseLogger, save: () => Promise<T>): Promise<T> {
  await storePendingFiles(files, log);
  try {
    return await save();
  } catch (error) {
    await discardPendingFiles(files, log);
    throw error;
  }
}
