// Storage keys: only the admin makes them, and every storage refuses one that could leave its directory.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fileNameSlug, isSafeKey, newFileKey, thumbnailKey } from '../../../src/files/storage-key.ts';

describe('storage keys', () => {
  test('refuses traversal, absolute paths, empty segments, backslashes and odd characters', () => {
    for (const key of ['', '../x', 'a/../../x', '/etc/passwd', 'a//b', 'a/./b', '..', '.', 'a\\..\\b', 'a/b\0c', 'C:/x', 'a/ b', '.hidden', 'x'.repeat(513), 'a/<b>.png']) {
      assert.equal(isSafeKey(key), false, key);
    }
  });

  test('accepts the keys the admin makes', () => {
    assert.equal(isSafeKey('post/cover/abc-def.png'), true);
    assert.equal(isSafeKey(thumbnailKey('post/cover/abc.png')), true);
  });

  test('a new key has the folder, a unique name, a slug of the file name and the sniffed extension', () => {
    const key = newFileKey(['post', 'cover'], '../../My Photo <script>.PNG', 'png');
    assert.match(key, /^post\/cover\/[0-9a-f-]{36}-my-photo-script\.png$/);
    assert.notEqual(newFileKey(['post', 'cover'], 'a.png', 'png'), newFileKey(['post', 'cover'], 'a.png', 'png'));
    assert.equal(isSafeKey(newFileKey(['we ird/..', 'f'], '', 'p"ng')), true);
  });

  test('the slug drops markup, paths and the extension', () => {
    assert.equal(fileNameSlug('C:\\Users\\x\\<img src=x onerror=alert(1)>.png'), 'img-src-x-onerror-alert-1');
    assert.equal(fileNameSlug('.png'), '');
  });
});
