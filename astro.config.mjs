// @ts-check
import react from '@astrojs/react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';

/**
 * The portal: static HTML built from the CMS's published content (Swedish under /, English under
 * /en/), React islands only where a form needs them.
 */
export default defineConfig({
  srcDir: './site',
  publicDir: './site/public',
  outDir: './dist/site',
  site: process.env.SITE_URL ?? 'http://127.0.0.1:4321',
  integrations: [react()],
  i18n: {
    defaultLocale: 'sv',
    locales: ['sv', 'en'],
    routing: { prefixDefaultLocale: false },
  },
  server: { host: '127.0.0.1', port: Number(process.env.SITE_PORT ?? 4321) },
  vite: {
    resolve: {
      // The forms' shared schemas, compiled from source: the package's CommonJS build re-exports
      // modules in a way the browser bundler cannot see through.
      alias: {
        '@tasteget/shared/browser': fileURLToPath(new URL('./shared/src/browser.ts', import.meta.url)),
      },
    },
  },
});
