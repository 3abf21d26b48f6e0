/**
 * The public endpoints of the portal (forms, challenge, confirm and unsubscribe): the only part of
 * the contact register anyone can reach without logging in. Paths are relative to /api.
 */
export const PORTAL_ENDPOINTS = [
  { method: 'GET', path: '/forms/challenge', handler: 'portal.challenge' },
  { method: 'POST', path: '/registrations', handler: 'portal.register' },
  { method: 'POST', path: '/magazine-orders', handler: 'portal.orderMagazine' },
  { method: 'GET', path: '/newsletter/lists', handler: 'portal.newsletters' },
  { method: 'POST', path: '/newsletter/subscriptions', handler: 'portal.subscribe' },
  { method: 'GET', path: '/newsletter/confirm', handler: 'portal.confirmPage', byToken: true },
  { method: 'POST', path: '/newsletter/confirm', handler: 'portal.confirm', byToken: true },
  { method: 'GET', path: '/newsletter/unsubscribe', handler: 'portal.unsubscribePage', byToken: true },
  { method: 'POST', path: '/newsletter/unsubscribe', handler: 'portal.unsubscribe', byToken: true },
  { method: 'GET', path: '/newsletter/preferences', handler: 'portal.preferencesPage', byToken: true },
  { method: 'POST', path: '/newsletter/preferences', handler: 'portal.savePreferences', byToken: true },
  { method: 'POST', path: '/event-registrations', handler: 'portal.registerForEvent' },
  // Read by every view of an event page that takes sign-ups.
  { method: 'GET', path: '/event-registrations/places', handler: 'portal.eventPlaces', perView: true },
  {
    method: 'GET',
    path: '/event-registrations/cancel',
    handler: 'portal.cancelRegistrationPage',
    byToken: true,
  },
  {
    method: 'POST',
    path: '/event-registrations/cancel',
    handler: 'portal.cancelRegistration',
    byToken: true,
  },
  { method: 'GET', path: '/contact-consent/withdraw', handler: 'portal.withdrawConsentPage', byToken: true },
  { method: 'POST', path: '/contact-consent/withdraw', handler: 'portal.withdrawConsent', byToken: true },
  // The pages' statistics beacon (statistics/README.md).
  { method: 'POST', path: '/stats/hits', handler: 'portal.countHit', perView: true },
] as const;

type MailLinkPath = Extract<(typeof PORTAL_ENDPOINTS)[number], { byToken: true }>['path'];

/**
 * The address of an endpoint behind a mail link, with its token: `base` is PUBLIC_URL in a mail,
 * empty on the CMS's own pages (their forms post back to the same origin).
 */
export function mailLinkUrl(path: MailLinkPath, token: string, base = ''): string {
  return `${base}/api${path}?token=${encodeURIComponent(token)}`;
}

export const PORTAL_PATHS = new Set<string>(PORTAL_ENDPOINTS.map((e) => `/api${e.path}`));

/**
 * A request's path as Strapi's router matches it: without regard to case, and with or without one
 * trailing slash (`/API/Registrations/` reaches the registration handler). The guards look a path
 * up in this form, or a variant would pass them on its way to the same handler.
 */
export const routePath = (path: string) => path.toLowerCase().replace(/(.)\/$/, '$1');

/**
 * What a page view asks (the statistics beacon, an event's places): a budget of its own
 * (PORTAL_BEACON_LIMIT), far above the forms', since an office behind one address browses many pages.
 */
export const PER_VIEW_PATHS = new Set<string>(
  PORTAL_ENDPOINTS.filter((e) => 'perView' in e && e.perView).map((e) => `/api${e.path}`),
);

/**
 * The endpoints behind the links in mail, authorised by the link's unguessable token: no per-IP
 * limit (a mailbox provider sends every one-click unsubscribe of its users from a few addresses),
 * but unknown tokens spend a budget of their own (limits.ts).
 */
export const TOKEN_PATHS = new Set<string>(
  PORTAL_ENDPOINTS.filter((e) => 'byToken' in e && e.byToken).map((e) => `/api${e.path}`),
);
