import { smtpConnection } from '@tasteget/shared';
import { environment } from '../src/platform/environment';
import { UPLOAD_SIZE_LIMIT, UPLOAD_TYPES, uploadProvider } from '../src/platform/uploads';

export default () => {
  const env = environment();
  return {
    'users-permissions': { config: { jwtSecret: env.JWT_SECRET } },
    email: {
      config: {
        provider: 'nodemailer',
        providerOptions: {
          ...smtpConnection(env),
          // One pool of reused connections: the outbox sends many small mails in a row.
          pool: true,
          maxConnections: 3,
          maxMessages: 1000,
        },
        settings: { defaultFrom: env.MAIL_FROM, defaultReplyTo: env.MAIL_REPLY_TO },
      },
    },
    upload: {
      config: {
        sizeLimit: UPLOAD_SIZE_LIMIT,
        // The site makes its own responsive variants at build time; two sizes are enough here.
        breakpoints: { small: 640, large: 1600 },
        // Pictures and the magazine's PDF, nothing a browser would run: uploads are served from the
        // CMS's own origin on the embedded defaults, where an HTML, SVG or script file would run
        // with the admin's cookies. Strapi checks the file's bytes as well as its name.
        security: { allowedTypes: UPLOAD_TYPES },
        ...uploadProvider(env),
      },
    },
  };
};
