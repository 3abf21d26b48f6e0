import type { APIRoute } from 'astro';

/**
 * For crawlers: everything a visitor can reach, but not the draft preview, the live pages'
 * renderer or the embedded form (a copy of /registrering/ for municipal websites), and where the
 * sitemap is.
 */
export const GET: APIRoute = ({ site }) =>
  new Response(
    [
      'User-agent: *',
      'Disallow: /forhandsvisning/',
      'Disallow: /live/',
      'Disallow: /embed/',
      'Disallow: /en/embed/',
      '',
      `Sitemap: ${new URL('/sitemap-index.xml', site).href}`,
      '',
    ].join('\n'),
    { headers: { 'Content-Type': 'text/plain; charset=utf-8' } },
  );
