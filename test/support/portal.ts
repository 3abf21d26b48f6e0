import type { Core } from '@strapi/strapi';
import { solvePortalChallenge, CHALLENGE_ENDPOINT, type PortalChallenge } from '../../site/lib/challenge';
import type { MagazineOrderInput, RegistrationInput, SubscriptionInput } from '@tasteget/shared';

/** A client of the portal endpoints, as the site's forms use them. */

/** Settings for a CMS under test: no waiting, easy proof of work, fast outbox. */
export const FAST_PORTAL_ENV = {
  PORTAL_MIN_FILL_SECONDS: '0',
  PORTAL_POW_MAX_NUMBER: '500',
  PORTAL_RATE_LIMIT: '1000000',
  PORTAL_JUNK_TOKEN_LIMIT: '1000000',
  OUTBOX_POLL_MS: '100',
  OUTBOX_RETRY_BASE_MS: '100',
  OUTBOX_RETRY_MAX_MS: '1000',
  OUTBOX_MAX_ATTEMPTS: '1000',
  REGION_GUIDE_EMAIL: 'region-guide@example.se',
};

export async function solvedChallenge(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}${CHALLENGE_ENDPOINT}`);
  if (res.status !== 200) throw new Error(`challenge: HTTP ${res.status}`);
  return solvePortalChallenge((await res.json()) as PortalChallenge);
}

export interface PortalAnswer {
  status: number;
  body: {
    data?: { message: string; messages: { sv: string; en: string }; firstResponseDueAt?: string } | null;
    error?: {
      status: number;
      name: string;
      message: string;
      details: {
        errors?: { path: (string | number)[]; message: string; messages: { sv: string; en: string } }[];
      };
    };
  };
  headers: Headers;
}

export async function post(
  baseUrl: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<PortalAnswer> {
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: PortalAnswer['body'] = {};
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    parsed = {};
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

let counter = 0;
export function uniqueEmail(prefix = 'person'): string {
  counter += 1;
  return `${prefix}.${Date.now().toString(36)}.${counter}@example.se`;
}

export function registration(
  overrides: Partial<RegistrationInput> = {},
): Omit<RegistrationInput, 'challenge'> {
  return {
    firstName: 'Sara',
    lastName: 'Lindqvist',
    email: uniqueEmail(),
    phone: '+46 70 123 45 67',
    preferredChannel: 'email',
    householdSize: 3,
    children: 1,
    municipalities: ['are'],
    topics: ['job', 'housing'],
    occupation: 'Sjuksköterska',
    currentLocation: 'Göteborg',
    plannedMoveTime: 'within-a-year',
    message: 'Vi funderar på att flytta till fjällen.',
    consentToContact: true,
    newsletterConsent: false,
    source: 'portal',
    language: 'sv',
    ...overrides,
  };
}

export function magazineOrder(
  overrides: Partial<MagazineOrderInput> = {},
): Omit<MagazineOrderInput, 'challenge'> {
  return {
    name: 'Erik Svensson',
    email: uniqueEmail('order'),
    postalAddress: { street: 'Storgatan 1', postalCode: '831 30', city: 'Östersund', country: 'SE' },
    edition: 'ta-steget-2026',
    quantity: 2,
    language: 'sv',
    ...overrides,
  };
}

export function subscription(
  overrides: Partial<SubscriptionInput> = {},
): Omit<SubscriptionInput, 'challenge'> {
  return {
    email: uniqueEmail('news'),
    newsletters: ['ta-steget'],
    interests: ['remote-work'],
    municipalities: ['ostersund'],
    language: 'sv',
    consent: true,
    ...overrides,
  };
}

/** Posts a form with a freshly solved challenge, as the site does. */
export async function submit(
  baseUrl: string,
  path: string,
  body: object,
  headers: Record<string, string> = {},
) {
  return post(baseUrl, path, { ...body, challenge: await solvedChallenge(baseUrl) }, headers);
}

/**
 * Waits until every acknowledged registration has been folded into the register (the intake
 * inbox is empty). Registrations are acknowledged on receipt and processed right after.
 */
export async function intakeSettled(strapi: Core.Strapi, timeoutMs = 300_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [{ count }] = await strapi.db.connection('intake_inbox').count({ count: '*' });
    if (Number(count) === 0) return;
    if (Date.now() > deadline)
      throw new Error(`${count} registrations still in the intake inbox after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
