import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import os from 'node:os';
import { promisify } from 'node:util';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../cms/src/platform/backup';
import { createTestDatabase } from '../support/database';
import { CMS_DIR } from '../support/paths';
import { startPortalStack, type PortalStack } from '../support/portal-stack';
import { startS3, type TestS3 } from '../support/s3';

/**
 * Uploads on S3-compatible storage (a real s3rver): the seeded CMS uploads its images there
 * through Strapi's AWS S3 provider, nothing lands on the local disk, and the portal's build reads
 * the images from the storage (MEDIA_URL) and serves optimised copies of its own.
 */
const run = promisify(execFile);
let s3: TestS3;
let stack: PortalStack;
const localUploads = path.join(CMS_DIR, 'public', 'uploads');
const localBefore = new Set(fs.existsSync(localUploads) ? fs.readdirSync(localUploads) : []);

interface UploadedFile {
  name: string;
  hash: string;
  ext: string;
  url: string;
  provider: string;
  formats: Record<string, { url: string }> | null;
}

beforeAll(async () => {
  s3 = await startS3();
  stack = await startPortalStack(s3.env);
}, 300_000);
afterAll(async () => {
  await stack?.stop();
  await s3?.stop();
});

describe('uploads on S3-compatible storage', () => {
  it('stores every uploaded file and its formats in the bucket, none on the local disk', async () => {
    const files = (await stack.cms.strapi.db.query('plugin::upload.file').findMany({})) as UploadedFile[];
    expect(files.length).toBeGreaterThan(0);
    const keys = new Set(await s3.keys());
    for (const file of files) {
      expect(file.provider, file.name).toBe('aws-s3');
      const urls = [file.url, ...Object.values(file.formats ?? {}).map((f) => f.url)];
      for (const url of urls) {
        expect(url.startsWith(`${s3.env.MEDIA_URL}/`), url).toBe(true);
        expect(keys.has(url.slice(s3.env.MEDIA_URL.length + 1)), url).toBe(true);
      }
      const local = fs.existsSync(localUploads) ? fs.readdirSync(localUploads) : [];
      expect(local.filter((f) => f.includes(file.hash) && !localBefore.has(f))).toEqual([]);
    }
    // The object is the uploaded image, with its type.
    const [first] = files;
    const object = await s3.client.send(
      new GetObjectCommand({ Bucket: s3.bucket, Key: `${first.hash}${first.ext}` }),
    );
    expect(object.ContentType).toMatch(/^image\//);
    expect((await object.Body!.transformToByteArray()).length).toBeGreaterThan(100);
  });

  it('builds the portal from the images in storage, served as optimised copies of the site', async () => {
    const stories = (await stack.cms.strapi.documents('api::story.story').findMany({
      status: 'published',
      locale: 'sv',
      populate: { images: true },
    } as never)) as unknown as { slug: string; images: { url: string }[] | null }[];
    const story = stories.find((s) => s.images?.length);
    expect(story, 'a seeded story with an image').toBeTruthy();
    const page = await fetch(`${stack.siteUrl}/berattelser/${story!.slug}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const src = /<img[^>]+src="(\/_astro\/[^"]+)"/.exec(html)?.[1];
    expect(src, 'an optimised image of the site').toBeTruthy();
    const image = await fetch(`${stack.siteUrl}${src!.replace(/&amp;/g, '&')}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toMatch(/^image\/(webp|avif|jpeg|png)/);
    // Nothing on the page points at the storage: visitors' browsers only talk to the site.
    expect(html).not.toContain(s3.endpoint);
  });

  it('backs the bucket up with the database, and restores it into another bucket', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tasteget-s3-backup-'));
    try {
      const env = { ...stack.cms.database.env, ...s3.env };
      await run(process.execPath, [path.join(CMS_DIR, 'scripts', 'backup.js'), '--to', path.join(dir, 'b')], {
        env: { ...process.env, ...env },
      });
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'b', 'manifest.json'), 'utf8')) as Manifest;
      expect(manifest.uploads.store).toBe('s3');
      expect(manifest.uploads.files.map((f) => f.key).sort()).toEqual((await s3.keys()).sort());

      await s3.client.send(new CreateBucketCommand({ Bucket: 'tasteget-restored' }));
      const fresh = await createTestDatabase();
      try {
        await run(process.execPath, [path.join(CMS_DIR, 'scripts', 'restore.js'), path.join(dir, 'b')], {
          env: { ...process.env, ...s3.env, S3_BUCKET: 'tasteget-restored', ...fresh.env },
        });
      } finally {
        await fresh.drop();
      }
      const restored = await s3.client.send(new ListObjectsV2Command({ Bucket: 'tasteget-restored' }));
      expect((restored.Contents ?? []).map((o) => o.Key).sort()).toEqual(
        manifest.uploads.files.map((f) => f.key).sort(),
      );
      const [first] = manifest.uploads.files;
      const object = await s3.client.send(
        new GetObjectCommand({ Bucket: 'tasteget-restored', Key: first.key }),
      );
      expect(object.ContentType).toBe(first.contentType);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('deletes the object when the file is deleted in the Media Library', async () => {
    const upload = stack.cms.strapi.plugin('upload').service('upload');
    const [file] = (await stack.cms.strapi.db.query('plugin::upload.file').findMany({
      limit: 1,
      orderBy: { id: 'desc' },
    })) as (UploadedFile & { id: number })[];
    const key = file.url.slice(s3.env.MEDIA_URL.length + 1);
    expect(await s3.keys()).toContain(key);
    await upload.remove(file);
    expect(await s3.keys()).not.toContain(key);
  });

  it('keeps private files (mail attachments) under private/, reachable only by a presigned link', async () => {
    const { storePrivateFile, privateFileLink, removePrivateFiles } =
      await import('../../cms/src/platform/private-files');
    const content = Buffer.from('%PDF-1.4 ett CV');
    const file = await storePrivateFile('inbound', {
      filename: 'CV.pdf',
      contentType: 'application/pdf',
      content,
    });
    expect(await s3.keys()).toContain(`private/${file.key}`);
    // Not a Media Library file: nothing of the upload plugin names it.
    const uploads = (await stack.cms.strapi.db.query('plugin::upload.file').findMany({})) as {
      url: string;
    }[];
    expect(uploads.filter((u) => u.url.includes(file.key))).toEqual([]);

    const link = await privateFileLink(file);
    expect(link.startsWith(`${s3.endpoint}/${s3.bucket}/private/`)).toBe(true);
    expect(new URL(link).searchParams.get('X-Amz-Expires')).toBe('300');
    const res = await fetch(link);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(content)).toBe(true);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);

    await removePrivateFiles([file]);
    expect(await s3.keys()).not.toContain(`private/${file.key}`);
  });

  it('backs up a private bucket of its own (S3_PRIVATE_BUCKET) and restores it into the new private bucket', async () => {
    const { storePrivateFile } = await import('../../cms/src/platform/private-files');
    const { environment } = await import('../../cms/src/platform/environment');
    for (const Bucket of ['tasteget-private', 'tasteget-restored-media', 'tasteget-restored-private']) {
      await s3.client.send(new CreateBucketCommand({ Bucket }));
    }
    const content = Buffer.from('%PDF-1.4 ett personligt brev');
    const file = await storePrivateFile(
      'inbound',
      { filename: 'Brev.pdf', contentType: 'application/pdf', content },
      { ...environment(), ...s3.env, S3_PRIVATE_BUCKET: 'tasteget-private' },
    );
    const key = `private/${file.key}`;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tasteget-s3-backup-'));
    try {
      const env = { ...stack.cms.database.env, ...s3.env, S3_PRIVATE_BUCKET: 'tasteget-private' };
      await run(process.execPath, [path.join(CMS_DIR, 'scripts', 'backup.js'), '--to', path.join(dir, 'b')], {
        env: { ...process.env, ...env },
      });
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'b', 'manifest.json'), 'utf8')) as Manifest;
      expect(manifest.privateBucket?.map((f) => f.key)).toEqual([key]);
      // Not among the public uploads.
      expect(manifest.uploads.files.map((f) => f.key)).not.toContain(key);

      const fresh = await createTestDatabase();
      try {
        // A server with nowhere to put private files is refused before anything is written: the
        // restore that follows finds the database still empty (it refuses one with tables).
        await expect(
          run(process.execPath, [path.join(CMS_DIR, 'scripts', 'restore.js'), path.join(dir, 'b')], {
            env: { ...process.env, S3_BUCKET: '', S3_PRIVATE_BUCKET: '', ...fresh.env },
          }),
        ).rejects.toThrow(/private bucket/);
        await run(process.execPath, [path.join(CMS_DIR, 'scripts', 'restore.js'), path.join(dir, 'b')], {
          env: {
            ...process.env,
            ...s3.env,
            S3_BUCKET: 'tasteget-restored-media',
            S3_PRIVATE_BUCKET: 'tasteget-restored-private',
            ...fresh.env,
          },
        });
      } finally {
        await fresh.drop();
      }
      const restored = await s3.client.send(
        new GetObjectCommand({ Bucket: 'tasteget-restored-private', Key: key }),
      );
      expect(Buffer.from(await restored.Body!.transformToByteArray()).equals(content)).toBe(true);
      expect(restored.ContentType).toBe('application/pdf');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
