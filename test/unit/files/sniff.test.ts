// Types are read from the bytes: a file's name and the browser's claim play no part.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import sharp from 'sharp';
import { isAccepted, isInlineImage, sniffType } from '../../../src/files/sniff.ts';
import { makeThumbnail, THUMBNAIL_SIZE } from '../../../src/files/thumbnail.ts';
import { pngImage } from './images.ts';

describe('sniffing', () => {
  test('a PNG is a PNG, an HTML page or an SVG has no sniffed type at all', async () => {
    assert.deepEqual(await sniffType(await pngImage(2, 2)), { mime: 'image/png', extension: 'png' });
    assert.equal(await sniffType(Buffer.from('<!doctype html><script>alert(1)</script>')), null);
    assert.equal(await sniffType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')), null);
    assert.deepEqual(await sniffType(Buffer.from('%PDF-1.4\n%âãÏÓ\n')), { mime: 'application/pdf', extension: 'pdf' });
  });

  test('accept patterns: families, exact types, and empty for any', () => {
    assert.equal(isAccepted('image/png', ['image/*']), true);
    assert.equal(isAccepted('application/pdf', ['image/*']), false);
    assert.equal(isAccepted('application/pdf', ['image/*', 'application/pdf']), true);
    assert.equal(isAccepted('imagex/png', ['image/*']), false);
    assert.equal(isAccepted('application/zip', []), true);
  });

  test('only raster images the browser shows are inline', () => {
    assert.equal(isInlineImage('image/png'), true);
    assert.equal(isInlineImage('image/svg+xml'), false);
    assert.equal(isInlineImage('application/pdf'), false);
  });
});

describe('thumbnails', () => {
  test('fit inside the thumbnail size, as WebP, keeping the aspect ratio', async () => {
    const thumb = await makeThumbnail(await pngImage(800, 400));
    const meta = await sharp(thumb!).metadata();
    assert.equal(meta.format, 'webp');
    assert.equal(meta.width, THUMBNAIL_SIZE);
    assert.equal(meta.height, THUMBNAIL_SIZE / 2);
  });

  test('a small image is not enlarged; bytes that are no image give null', async () => {
    const meta = await sharp((await makeThumbnail(await pngImage(20, 10)))!).metadata();
    assert.equal(meta.width, 20);
    assert.equal(await makeThumbnail(Buffer.from('not an image')), null);
  });
});
