// LocalStorage on a real temporary directory: round trips, deletes, and keys that try to leave the directory.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { LocalStorage } from '../../../src/files/local-storage.ts';
import { bodyBytes } from '../../../src/files/file-storage.ts';
import { pngImage } from './images.ts';

describe('LocalStorage', () => {
  let root: string;
  let storage: LocalStorage;
  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'pas-local-'));
    storage = new LocalStorage({ directory: path.join(root, 'uploads'), publicUrl: 'https://cdn.example/media/' });
  });
  after(() => rm(root, { recursive: true, force: true }));

  test('puts, gets (type read from the bytes) and deletes a file', async () => {
    const png = await pngImage(8, 4);
    await storage.put('post/cover/a.png', png, { contentType: 'image/png' });
    const stored = await storage.get('post/cover/a.png');
    assert.ok(stored);
    assert.equal(stored.contentType, 'image/png');
    assert.equal(stored.size, png.length);
    assert.deepEqual(await bodyBytes(stored.body), png);
    await storage.delete('post/cover/a.png');
    assert.equal(await storage.get('post/cover/a.png'), null);
    await storage.delete('post/cover/a.png'); // twice: not an error
  });

  test('a stream is stored whole, and no partial file is left behind', async () => {
    await storage.put('docs/b.bin', Readable.from([Buffer.from('ab'), Buffer.from('cd')]), { contentType: 'application/octet-stream' });
    const stored = await storage.get('docs/b.bin');
    assert.equal((await bodyBytes(stored!.body)).toString(), 'abcd');
    assert.equal(stored!.contentType, 'application/octet-stream');
    assert.deepEqual(await readdir(path.join(root, 'uploads', 'docs')), ['b.bin']);
  });

  test('keys that lead outside the directory are refused by every method', async () => {
    await writeFile(path.join(root, 'secret.txt'), 'secret');
    for (const key of ['../secret.txt', 'a/../../secret.txt', path.join(root, 'secret.txt'), '..', 'a\\..\\..\\secret.txt']) {
      await assert.rejects(storage.get(key), /Unsafe storage key/, key);
      await assert.rejects(storage.put(key, Buffer.from('x'), { contentType: 'text/plain' }), /Unsafe storage key/, key);
      await assert.rejects(storage.delete(key), /Unsafe storage key/, key);
      assert.throws(() => storage.url(key), /Unsafe storage key/, key);
    }
    assert.deepEqual((await readdir(root)).sort(), ['secret.txt', 'uploads']);
  });

  test('url() is the public address when one is configured, else null', () => {
    assert.equal(storage.url('post/cover/a b.png'.replace(' ', '_')), 'https://cdn.example/media/post/cover/a_b.png');
    assert.equal(new LocalStorage(root).url('a.png'), null);
  });
});
