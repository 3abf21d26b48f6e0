import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { z } from 'zod';
import { environment, type Environment } from './environment';
import { s3ClientOptions } from './uploads';
import { expiringToken } from './link-tokens';
import { onFirstUse } from './on-first-use';

/**
 * Files that are personal data (the attachments of a person's reply): never in the Media Library,
 * never at a public URL. On S3 they are objects without a public ACL under `private/` of
 * S3_PRIVATE_BUCKET (default S3_BUCKET); otherwise files under PRIVATE_FILES_DIR (default
 * data/private-files, beside the SQLite database). A logged-in guide gets a link that works for
 * DOWNLOAD_LINK_TTL_MS: a presigned S3 URL, or a signed path of the CMS (`/tasteget/files/<token>`).
 * Deleting the record they belong to deletes them (`removePrivateFiles`).
 */
const privateFile = z.object({
  key: z.string().min(1),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int().min(0),
});
export type PrivateFile = z.infer<typeof privateFile>;

/** The files a record's JSON field names (anything else there names none). */
export function privateFilesIn(value: unknown): PrivateFile[] {
  const parsed = z.array(privateFile).safeParse(value);
  return parsed.success ? parsed.data : [];
}

export const DOWNLOAD_LINK_TTL_MS = 5 * 60_000;
/** The CMS route that serves a private file from disk to the holder of a signed link. */
export const PRIVATE_FILE_ROUTE = '/tasteget/files';

const S3_PREFIX = 'private/';

// Only when S3 is configured: a CMS on disk storage (the embedded default) never needs the SDK.
const s3Sdk = onFirstUse<typeof import('@aws-sdk/client-s3')>('@aws-sdk/client-s3');
const presigner = onFirstUse<typeof import('@aws-sdk/s3-request-presigner')>('@aws-sdk/s3-request-presigner');

let client: { key: string; s3: S3Client } | undefined;
function s3(env: Environment) {
  const key = JSON.stringify([env.S3_ENDPOINT, env.S3_REGION, env.S3_ACCESS_KEY_ID]);
  if (client?.key !== key) client = { key, s3: new (s3Sdk().S3Client)(s3ClientOptions(env)) };
  return client.s3;
}

const privateBucket = (env: Environment) => env.S3_PRIVATE_BUCKET ?? env.S3_BUCKET!;

/** A path below the root, whatever the key says. */
function diskPath(env: Environment, key: string) {
  const root = path.resolve(env.PRIVATE_FILES_DIR);
  const full = path.resolve(root, key);
  if (!full.startsWith(`${root}${path.sep}`)) throw new Error(`Not a private file key: ${key}`);
  return full;
}

/** A file name that is safe in a key and a Content-Disposition, and still recognisable. */
export function safeFilename(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[/\\?%*:|"<>\p{Cc}]/gu, '_')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 100);
  return cleaned || 'bilaga';
}

export async function storePrivateFile(
  folder: string,
  file: { filename: string; contentType: string; content: Buffer },
  env = environment(),
): Promise<PrivateFile> {
  const filename = safeFilename(file.filename);
  const key = `${folder}/${randomUUID()}/${filename}`;
  if (env.S3_BUCKET) {
    await s3(env).send(
      new (s3Sdk().PutObjectCommand)({
        Bucket: privateBucket(env),
        Key: `${S3_PREFIX}${key}`,
        Body: file.content,
        ContentType: file.contentType,
        // Buckets without ACLs (S3_ACL=none) refuse the header; their objects are private unless a
        // bucket policy says otherwise, and then S3_PRIVATE_BUCKET must name another bucket.
        ...(env.S3_ACL === 'none' ? {} : { ACL: 'private' as const }),
      }),
    );
  } else {
    const target = diskPath(env, key);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, file.content, { mode: 0o600 });
  }
  return { key, filename, contentType: file.contentType, size: file.content.length };
}

/** A link to download the file, valid for DOWNLOAD_LINK_TTL_MS: absolute on S3, else relative to the CMS. */
export async function privateFileLink(file: PrivateFile, env = environment()): Promise<string> {
  if (env.S3_BUCKET) {
    return presigner().getSignedUrl(
      s3(env),
      new (s3Sdk().GetObjectCommand)({
        Bucket: privateBucket(env),
        Key: `${S3_PREFIX}${file.key}`,
        ResponseContentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      }),
      { expiresIn: DOWNLOAD_LINK_TTL_MS / 1000 },
    );
  }
  // Relative: the admin that asked is served by this CMS, whatever address it was reached at.
  const token = expiringToken('private-file', JSON.stringify(file), DOWNLOAD_LINK_TTL_MS);
  return `${PRIVATE_FILE_ROUTE}/${token}`;
}

/** The bytes of a file on disk (the signed CMS route); null when it is gone. */
export async function readPrivateFile(key: string, env = environment()): Promise<Buffer | null> {
  return fs.readFile(diskPath(env, key)).catch(() => null);
}

export async function removePrivateFiles(files: readonly PrivateFile[], env = environment()) {
  if (files.length === 0) return;
  if (env.S3_BUCKET) {
    await s3(env).send(
      new (s3Sdk().DeleteObjectsCommand)({
        Bucket: privateBucket(env),
        Delete: { Objects: files.map((f) => ({ Key: `${S3_PREFIX}${f.key}` })) },
      }),
    );
    return;
  }
  for (const file of files) {
    const target = diskPath(env, file.key);
    await fs.rm(path.dirname(target), { recursive: true, force: true });
  }
}
