// Thumbnails with sharp (libvips): fast, maintained, and it decodes the image in a separate thread pool, so a big
// upload does not block other requests. Loaded at the first thumbnail (libvips takes ~0.1 s to load), not at start-up.
import type Sharp from 'sharp';

let sharpModule: Promise<typeof Sharp> | undefined;
const loadSharp = () => (sharpModule ??= import('sharp').then((module) => module.default));

export const THUMBNAIL_SIZE = 160;

/** A WebP at most THUMBNAIL_SIZE pixels on its longer side, rotated as its EXIF says; null when it cannot be decoded. */
export async function makeThumbnail(image: Uint8Array): Promise<Buffer | null> {
  const sharp = await loadSharp();
  try {
    // limitInputPixels: a small file that claims a giant canvas (a decompression bomb) is refused, not decoded.
    return await sharp(image, { limitInputPixels: 100_000_000, animated: false })
      .rotate()
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer();
  } catch {
    return null;
  }
}
