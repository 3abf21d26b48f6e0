import { STATS_ENDPOINT, type ConversionKind } from '@tasteget/shared/browser';

/**
 * The visitor statistics' browser half (the CMS half: cms/src/statistics/). No cookie and no
 * identifier: a page view sends the path, the referring site and the campaign's UTM tags; the
 * visit's landing page and source are kept in sessionStorage (this tab only, gone when it closes)
 * so that a form sent later can be credited to them. Nothing is sent when the browser asks not to
 * be tracked (Do Not Track, Global Privacy Control).
 */
const LANDING = 'tasteget:landing';
const MAX_PATH = 300;

type Landing = { l: string; s: string };

function optedOut(): boolean {
  const nav = navigator as Navigator & { globalPrivacyControl?: boolean };
  return nav.doNotTrack === '1' || nav.globalPrivacyControl === true;
}

function send(url: string, fields: Record<string, string>) {
  if (optedOut() || typeof navigator.sendBeacon !== 'function') return;
  // A form body: a kind of request a browser sends to another origin without asking first.
  navigator.sendBeacon(url, new URLSearchParams(fields));
}

const path = () => location.pathname.slice(0, MAX_PATH);

function referrerOrigin(): string {
  try {
    return document.referrer ? new URL(document.referrer).origin : '';
  } catch {
    return '';
  }
}

function storedLanding(): Landing | null {
  try {
    return JSON.parse(sessionStorage.getItem(LANDING) ?? 'null') as Landing | null;
  } catch {
    return null; // storage refused (a framed page, a private mode)
  }
}

/** Counts this page view; the first of the tab's visit is remembered as its landing page. */
export function countPageView(cmsUrl: string) {
  const params = new URLSearchParams(location.search);
  const referrer = referrerOrigin();
  const external = referrer && new URL(referrer).host !== location.host ? new URL(referrer).hostname : '';
  if (!storedLanding()) {
    try {
      const source = params.get('utm_source') || external || 'direct';
      sessionStorage.setItem(LANDING, JSON.stringify({ l: path(), s: source.slice(0, 200) }));
    } catch {
      // Without storage a conversion is credited to its own page.
    }
  }
  send(`${cmsUrl}${STATS_ENDPOINT}`, {
    t: 'view',
    p: path(),
    r: referrer,
    us: params.get('utm_source') ?? '',
    um: params.get('utm_medium') ?? '',
    uc: params.get('utm_campaign') ?? '',
  });
}

/** Counts a form sent, credited to the visit's landing page and source. */
export function countConversion(cmsUrl: string, kind: ConversionKind, municipality?: string) {
  const landing = storedLanding() ?? { l: path(), s: 'direct' };
  send(`${cmsUrl}${STATS_ENDPOINT}`, {
    t: 'conversion',
    e: kind,
    l: landing.l,
    s: landing.s,
    ...(municipality ? { k: municipality } : {}),
  });
}
