import escapeHtml from 'escape-html';
import { convert } from 'html-to-text';
import type { Locale } from '@tasteget/shared';

/**
 * The frame of the CMS's transactional mail: a heading, paragraphs, an optional table of facts and
 * an optional button. Everything a visitor typed is escaped; the plain-text part is derived from
 * the HTML so the two never drift apart.
 */
export interface MailContent {
  language: Locale;
  /** The page's title, and a heading over the text unless `letter` (a person's own mail). */
  heading: string;
  /** A letter from a person (a guide's mail): their text alone, no heading repeating the subject. */
  letter?: boolean;
  paragraphs: string[];
  facts?: [label: string, value: string][];
  button?: { label: string; url: string };
  footer: string;
  /** Links under the footer text: the person's own controls (consent, newsletter preferences). */
  footerLinks?: { label: string; url: string }[];
}

export function renderMail(content: MailContent): { html: string; text: string } {
  const e = escapeHtml;
  const facts = content.facts?.length
    ? `<table role="presentation" style="border-collapse:collapse;margin:16px 0">${content.facts
        .map(
          ([label, value]) =>
            `<tr><th align="left" style="padding:4px 12px 4px 0;vertical-align:top">${e(label)}</th><td style="padding:4px 0">${e(value)}</td></tr>`,
        )
        .join('')}</table>`
    : '';
  const button = content.button
    ? `<p><a href="${e(content.button.url)}" style="display:inline-block;background:#0b5563;color:#fff;padding:10px 18px;border-radius:4px;text-decoration:none">${e(content.button.label)}</a></p>`
    : '';
  const html = `<!doctype html>
<html lang="${content.language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${e(content.heading)}</title></head>
<body style="font-family:Arial,sans-serif;color:#1b2a2f;line-height:1.5;max-width:600px;margin:0 auto;padding:16px">
${content.letter ? '' : `<h1 style="font-size:22px">${e(content.heading)}</h1>\n`}${content.paragraphs.map((p) => `<p>${e(p).replace(/\r?\n/g, '<br>\n')}</p>`).join('\n')}
${facts}${button}
<hr style="border:none;border-top:1px solid #d8dedf;margin:24px 0"><p style="font-size:13px;color:#52656b">${e(content.footer)}${(content.footerLinks ?? []).map((link) => `<br><a href="${e(link.url)}">${e(link.label)}</a>`).join('')}</p>
</body></html>`;
  const text = convert(html, {
    wordwrap: 78,
    selectors: [
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'table', format: 'dataTable' },
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
    ],
  });
  return { html, text };
}
