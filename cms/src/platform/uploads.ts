import type { Environment } from './environment';

/**
 * Where uploaded files live: the local disk (Strapi's default, cms/public/uploads) on the embedded
 * defaults, S3-compatible storage when S3_BUCKET is set, through Strapi's own AWS S3 provider. The
 * files are public content (images of published pages), so objects are readable by anyone with
 * the URL; what must stay private never goes through the Media Library.
 */
/**
 * The connection to the S3-compatible storage, for Strapi's provider, the backup and the private
 * files alike. Without keys the SDK finds credentials itself (an instance role).
 */
export function s3ClientOptions(env: Environment) {
  return {
    region: env.S3_REGION,
    ...(env.S3_ENDPOINT ? { endpoint: env.S3_ENDPOINT } : {}),
    forcePathStyle: env.S3_FORCE_PATH_STYLE,
    ...(env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
      ? { credentials: { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY } }
      : {}),
  };
}

/** The largest file the Media Library takes (a magazine's PDF), and the body parser on any route. */
export const UPLOAD_SIZE_LIMIT = 25 * 1024 * 1024;

/** What the Media Library takes: the images the portal shows, and PDF (the magazine). */
export const UPLOAD_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/avif',
  'image/gif',
  'application/pdf',
];

export function uploadProvider(env: Environment) {
  if (!env.S3_BUCKET) return {};
  return {
    provider: 'aws-s3',
    providerOptions: {
      baseUrl: env.MEDIA_URL,
      s3Options: {
        ...s3ClientOptions(env),
        // ACL present but undefined: the provider sends no ACL header (buckets without ACLs).
        params: { Bucket: env.S3_BUCKET, ACL: env.S3_ACL === 'none' ? undefined : env.S3_ACL },
      },
    },
  };
}

/** The origins uploaded files are served from, for the admin's Content-Security-Policy. */
export function mediaOrigins(env: Environment): string[] {
  if (!env.S3_BUCKET) return [];
  const origins = [env.MEDIA_URL, env.S3_ENDPOINT].filter((u): u is string => Boolean(u));
  if (!env.S3_ENDPOINT) origins.push(`https://${env.S3_BUCKET}.s3.${env.S3_REGION}.amazonaws.com`);
  return [...new Set(origins.map((u) => new URL(u).origin))];
}
