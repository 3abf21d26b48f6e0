import escapeHtml from 'escape-html';
import type { Label, Locale } from '@tasteget/shared';
import { pageShell } from './page-shell';

/**
 * The small pages behind the links in mail. A link only ever shows a page; its button does the
 * POST, because mail scanners open links before people do.
 */
export function page(
  language: Locale,
  title: Label,
  body: Label,
  form?: { action: string; button: Label },
): string {
  const e = escapeHtml;
  const button = form
    ? `<form method="post" action="${e(form.action)}"><input type="hidden" name="via" value="page"><button type="submit">${e(form.button[language])}</button></form>`
    : '';
  return pageShell(
    language,
    title[language],
    `<p>${e(body[language])}</p>${button}\n<p><a href="/">Ta Steget</a></p>`,
  );
}

export const PAGES = {
  confirmAsk: {
    title: { sv: 'Bekräfta din prenumeration', en: 'Confirm your subscription' },
    body: {
      sv: 'Tryck på knappen för att börja få nyhetsbrevet från Ta Steget.',
      en: 'Press the button to start receiving the Ta Steget newsletter.',
    },
    button: { sv: 'Bekräfta prenumerationen', en: 'Confirm the subscription' },
  },
  confirmed: {
    title: { sv: 'Tack, nu prenumererar du!', en: 'Thank you, you are subscribed!' },
    body: {
      sv: 'Du får nyhetsbrevet från Ta Steget. Varje nyhetsbrev har en länk för att avsluta.',
      en: 'You will receive the Ta Steget newsletter. Every newsletter has a link to unsubscribe.',
    },
  },
  unsubscribeAsk: {
    title: { sv: 'Avsluta prenumerationen', en: 'Unsubscribe' },
    body: {
      sv: 'Tryck på knappen för att sluta få nyhetsbrevet från Ta Steget.',
      en: 'Press the button to stop receiving the Ta Steget newsletter.',
    },
    button: { sv: 'Avsluta prenumerationen', en: 'Unsubscribe' },
  },
  unsubscribed: {
    title: { sv: 'Prenumerationen är avslutad', en: 'You are unsubscribed' },
    body: {
      sv: 'Du får inga fler nyhetsbrev från oss. Välkommen tillbaka när du vill!',
      en: 'You will receive no more newsletters from us. Welcome back any time!',
    },
  },
  invalidLink: {
    title: { sv: 'Länken fungerar inte', en: 'The link does not work' },
    body: {
      sv: 'Länken är ogiltig eller för gammal. Kontrollera att hela länken kom med, eller anmäl dig igen på tasteget.nu.',
      en: 'The link is invalid or too old. Check that the whole link was copied, or sign up again at tasteget.nu.',
    },
  },
} as const;
