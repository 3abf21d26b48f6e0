import escapeHtml from 'escape-html';
import type { Context } from 'koa';
import type { Locale } from '@tasteget/shared';
import { environment } from '../platform/environment';

/**
 * The one shell of the CMS's own small pages (the pages behind mail links and the no-script form
 * answers): not indexed, readable without the portal's stylesheet, and a visible focus.
 */
/**
 * Sends one of these pages. Never cached (they carry tokens and form data). Their buttons post to
 * the CMS itself, and a browser names a page's origin in that POST only if the page's referrer
 * policy allows it (Strapi's default, `no-referrer`, makes it `null`, which the intake refuses).
 */
export function sendPage(ctx: Context, status: number, html: string) {
  ctx.status = status;
  ctx.type = 'html';
  ctx.set('Cache-Control', 'no-store');
  ctx.set('Referrer-Policy', 'same-origin');
  ctx.body = html;
}

/** The portal's home in the page's language (these pages are the CMS's; its own `/` is the admin). */
const portalHome = (language: Locale) =>
  `${environment().SITE_URL.replace(/\/$/, '')}${language === 'en' ? '/en/' : '/'}`;

export function pageShell(language: Locale, title: string, content: string): string {
  return `<!doctype html>
<html lang="${language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(title)} – Ta Steget</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1b2a2f;line-height:1.5}button{font:inherit;background:#0b5563;color:#fff;border:0;border-radius:4px;padding:.6rem 1.2rem;cursor:pointer}button:focus,a:focus{outline:3px solid #f2a900;outline-offset:2px}a{color:#0b5563}</style>
</head>
<body><main><h1>${escapeHtml(title)}</h1>${content}
<p><a href="${escapeHtml(portalHome(language))}">Ta Steget</a></p></main></body></html>`;
}
