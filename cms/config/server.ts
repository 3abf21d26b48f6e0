import { environment } from '../src/platform/environment';

export default () => {
  const env = environment();
  return {
    host: env.HOST,
    port: env.PORT,
    url: env.PUBLIC_URL,
    app: { keys: env.APP_KEYS },
    // Behind a reverse proxy the visitor's IP (for rate limits) comes from X-Forwarded-For, counted
    // from the right: the leftmost entry is whatever the client sent, and would dodge every limit.
    proxy: { koa: env.TRUST_PROXY, maxIpsCount: env.TRUST_PROXY_HOPS },
    http: { serverOptions: { keepAliveTimeout: env.HTTP_KEEP_ALIVE_SECONDS * 1000 } },
    // Jobs are added in the bootstrap (src/index.ts).
    cron: { enabled: true },
  };
};
