import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { CMS_DIR } from './paths';
import { createTestDatabase, type TestDatabase } from './database';

// The ESM build of @strapi/strapi fails under vitest: load the CommonJS one.
const require = createRequire(import.meta.url);
const { bootStrapi } = require(path.join(CMS_DIR, 'scripts', 'headless.js')) as {
  bootStrapi(options: {
    listen?: boolean;
    logLevel?: string;
    serveAdminPanel?: boolean;
  }): Promise<Core.Strapi>;
};

export interface TestStrapi {
  strapi: Core.Strapi;
  /** Base URL of the running HTTP server, e.g. http://127.0.0.1:41234 */
  url: string;
  database: TestDatabase;
  stop(): Promise<void>;
}

/**
 * Boots a real Strapi on a fresh database, listening on a free port of 127.0.0.1.
 * `env` overrides environment variables for this boot (e.g. SEED_ON_EMPTY); `serveAdminPanel`
 * serves the built admin panel (see admin-build-setup.ts).
 */
export async function startStrapi(
  env: Record<string, string> = {},
  options: { serveAdminPanel?: boolean; database?: TestDatabase } = {},
): Promise<TestStrapi> {
  const database = options.database ?? (await createTestDatabase());
  Object.assign(process.env, {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    SEED_ON_EMPTY: 'false',
    STRAPI_TELEMETRY_DISABLED: 'true',
    DATABASE_FILENAME: '',
    // Mail goes nowhere unless the test gives its own SMTP server: never into a mail catcher a
    // developer runs on the default port (1025). Port 9 (discard) refuses at once.
    SMTP_PORT: '9',
    ...database.env,
    ...env,
  });
  const { database: _database, ...bootOptions } = options;
  const strapi = await bootStrapi({ listen: true, logLevel: 'warn', ...bootOptions });
  const { port } = strapi.server.httpServer.address() as AddressInfo;
  return {
    strapi,
    url: `http://127.0.0.1:${port}`,
    database,
    async stop() {
      await strapi.destroy();
      await database.drop();
    },
  };
}
