// The type of an upload is read from its bytes (file-type's magic numbers), never from the name or the type the
// browser sent: an HTML page renamed to .png is refused. Types without magic numbers (plain text, HTML, SVG) are
// never accepted, so a served file cannot be run as a page.
import { fileTypeFromBuffer } from 'file-type';

export interface SniffedType {
  mime: string;
  extension: string;
}

export async function sniffType(data: Uint8Array): Promise<SniffedType | null> {
  const type = await fileTypeFromBuffer(data);
  return type ? { mime: type.mime, extension: type.ext } : null;
}

/** `accept` as in an input's attribute: exact types (`application/pdf`) or families (`image/*`). Empty accepts any. */
export function isAccepted(mime: string, accept: readonly string[]): boolean {
  if (accept.length === 0) return true;
  return accept.some((pattern) => pattern.endsWith('/*') ? mime.startsWith(pattern.slice(0, -1)) : mime === pattern);
}

/** Images the browser shows inline (and sharp can make a thumbnail of); others are served as downloads. */
const INLINE_IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif']);

export function isInlineImage(mime: string): boolean {
  return INLINE_IMAGES.has(mime);
}

const INLINE_EXTENSIONS = new Set(['png', 'jpg', 'gif', 'webp', 'avif']);

/** Whether a key the admin made (its extension is the sniffed type's) is an image with a thumbnail beside it. */
export function isImageKey(key: string): boolean {
  return INLINE_EXTENSIONS.has(key.slice(key.lastIndexOf('.') + 1));
}
