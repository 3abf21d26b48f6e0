import escapeHtml from 'escape-html';
import { NEWSLETTER_RESULT_TEXTS, PROGRAMME_EMAIL, type Label, type Locale } from '@tasteget/shared';
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
  link?: { href: Label; text: Label },
): string {
  const e = escapeHtml;
  const button = form
    ? `<form method="post" action="${e(form.action)}"><input type="hidden" name="via" value="page"><button type="submit">${e(form.button[language])}</button></form>`
    : '';
  const onward = link ? `<p><a href="${e(link.href[language])}">${e(link.text[language])}</a></p>` : '';
  // The programme's address, where a page names it, is a link to write to it.
  const text = e(body[language])
    .split(PROGRAMME_EMAIL)
    .join(`<a href="mailto:${PROGRAMME_EMAIL}">${PROGRAMME_EMAIL}</a>`);
  return pageShell(language, title[language], `<p>${text}</p>${button}${onward}`);
}

/**
 * The unsubscribe and preference token a preview and a test mail carry in place of a recipient's
 * (there is none): its links answer with a page saying what they do in the real campaign.
 */
export const TEST_MAIL_TOKEN = 'forhandsgranskning';

export const PAGES = {
  testMailLink: {
    title: { sv: 'Länk i ett testbrev', en: 'A link in a test mail' },
    body: {
      sv: 'Det här var ett testbrev. I det riktiga utskicket leder länken mottagaren till sina egna val: att avregistrera sig eller ändra sina inställningar. Här gör den ingenting.',
      en: 'This was a test mail. In the real campaign the link takes the recipient to their own choices: unsubscribing or changing their preferences. Here it does nothing.',
    },
  },
  confirmAsk: {
    title: { sv: 'Bekräfta din prenumeration', en: 'Confirm your subscription' },
    body: (names: Label) => ({
      sv: `Tryck på knappen för att börja få ${names.sv}.`,
      en: `Press the button to start receiving ${names.en}.`,
    }),
    button: { sv: 'Bekräfta prenumerationen', en: 'Confirm the subscription' },
  },
  confirmed: NEWSLETTER_RESULT_TEXTS.confirmed,
  // Worded for a newsletter and for the invitations to contacts alike: the body names which.
  unsubscribeAsk: {
    title: { sv: 'Avregistrera dig', en: 'Unsubscribe' },
    body: (names: Label) => ({
      sv: `Tryck på knappen för att sluta få ${names.sv}. Andra nyhetsbrev från Ta Steget fortsätter som förut.`,
      en: `Press the button to stop receiving ${names.en}. Other Ta Steget newsletters continue as before.`,
    }),
    button: { sv: 'Avregistrera mig', en: 'Unsubscribe me' },
  },
  unsubscribed: NEWSLETTER_RESULT_TEXTS.unsubscribed,
  eventSignUp: {
    confirmed: {
      sv: 'Du är anmäld! Vi har skickat en bekräftelse med evenemanget som kalenderfil.',
      en: 'You are signed up! We have sent a confirmation with the event as a calendar file.',
    },
    waitlisted: {
      sv: 'Evenemanget är fullt, så du står på väntelistan. Blir en plats ledig får du ett mejl.',
      en: 'The event is full, so you are on the waiting list. If a place frees up, you get an e-mail.',
    },
  },
  eventCancelAsk: {
    title: { sv: 'Avanmäl dig', en: 'Cancel your sign-up' },
    body: {
      sv: 'Tryck på knappen för att avanmäla dig från',
      en: 'Press the button to cancel your sign-up for',
    },
    button: { sv: 'Avanmäl mig', en: 'Cancel my sign-up' },
  },
  eventCancelled: {
    title: { sv: 'Du är avanmäld', en: 'Your sign-up is cancelled' },
    body: {
      // True whether anyone waits or not: the page does not know, and need not say.
      sv: 'Tack för att du hörde av dig. Står någon på väntelistan får den din plats.',
      en: 'Thank you for letting us know. If someone is on the waiting list, they get your place.',
    },
  },
  eventAlreadyCancelled: {
    title: { sv: 'Du är avanmäld', en: 'Your sign-up is cancelled' },
    body: {
      sv: 'Din anmälan är redan avbokad:',
      en: 'Your sign-up is already cancelled:',
    },
  },
  expiredLink: {
    title: { sv: 'Länken har gått ut', en: 'The link has expired' },
    body: {
      sv: 'Länken för att bekräfta prenumerationen är för gammal. Anmäl dig igen, så får du en ny.',
      en: 'The link to confirm the subscription is too old. Sign up again, and you will get a new one.',
    },
    link: { sv: 'Prenumerera på nyhetsbrevet', en: 'Subscribe to the newsletter' },
  },
  withdrawAsk: {
    title: { sv: 'Återkalla ditt samtycke', en: 'Withdraw your consent' },
    body: {
      sv: `Tryck på knappen om du inte längre vill bli kontaktad av en flyttvägledare. Dina uppgifter tas bort enligt våra gallringsregler; vill du att de tas bort nu, skriv till ${PROGRAMME_EMAIL}.`,
      en: `Press the button if you no longer want to be contacted by a relocation guide. Your details are removed under our retention rules; if you want them removed now, write to ${PROGRAMME_EMAIL}.`,
    },
    button: { sv: 'Återkalla samtycket', en: 'Withdraw consent' },
  },
  withdrawn: {
    title: { sv: 'Ditt samtycke är återkallat', en: 'Your consent is withdrawn' },
    body: {
      sv: 'Ingen flyttvägledare kontaktar dig, och du får inga inbjudningar. Registrerar du dig igen gäller ditt nya samtycke.',
      en: 'No relocation guide will contact you, and you will get no invitations. If you register again, your new consent applies.',
    },
  },
  unavailable: {
    title: { sv: 'Försök igen om en stund', en: 'Try again in a while' },
    body: {
      sv: 'Vi kunde inte ta emot det just nu. Ingenting har ändrats. Försök igen om en minut.',
      en: 'We could not take it just now. Nothing has changed. Try again in a minute.',
    },
  },
  invalidLink: {
    title: { sv: 'Länken fungerar inte', en: 'The link does not work' },
    body: {
      // Behind every link in mail (newsletters, sign-ups, consent): words that fit them all.
      sv: `Länken är ogiltig eller för gammal. Kontrollera att hela länken kom med, eller öppna den från ett nyare mejl. Har du frågor, skriv till ${PROGRAMME_EMAIL}.`,
      en: `The link is invalid or too old. Check that the whole link was copied, or open it from a more recent e-mail. If you have questions, write to ${PROGRAMME_EMAIL}.`,
    },
  },
} as const;
