// The default storage: files in one directory of the local disk. Writes go to a temporary file renamed into place, so
// a reader never sees half a file.
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileTypeFromFile } from 'file-type';
import { bodyBytes, type FileBody, type FileStorage, type StoredFile } from './file-storage.ts';
import { assertSafeKey } from './storage-key.ts';

export interface LocalStorageOptions {
  /** The directory of the files (created when missing). */
  directory: string;
  /** The public address of the directory on the user's site, for `url(key)`; without it `url` is null. */
  publicUrl?: string;
}

export class LocalStorage implements FileStorage {
  readonly directory: string;
  private readonly publicUrl?: string;

  constructor(options: LocalStorageOptions | string) {
    const { directory, publicUrl } = typeof options === 'string' ? { directory: options, publicUrl: undefined } : options;
    this.directory = path.resolve(directory);
    this.publicUrl = publicUrl?.replace(/\/+$/, '');
  }

  /** The file's path, after checking that it stays inside the directory whatever the key says. */
  pathOf(key: string): string {
    const file = path.resolve(this.directory, assertSafeKey(key));
    if (!file.startsWith(this.directory + path.sep)) throw new Error(`The storage key “${key}” leads outside ${this.directory}.`);
    return file;
  }

  async put(key: string, body: FileBody, _options?: { contentType: string }): Promise<void> {
    const file = this.pathOf(key);
    await mkdir(path.dirname(file), { recursive: true });
    const temporary = `${file}.${randomUUID()}.partial`;
    try {
      await writeFile(temporary, await bodyBytes(body));
      await rename(temporary, file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<StoredFile | null> {
    const file = this.pathOf(key);
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return null;
    // The disk keeps no type: read it from the bytes, as the upload was checked.
    const type = await fileTypeFromFile(file).catch(() => undefined);
    return { body: createReadStream(file), contentType: type?.mime ?? 'application/octet-stream', size: info.size };
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  url(key: string): string | null {
    return this.publicUrl ? `${this.publicUrl}/${assertSafeKey(key).split('/').map(encodeURIComponent).join('/')}` : null;
  }
}
