// files.ts: a cover image on disk, attachments in an S3-compatible bucket.
import { S3Client } from '@aws-sdk/client-s3';
import { LocalStorage, ModelAdmin, S3Storage } from 'prisma-admin-site';

const covers = new LocalStorage({ directory: 'uploads', publicUrl: 'https://example.com/media' });
const bucket = new S3Storage({
  client: new S3Client({ region: 'eu-west-1' }),  // endpoint, forcePathStyle, credentials: as for any S3Client
  bucket: 'blog-files',
  prefix: 'admin/',
});

class PostAdmin extends ModelAdmin {
  listDisplay = ['title', 'cover'];             // an image field's column shows its thumbnail
  fileFields = {
    cover: { storage: covers, accept: ['image/*'], maxBytes: 2 * 1024 * 1024 },  // String fields: they keep the key
    attachment: { storage: bucket, accept: ['application/pdf'] },
  };
}
