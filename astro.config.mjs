// @ts-check
import node from '@astrojs/node';
import react from '@astrojs/react';
import sitemap from '@astrojs/sitemap';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import { cmsUrl, publicCmsUrl } from './site/lib/cms-url.ts';

/**
 * The portal: static HTML built from the CMS's published content (Swedish under /, English under
 * /en/), React islands only where a form needs them. One page is rendered on demand: the draft
 * preview (site/pages/forhandsvisning.astro), through the Node adapter in middleware mode, which
 * scripts/portal-server.mjs calls for that path only. The static site is in `client/` of the build,
 * the preview's server code in `server/`.
 */
/**
 * Images come from the CMS at build time, or from the storage its uploads are on (MEDIA_URL: S3 or
 * a CDN), and are served as optimised copies of this site.
 */
const cms = new URL(cmsUrl());
const imageSources = [cms, ...(process.env.MEDIA_URL ? [new URL(process.env.MEDIA_URL)] : [])];
/** Where visitors' browsers send the forms: the one other origin a page may talk to. */
const formsOrigin = new URL(publicCmsUrl()).origin;

export default defineConfig({
  srcDir: './site',
  publicDir: './site/public',
  outDir: './dist/site',
  site: process.env.SITE_URL ?? 'http://127.0.0.1:4321',
  adapter: node({ mode: 'middleware' }),
  // Astro 7's default whitespace rules ('jsx'): line breaks around elements are dropped, so every
  // space between a text and an element on another line of a template is written out ({' · '}).
  compressHTML: 'jsx',
  integrations: [
    react(),
    // The embed, the newsletter result pages, the search and the English not-found page are not for
    // search engines (the pages that answer a step say `noindex`: Base.astro's `indexed`).
    sitemap({
      filter: (page) =>
        !/\/(embed|forhandsvisning|live|nyhetsbrev\/(bekraftad|avslutad)|en\/newsletter\/(confirmed|unsubscribed)|sok|en\/search|en\/404)\//.test(
          page,
        ),
    }),
  ],
  image: {
    remotePatterns: imageSources.map((source) => ({
      protocol: source.protocol.replace(':', ''),
      hostname: source.hostname,
      port: source.port || undefined,
    })),
  },
  i18n: {
    defaultLocale: 'sv',
    locales: ['sv', 'en'],
    // Spelled out rather than left to defaults, which Astro 6 changed: Swedish at /, English at /en/.
    routing: { prefixDefaultLocale: false, redirectToDefaultLocale: false },
  },
  // Every page carries a Content-Security-Policy <meta> with hashes of Astro's own scripts and styles,
  // so an injected script does not run. Pagefind's search runs WebAssembly. (frame-ancestors has no
  // effect in a <meta>: framing is a response header's job.)
  security: {
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        `connect-src 'self' ${formsOrigin}`,
        `form-action 'self' ${formsOrigin}`,
        "base-uri 'self'",
        "object-src 'none'",
      ],
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
    },
  },
  server: { host: '127.0.0.1', port: Number(process.env.SITE_PORT ?? 4321) },
  vite: {
    // The proof-of-work's Web Worker (components/forms/pow-worker.ts) is an ES module, as it is started.
    worker: { format: 'es' },
    resolve: {
      // The forms' shared schemas, compiled from source: the package's CommonJS build re-exports
      // modules in a way the browser bundler cannot see through.
      alias: {
        '@tasteget/shared/browser': fileURLToPath(new URL('./shared/src/browser.ts', import.meta.url)),
      },
    },
  },
});
