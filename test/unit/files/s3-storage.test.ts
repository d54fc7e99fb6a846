// S3Storage through the real AWS SDK against s3rver, a local S3-compatible server from npm, on a temporary directory.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { S3Storage } from '../../../src/files/s3-storage.ts';
import { bodyBytes } from '../../../src/files/file-storage.ts';
import { pngImage } from './images.ts';

describe('S3Storage (s3rver)', () => {
  let root: string;
  let server: S3rver;
  let client: S3Client;
  let storage: S3Storage;
  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'pas-s3-'));
    server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: root });
    const { port } = await server.run();
    client = new S3Client({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    await client.send(new CreateBucketCommand({ Bucket: 'admin-files' }));
    storage = new S3Storage({ client, bucket: 'admin-files', prefix: '/uploads/', publicUrl: 'https://cdn.example/' });
  });
  after(async () => {
    client.destroy();
    await server.close();
    await rm(root, { recursive: true, force: true });
  });

  test('puts under the prefix, gets the bytes and the stored type, deletes', async () => {
    const png = await pngImage(6, 6);
    await storage.put('post/cover/a.png', png, { contentType: 'image/png' });
    const listed = await client.send(new ListObjectsV2Command({ Bucket: 'admin-files' }));
    assert.deepEqual(listed.Contents?.map((o) => o.Key), ['uploads/post/cover/a.png']);
    const stored = await storage.get('post/cover/a.png');
    assert.equal(stored?.contentType, 'image/png');
    assert.equal(stored?.size, png.length);
    assert.deepEqual(await bodyBytes(stored!.body), png);
    await storage.delete('post/cover/a.png');
    assert.equal(await storage.get('post/cover/a.png'), null);
  });

  test('a missing key is null; unsafe keys never reach the bucket', async () => {
    assert.equal(await storage.get('post/cover/none.png'), null);
    await assert.rejects(storage.get('../other-prefix/x'), /Unsafe storage key/);
    await assert.rejects(storage.put('a/../../x', Buffer.from('x'), { contentType: 'text/plain' }), /Unsafe storage key/);
  });

  test('url() joins the public address and the object key', () => {
    assert.equal(storage.url('post/cover/a.png'), 'https://cdn.example/uploads/post/cover/a.png');
    assert.equal(new S3Storage({ client, bucket: 'admin-files' }).url('a.png'), null);
  });
});
