import { environment } from '../src/config/environment';

export default () => {
  const env = environment();
  return {
    host: env.HOST,
    port: env.PORT,
    url: env.PUBLIC_URL,
    app: { keys: env.APP_KEYS },
    // The register's daily and yearly jobs are added by their own modules.
    cron: { enabled: true },
  };
};
