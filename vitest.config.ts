import { defineConfig } from 'vitest/config';

/**
 * Two tiers: unit (pure logic, fast) and integration (a real Strapi booted once per suite on a
 * fresh temporary SQLite file, or a fresh PostgreSQL database when DATABASE_URL is set).
 * Threads, not forks: strapi.destroy() removes every process listener, which breaks the forks
 * pool's IPC channel.
 */
export default defineConfig({
  test: {
    pool: 'threads',
    // Two cores here and in CI; each integration suite boots its own Strapi.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.unit.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.int.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          // Real Chromium against a seeded CMS and the portal built from it.
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/global-setup.ts', 'test/support/admin-build-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
