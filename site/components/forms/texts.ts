import type { Locale } from '@tasteget/shared/browser';

/** What the portal's forms say around their fields, Swedish first. */
export const FORM_TEXTS = {
  sv: {
    required: '(obligatoriskt)',
    optional: '(valfritt)',
    send: 'Skicka',
    sending: 'Skickar…',
    errorSummary: 'Formuläret behöver rättas',
    network:
      'Det gick inte att skicka just nu. Det du har skrivit finns kvar – kontrollera anslutningen och försök igen.',
    honeypot: 'Lämna det här fältet tomt',
    noScript:
      'Utan JavaScript skickas formuläret i två steg: efter att du tryckt på Skicka får du kontrollera uppgifterna och bekräfta.',
  },
  en: {
    required: '(required)',
    optional: '(optional)',
    send: 'Send',
    sending: 'Sending…',
    errorSummary: 'The form needs correcting',
    network:
      'The form could not be sent just now. What you typed is still here – check your connection and try again.',
    honeypot: 'Leave this field empty',
    noScript:
      'Without JavaScript the form is sent in two steps: after pressing Send you check your details and confirm.',
  },
} as const satisfies Record<Locale, Record<string, string>>;
