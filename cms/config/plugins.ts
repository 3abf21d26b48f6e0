import { smtpConnection } from '@tasteget/shared';
import { environment } from '../src/platform/environment';
import { uploadProvider } from '../src/platform/uploads';

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
        sizeLimit: 25 * 1024 * 1024,
        // The site makes its own responsive variants at build time; two sizes are enough here.
        breakpoints: { small: 640, large: 1600 },
        ...uploadProvider(env),
      },
    },
  };
};
