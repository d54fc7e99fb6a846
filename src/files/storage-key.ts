// Storage keys are made by the admin, never taken from a client: a model/field folder, a random name and the
// extension of the sniffed type. Every storage checks a key again before use, so a key from a tampered database row
// cannot reach outside its directory or bucket prefix.
import { randomUUID } from 'node:crypto';

const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
export const MAX_KEY_LENGTH = 512;

export class UnsafeKeyError extends Error {
  constructor(key: string) {
    super(`Unsafe storage key “${key.slice(0, 100)}”: keys are slash-separated segments of letters, digits, “_”, “-” and “.”, none of them “.” or “..”.`);
  }
}

export function isSafeKey(key: string): boolean {
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) return false;
  return key.split('/').every((segment) => SEGMENT.test(segment) && segment !== '.' && segment !== '..');
}

export function assertSafeKey(key: string): string {
  if (!isSafeKey(key)) throw new UnsafeKeyError(key);
  return key;
}

/** A readable, safe slug of the person's file name (markup and paths dropped), at most 40 characters. */
export function fileNameSlug(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  const stem = base.replace(/\.[^.]*$/, '');
  return stem.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase().slice(0, 40);
}

/** `post/cover/2f1c…-my-photo.png`: unique, so that a replaced file and its successor never share a key. */
export function newFileKey(folder: string[], filename: string, extension: string): string {
  const slug = fileNameSlug(filename);
  const name = `${randomUUID()}${slug ? `-${slug}` : ''}.${extension.replace(/[^A-Za-z0-9]/g, '')}`;
  return assertSafeKey([...folder.map((part) => part.replace(/[^A-Za-z0-9_-]+/g, '_')), name].join('/'));
}

/** Where an image's thumbnail is kept, beside it. */
export function thumbnailKey(key: string): string {
  return `${key}.thumb.webp`;
}
