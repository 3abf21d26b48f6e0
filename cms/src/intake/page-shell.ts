import escapeHtml from 'escape-html';
import type { Locale } from '@tasteget/shared';

/**
 * The one shell of the CMS's own small pages (the pages behind mail links and the no-script form
 * answers): not indexed, readable without the portal's stylesheet, and a visible focus.
 */
export function pageShell(language: Locale, title: string, content: string): string {
  return `<!doctype html>
<html lang="${language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(title)} – Ta Steget</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1b2a2f;line-height:1.5}button{font:inherit;background:#0b5563;color:#fff;border:0;border-radius:4px;padding:.6rem 1.2rem;cursor:pointer}button:focus,a:focus{outline:3px solid #f2a900;outline-offset:2px}a{color:#0b5563}</style>
</head>
<body><main><h1>${escapeHtml(title)}</h1>${content}</main></body></html>`;
}
