import type { UID } from '@strapi/strapi';
import { environment } from '../src/platform/environment';
import { previewUrl } from '../src/content/preview/admin-preview';

export default () => {
  const env = environment();
  return {
    auth: { secret: env.ADMIN_JWT_SECRET },
    apiToken: { salt: env.API_TOKEN_SALT },
    transfer: { token: { salt: env.TRANSFER_TOKEN_SALT } },
    secrets: { encryptionKey: env.ENCRYPTION_KEY },
    flags: { nps: false, promoteEE: false },
    // Strapi's preview button: every type on the portal opens there (drafts through a signed,
    // expiring link to its preview page); the admin may frame the portal.
    preview: {
      enabled: true,
      config: {
        allowedOrigins: [new URL(env.SITE_URL).origin],
        handler: (
          uid: UID.ContentType,
          params: { documentId?: string; locale?: string | null; status?: string },
        ) => previewUrl(strapi, uid, params),
      },
    },
  };
};
