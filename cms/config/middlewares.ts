import { environment } from '../src/platform/environment';

export default () => {
  const env = environment();
  return [
    'strapi::logger',
    'strapi::errors',
    'strapi::security',
    {
      name: 'strapi::cors',
      config: {
        // The portal and the configured municipal sites; the admin is same-origin.
        origin: [env.SITE_URL, env.PUBLIC_URL, ...env.CORS_ORIGINS],
        methods: ['GET', 'POST', 'HEAD', 'OPTIONS'],
        headers: ['Content-Type', 'Authorization', 'Accept', 'Accept-Language'],
        keepHeaderOnError: true,
      },
    },
    'strapi::poweredBy',
    'strapi::query',
    'global::published-only',
    'global::portal-limits',
    {
      name: 'strapi::body',
      config: { formLimit: '256kb', jsonLimit: '1mb', textLimit: '256kb' },
    },
    'strapi::session',
    'strapi::favicon',
    'strapi::public',
  ];
};
