import { describe, expect, it } from 'vitest';
import {
  DEVELOPMENT_SECRETS,
  EnvironmentError,
  SECRET_NAMES,
  parseEnvironment,
} from '../../cms/src/platform/environment';

const strongSecrets = {
  ...Object.fromEntries(
    SECRET_NAMES.map((name) => [
      name,
      name === 'APP_KEYS'
        ? 'k1-0123456789abcdef,k2-0123456789abcdef'
        : `${name.toLowerCase()}-0123456789abcdef`,
    ]),
  ),
  PUBLIC_URL: 'https://cms.tasteget.nu',
  SITE_URL: 'https://tasteget.nu',
};

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    parseEnvironment(env);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvironmentError);
    return (error as EnvironmentError).problems;
  }
  return [];
}

describe('CMS environment', () => {
  it('runs on embedded defaults in development: SQLite under data/, the local mail catcher', () => {
    const env = parseEnvironment({});
    expect(env.NODE_ENV).toBe('development');
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.DATABASE_FILENAME).toMatch(/[\\/]data[\\/]tasteget\.db$/);
    expect(env.DATABASE_FILENAME).not.toMatch(/[\\/]cms[\\/]/);
    expect(env.SMTP_HOST).toBe('127.0.0.1');
    expect(env.SMTP_PORT).toBe(1025);
    expect(env.APP_KEYS).toEqual(DEVELOPMENT_SECRETS.APP_KEYS.split(','));
    expect(env.SEED_ON_EMPTY).toBe(true);
    expect(env.PUBLIC_URL).toBe('http://127.0.0.1:1337');
  });

  it('refuses production with missing secrets and names every one', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    for (const name of SECRET_NAMES) {
      expect(problems.some((p) => p.startsWith(`${name} is required`))).toBe(true);
    }
  });

  it('refuses production with an http:// or missing public address, and names the variable', () => {
    expect(
      problemsOf({ ...strongSecrets, NODE_ENV: 'production', PUBLIC_URL: 'http://cms.tasteget.nu' }),
    ).toEqual(['PUBLIC_URL must be an https:// URL in production (it is http://cms.tasteget.nu)']);
    expect(problemsOf({ ...strongSecrets, NODE_ENV: 'production', SITE_URL: 'http://tasteget.nu' })).toEqual([
      'SITE_URL must be an https:// URL in production (it is http://tasteget.nu)',
    ]);
    expect(problemsOf({ ...strongSecrets, NODE_ENV: 'production', PUBLIC_URL: '' })).toEqual([
      'PUBLIC_URL is required in production: the https:// address of the CMS',
    ]);
    // Outside production, http on a local machine is fine.
    expect(problemsOf({ PUBLIC_URL: 'http://127.0.0.1:1337' })).toEqual([]);
  });

  it('refuses production with a development default and names that variable only', () => {
    const problems = problemsOf({
      ...strongSecrets,
      NODE_ENV: 'production',
      ADMIN_JWT_SECRET: DEVELOPMENT_SECRETS.ADMIN_JWT_SECRET,
    });
    expect(problems).toEqual(['ADMIN_JWT_SECRET is set to a development default; set a secret of your own']);
  });

  it('refuses production with a short secret', () => {
    expect(problemsOf({ ...strongSecrets, NODE_ENV: 'production', JWT_SECRET: 'short' })).toEqual([
      'JWT_SECRET is too short (at least 16 characters)',
    ]);
  });

  it('starts in production with secrets of its own, without seeding demo content', () => {
    const env = parseEnvironment({ ...strongSecrets, NODE_ENV: 'production' });
    expect(env.isProduction).toBe(true);
    expect(env.SEED_ON_EMPTY).toBe(false);
    expect(env.APP_KEYS).toHaveLength(2);
  });

  it('switches to PostgreSQL with DATABASE_URL and rejects other URLs', () => {
    expect(parseEnvironment({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/x' }).DATABASE_URL).toBe(
      'postgres://u@127.0.0.1:5432/x',
    );
    expect(problemsOf({ DATABASE_URL: 'mysql://u@h/x' })).toEqual([
      'DATABASE_URL: must be a postgres:// URL',
    ]);
  });

  it('names malformed variables', () => {
    const problems = problemsOf({ PORT: 'eighty', SMTP_SECURE: 'maybe', SITE_URL: 'not a url' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['PORT', 'SITE_URL', 'SMTP_SECURE']);
  });

  it('reads CORS origins as a list', () => {
    expect(parseEnvironment({ CORS_ORIGINS: 'https://a.example, https://b.example,' }).CORS_ORIGINS).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
  });

  it('reads the newsletter sender and worker in the same parse, flags spelled as everywhere', () => {
    const env = parseEnvironment({ NEWSLETTER_WORKER: 'no', NEWSLETTER_POOL_SIZE: '3', SMTP_SECURE: 'yes' });
    expect(env).toMatchObject({ NEWSLETTER_WORKER: false, NEWSLETTER_POOL_SIZE: 3, SMTP_SECURE: true });
    expect(problemsOf({ NEWSLETTER_POOL_SIZE: '500' }).map((p) => p.split(':')[0])).toEqual([
      'NEWSLETTER_POOL_SIZE',
    ]);
    expect(problemsOf({ DKIM_DOMAIN: 'tasteget.example' })).toEqual([
      'DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY go together',
    ]);
  });
});
