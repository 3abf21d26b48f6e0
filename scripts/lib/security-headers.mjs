/**
 * The portal's security headers, sent by the portal server (scripts/portal-server.mjs); a CDN in
 * front of a static build sets the same (docs/operations.md lists them). Each page also carries Astro's Content-Security-Policy as a
 * `<meta>` (script and style hashes, astro.config.mjs); a `<meta>` policy cannot say who may frame
 * a page, so `frame-ancestors` travels as a header and the two policies apply together.
 *
 * Pages are not framable by other websites, except the embedded registration form (`/embed/…`,
 * `/en/embed/…`), which the configured municipal websites may frame (CORS_ORIGINS, the origins the
 * CMS also accepts the embedded form from).
 */

/** Origins from a comma-separated list (CORS_ORIGINS), normalised; invalid entries are refused. */
export function embedOrigins(list = '') {
  return list
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const url = new URL(entry);
      if (url.protocol !== 'https:' && url.protocol !== 'http:')
        throw new Error(`not a web origin: ${entry}`);
      return url.origin;
    });
}

/** Browser features no portal page uses, refused to the page and to anything it frames. */
export const PERMISSIONS_POLICY =
  'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()';

/** A path of the embedded form: the only pages another site may frame. */
export const isEmbedPath = (pathname) => /^\/(en\/)?embed\//.test(pathname);

/**
 * The headers of a response to `pathname`. Pages may be framed only by the CMS's admin
 * (`adminOrigin`: Strapi's preview pane shows the portal's pages and drafts), the embedded form
 * also by the portal and the municipal websites (`origins`). No X-Frame-Options: it cannot name an
 * allowed origin, and every current browser reads frame-ancestors. `production` adds HSTS (a
 * year): only over HTTPS, which a local `npm start` is not.
 */
export function securityHeaders(pathname, { origins = [], adminOrigin, production = false } = {}) {
  const ancestors = [
    ...(isEmbedPath(pathname) ? ["'self'", ...origins] : []),
    ...(adminOrigin ? [adminOrigin] : []),
  ];
  return {
    'Content-Security-Policy': `frame-ancestors ${ancestors.length > 0 ? ancestors.join(' ') : "'none'"}`,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    // The portal asks for no device or payment; a page (or a script slipped into one) cannot either.
    'Permissions-Policy': PERMISSIONS_POLICY,
    ...(production ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}
