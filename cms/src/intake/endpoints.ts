/**
 * The public endpoints of the portal (forms, challenge, confirm and unsubscribe): the only part of
 * the contact register anyone can reach without logging in. Paths are relative to /api.
 */
export const PORTAL_ENDPOINTS = [
  { method: 'GET', path: '/forms/challenge', handler: 'portal.challenge' },
  { method: 'POST', path: '/registrations', handler: 'portal.register' },
  { method: 'POST', path: '/magazine-orders', handler: 'portal.orderMagazine' },
  { method: 'POST', path: '/newsletter/subscriptions', handler: 'portal.subscribe' },
  { method: 'GET', path: '/newsletter/confirm', handler: 'portal.confirmPage' },
  { method: 'POST', path: '/newsletter/confirm', handler: 'portal.confirm' },
  { method: 'GET', path: '/newsletter/unsubscribe', handler: 'portal.unsubscribePage' },
  { method: 'POST', path: '/newsletter/unsubscribe', handler: 'portal.unsubscribe' },
] as const;

export const PORTAL_PATHS = new Set<string>(PORTAL_ENDPOINTS.map((e) => `/api${e.path}`));
