import { z } from 'zod';
import type { Label } from './labels';

/**
 * Newsletters are lists a person subscribes to one by one (the county's newsletter, a
 * municipality's newcomer news, the ambassador network's letter). Each is a row of the CMS's
 * `newsletter` type, known by its slug; the county's newsletter always exists, and a subscription
 * or campaign that names none belongs to it (the one list there was before newsletters were many).
 */
export const COUNTY_NEWSLETTER = {
  slug: 'ta-steget',
  name: 'Ta Stegets nyhetsbrev',
  nameEn: 'The Ta Steget newsletter',
  description: 'Nyheter, berättelser och evenemang från hela Jämtland Härjedalen.',
  descriptionEn: 'News, stories and events from all of Jämtland Härjedalen.',
} as const;

/**
 * The invitations to contacts (a campaign to the contacts audience naming no newsletter): a list
 * nobody subscribes to, never offered, on which those who declined further invitations stand as
 * unsubscribed (cms/src/newsletter/invitations.ts).
 */
export const INVITATIONS_NEWSLETTER = {
  slug: 'ta-steget-inbjudningar',
  name: 'Ta Stegets inbjudningar',
  nameEn: "Ta Steget's invitations",
  description:
    'Inbjudningar till kontakter i registret, till exempel inflyttarträffar. Ingen prenumererar: den som avböjer fler inbjudningar via länken i en inbjudan står här som avslutad.',
  descriptionEn:
    'Invitations to contacts in the register, such as newcomer meetings. Nobody subscribes: someone who declines further invitations through the link in one is on it as unsubscribed.',
} as const;

/** A newsletter's slug as a form or link carries it. */
export const newsletterSlug = z
  .string()
  .trim()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  .max(80);

/** What the portal shows of a newsletter that is offered to everyone (`GET /api/newsletter/lists`). */
export const listedNewsletter = z.object({
  slug: newsletterSlug,
  name: z.string().min(1),
  nameEn: z.string().nullable(),
  description: z.string().nullable(),
  descriptionEn: z.string().nullable(),
});
export type ListedNewsletter = z.output<typeof listedNewsletter>;
export const listedNewslettersResponse = z.object({ data: z.array(listedNewsletter) });

/**
 * A preference link's token: a subscription's unsubscribe token, or a contact's signed link
 * (`<id>.<signature>`).
 */
export const PREFERENCES_TOKEN = /^[A-Za-z0-9_.-]{32,120}$/;

/** The preference centre's address on the CMS at `base`, for the person `token` names. */
export const preferenceCentreUrl = (base: string, token: string) =>
  `${base}/api/newsletter/preferences?token=${encodeURIComponent(token)}`;

/**
 * The portal's result pages offer the preference centre. The CMS sends the person there with their
 * token in the fragment (`#installningar=<token>`), which no server, log or Referer ever sees; the
 * page's script makes the link, and the page without script still says where the link is.
 */
export const PREFERENCES_FRAGMENT = 'installningar';

/** The link to the preference centre, on every page that offers it. */
export const PREFERENCES_LINK_TEXT = {
  sv: 'Ändra vilka nyhetsbrev du får, dina ämnen och kommuner',
  en: 'Change which newsletters you get, your topics and municipalities',
} as const;

/** What a person reads after confirming or leaving: the CMS's link pages and the portal's alike. */
export const NEWSLETTER_RESULT_TEXTS = {
  confirmed: {
    title: { sv: 'Tack, nu prenumererar du!', en: 'Thank you, you are subscribed!' },
    body: {
      sv: 'Varje nyhetsbrev har en länk för att avsluta just det, och en till dina inställningar.',
      en: 'Every newsletter has a link to leave just that one, and one to your preferences.',
    },
  },
  // A newsletter or the invitations to contacts: the words fit both. `named` when the page knows
  // which was left, `body` when it does not.
  unsubscribed: {
    title: { sv: 'Du är avregistrerad', en: 'You are unsubscribed' },
    body: {
      sv: 'Du får inte längre de utskicken. Andra utskick från Ta Steget fortsätter som förut. Välkommen tillbaka när du vill!',
      en: 'You will no longer receive those mailings. Other Ta Steget mailings continue as before. Welcome back any time!',
    },
    named: (name: Label): Label => ({
      sv: `Du får inte längre ${name.sv}. Andra utskick från Ta Steget fortsätter som förut. Välkommen tillbaka när du vill!`,
      en: `You will no longer receive ${name.en}. Other Ta Steget mailings continue as before. Welcome back any time!`,
    }),
  },
} as const;

/**
 * The portal's "unsubscribed" page names the newsletter that was left: the CMS adds its slug to
 * the fragment (`#…&nyhetsbrev=<slug>`), and the page looks the name up among those it was built
 * with. A slug is no personal data; a name in the address could be made to say anything.
 */
export const LEFT_NEWSLETTER_FRAGMENT = 'nyhetsbrev';
