// Thumbnails with sharp (libvips): fast, maintained, and it decodes the image in a separate thread pool, so a big
// upload does not block other requests.
import sharp from 'sharp';

export const THUMBNAIL_SIZE = 160;

/** A WebP at most THUMBNAIL_SIZE pixels on its longer side, rotated as its EXIF says; null when it cannot be decoded. */
export async function makeThumbnail(image: Uint8Array): Promise<Buffer | null> {
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
