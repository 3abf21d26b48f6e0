import { fieldLabelsByType } from '../src/bootstrap/admin-labels';
import { environment } from '../src/platform/environment';
import { UPLOAD_SIZE_LIMIT, mediaOrigins } from '../src/platform/uploads';

export default () => {
  const env = environment();
  return [
    'strapi::logger',
    // Outside the error middleware, so it reads the answer as Strapi wrote it.
    'global::asked-language',
    'strapi::errors',
    'global::malformed-query',
    {
      // Strapi's refusals and validation answers in the admin's style, fields named by their labels.
      name: 'global::plain-refusals',
      config: { fieldLabels: fieldLabelsByType() },
    },
    {
      name: 'strapi::security',
      config: {
        contentSecurityPolicy: {
          useDefaults: true,
          directives: {
            // Strapi's defaults, and the storage uploads are served from (S3, a CDN), for the Media Library.
            'img-src': ["'self'", 'data:', 'blob:', 'https://market-assets.strapi.io', ...mediaOrigins(env)],
            'media-src': ["'self'", 'data:', 'blob:', ...mediaOrigins(env)],
            upgradeInsecureRequests: null,
          },
        },
      },
    },
    {
      name: 'strapi::cors',
      config: {
        // The portal and the configured municipal sites; the admin is same-origin.
        origin: [env.SITE_URL, env.PUBLIC_URL, ...env.CORS_ORIGINS],
        methods: ['GET', 'POST', 'HEAD', 'OPTIONS'],
        headers: ['Content-Type', 'Authorization', 'Accept', 'Accept-Language'],
        keepHeadersOnError: true,
      },
    },
    'global::cors-headers',
    // No 'strapi::poweredBy': an answer does not advertise what serves it.
    'strapi::query',
    'global::published-only',
    'global::portal-limits',
    {
      name: 'strapi::body',
      config: {
        formLimit: '256kb',
        jsonLimit: '1mb',
        textLimit: '256kb',
        // No file is larger than the Media Library takes, on any route (formidable's default is 200 MB).
        formidable: { maxFileSize: UPLOAD_SIZE_LIMIT },
      },
    },
    // Removes every file the parser wrote, once the answer is made.
    'global::request-files',
    'global::profile-language',
    'strapi::session',
    'strapi::favicon',
    'strapi::public',
  ];
};
