// Files in an S3-compatible bucket, through the official AWS SDK. The SDK is an optional peer dependency: it is
// loaded when the storage is first used, so an admin that keeps files on disk does not need it installed.
import { Readable } from 'node:stream';
import { bodyBytes, type FileBody, type FileStorage, type StoredFile } from './file-storage.ts';
import { assertSafeKey } from './storage-key.ts';

/** What the storage needs of an `S3Client` (typed structurally, so the SDK's types are not needed to compile). */
export interface S3ClientLike {
  send(command: never): Promise<unknown>;
}

export interface S3StorageOptions {
  /** An `S3Client` of `@aws-sdk/client-s3`, configured with the endpoint, region and credentials. */
  client: S3ClientLike;
  bucket: string;
  /** A folder of the bucket for the admin's files (`uploads/`). */
  prefix?: string;
  /** The public address of the bucket (or its CDN), for `url(key)`; without it `url` is null. */
  publicUrl?: string;
}

type Sdk = typeof import('@aws-sdk/client-s3');
let sdk: Promise<Sdk> | undefined;

function loadSdk(): Promise<Sdk> {
  sdk ??= import('@aws-sdk/client-s3').catch((error: unknown) => {
    sdk = undefined;
    throw new Error(`S3Storage needs the package @aws-sdk/client-s3: npm install @aws-sdk/client-s3 (${(error as Error).message})`);
  });
  return sdk;
}

export class S3Storage implements FileStorage {
  private readonly prefix: string;

  constructor(private readonly options: S3StorageOptions) {
    this.prefix = options.prefix ? `${options.prefix.replace(/^\/+|\/+$/g, '')}/` : '';
  }

  private objectKey(key: string): string {
    return this.prefix + assertSafeKey(key);
  }

  private async send<T>(make: (s3: Sdk) => unknown): Promise<T> {
    const command = make(await loadSdk());
    return (await this.options.client.send(command as never)) as T;
  }

  async put(key: string, body: FileBody, options: { contentType: string }): Promise<void> {
    const bytes = await bodyBytes(body); // a stream of unknown length is refused by PutObject: uploads are small
    await this.send((s3) => new s3.PutObjectCommand({ Bucket: this.options.bucket, Key: this.objectKey(key), Body: bytes, ContentType: options.contentType, ContentLength: bytes.length }));
  }

  async get(key: string): Promise<StoredFile | null> {
    try {
      const object = await this.send<{ Body?: unknown; ContentType?: string; ContentLength?: number }>((s3) => new s3.GetObjectCommand({ Bucket: this.options.bucket, Key: this.objectKey(key) }));
      if (!object.Body) return null;
      const body = object.Body instanceof Readable ? object.Body : Readable.fromWeb(object.Body as never);
      return { body, contentType: object.ContentType ?? 'application/octet-stream', size: object.ContentLength };
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === 'NoSuchKey' || name === 'NotFound') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.send((s3) => new s3.DeleteObjectCommand({ Bucket: this.options.bucket, Key: this.objectKey(key) }));
  }

  url(key: string): string | null {
    const base = this.options.publicUrl?.replace(/\/+$/, '');
    return base ? `${base}/${this.objectKey(key).split('/').map(encodeURIComponent).join('/')}` : null;
  }
}
