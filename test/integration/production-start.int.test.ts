import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CMS_DIR, ROOT } from '../support/paths';

/** Runs `strapi start` in production mode and returns how it ended. */
function startInProduction(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [path.join(ROOT, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'start'],
      {
        cwd: CMS_DIR,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          NODE_ENV: 'production',
          STRAPI_TELEMETRY_DISABLED: 'true',
          DATABASE_FILENAME: path.join(ROOT, '.tmp', 'never-created.db'),
          PORT: '0',
          ...env,
        },
      },
    );
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('production start', () => {
  it('refuses to start without secrets and names the missing variables', async () => {
    const { code, output } = await startInProduction({});
    expect(code).not.toBe(0);
    expect(code).not.toBeNull(); // ended by itself, not by the timeout
    for (const name of ['APP_KEYS', 'ADMIN_JWT_SECRET', 'API_TOKEN_SALT', 'JWT_SECRET'])
      expect(output).toContain(name);
    expect(output).not.toContain('Strapi started successfully');
  });

  it('refuses the development defaults and names the variable', async () => {
    const own = (name: string) => `${name.toLowerCase()}-own-secret-0123456789`;
    const { code, output } = await startInProduction({
      APP_KEYS: `${own('a')},${own('b')}`,
      API_TOKEN_SALT: own('API_TOKEN_SALT'),
      ADMIN_JWT_SECRET: 'dev-only-admin-jwt-secret',
      TRANSFER_TOKEN_SALT: own('TRANSFER_TOKEN_SALT'),
      JWT_SECRET: own('JWT_SECRET'),
      ENCRYPTION_KEY: own('ENCRYPTION_KEY'),
      PORTAL_TOKEN_SECRET: own('PORTAL_TOKEN_SECRET'),
    });
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(output).toContain('ADMIN_JWT_SECRET is set to a development default');
    expect(output).not.toContain('APP_KEYS is');
    // No public address given: the default http:// one would put http links in real mail.
    expect(output).toContain('PUBLIC_URL is required in production');
  });
});
