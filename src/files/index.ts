export type { FileBody, FileStorage, StoredFile } from './file-storage.ts';
export { LocalStorage, type LocalStorageOptions } from './local-storage.ts';
export { S3Storage, type S3ClientLike, type S3StorageOptions } from './s3-storage.ts';
