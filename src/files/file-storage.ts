// Where uploaded files live. The admin stores a file's key in a String field and reads the file back through this
// interface only, so a disk, a bucket or the user's own storage are interchangeable.
import type { Readable } from 'node:stream';

/** The bytes to store: a buffer, or a stream read to its end. */
export type FileBody = Buffer | Uint8Array | Readable;

export interface StoredFile {
  body: Readable;
  /** The stored type, or application/octet-stream when the storage does not know it. */
  contentType: string;
  /** Bytes, when the storage knows them. */
  size?: number;
}

export interface FileStorage {
  /** Writes `body` under `key`, replacing a file of that key. */
  put(key: string, body: FileBody, options: { contentType: string }): Promise<void>;
  /** The file of `key`, or null when there is none. */
  get(key: string): Promise<StoredFile | null>;
  /** Removes the file of `key`; a missing file is not an error. */
  delete(key: string): Promise<void>;
  /**
   * A public address of the file for the user's own site, or null when the storage has none. The admin never links
   * to it: it serves files itself, after checking the view permission.
   */
  url(key: string): string | null;
}

export async function bodyBytes(body: FileBody): Promise<Buffer> {
  if (Buffer.isBuffer(body)) return body;
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}
