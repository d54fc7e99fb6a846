// `fileFields`: String fields that hold the storage key of an uploaded file. Checked at start-up here, so that the
// form, the list's thumbnails and the download route read one resolved description.
import type { FileStorage } from '../files/file-storage.ts';
import type { ModelMeta } from '../schema/types.ts';
import { AdminConfigError } from './config-error.ts';

export interface FileFieldOptions {
  /** Where the files go (`new LocalStorage('uploads')`, `new S3Storage({...})`, or your own FileStorage). */
  storage: FileStorage;
  /** Types accepted, as read from the file's bytes: `['image/*']`, `['application/pdf']`. Default: any recognised type. */
  accept?: readonly string[];
  /** The largest file in bytes. Default: the admin's `maxUploadBytes`. */
  maxBytes?: number;
}

export interface ResolvedFileField {
  storage: FileStorage;
  accept: readonly string[];
  maxBytes: number | null;
}

export function resolveFileFields(model: ModelMeta, admin: { fileFields?: Record<string, FileFieldOptions>; listEditable?: string[] }): ReadonlyMap<string, ResolvedFileField> {
  const result = new Map<string, ResolvedFileField>();
  const strings = model.fields.filter((f) => f.kind === 'scalar' && f.type === 'String' && !f.isList && !f.isId).map((f) => f.name);
  for (const [name, options] of Object.entries(admin.fileFields ?? {})) {
    if (!strings.includes(name)) throw new AdminConfigError(model.name, 'fileFields', name, strings);
    const storage = options?.storage;
    if (!storage || typeof storage.put !== 'function' || typeof storage.get !== 'function' || typeof storage.delete !== 'function') {
      throw new Error(`${model.name}Admin.fileFields.${name}: \`storage\` must be a FileStorage (put, get, delete, url), such as new LocalStorage('uploads').`);
    }
    if ((admin.listEditable ?? []).includes(name)) throw new Error(`${model.name}Admin.fileFields.${name}: a file field cannot be in listEditable (files are uploaded in the form).`);
    const maxBytes = options.maxBytes ?? null;
    if (maxBytes !== null && !(Number.isSafeInteger(maxBytes) && maxBytes > 0)) throw new Error(`${model.name}Admin.fileFields.${name}: maxBytes must be a positive whole number of bytes.`);
    result.set(name, { storage, accept: [...(options.accept ?? [])], maxBytes });
  }
  return result;
}
