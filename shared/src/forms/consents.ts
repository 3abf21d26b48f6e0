import type { Label } from '../labels';

/**
 * The consent texts people agree to, with their version. The version is stored with the consent,
 * so the register can tell what each person agreed to even after the text changes.
 */
export const CONSENTS = {
  contact: {
    version: '2026-01',
    text: {
      sv: 'Jag vill bli kontaktad av en flyttvägledare och godkänner att mina uppgifter sparas i kontaktregistret för det ändamålet.',
      en: 'I want to be contacted by a relocation guide and agree that my details are kept in the contact register for that purpose.',
    },
  },
  newsletter: {
    version: '2026-01',
    text: {
      sv: 'Jag vill få nyhetsbrev från Ta Steget. Jag kan avsluta prenumerationen när jag vill.',
      en: 'I want to receive newsletters from Ta Steget. I can unsubscribe at any time.',
    },
  },
  event: {
    version: '2026-12',
    text: {
      sv: 'Jag godkänner att Ta Steget sparar min anmälan och mejlar mig om evenemanget. Anmälan tas bort 90 dagar efter evenemanget.',
      en: 'I agree that Ta Steget keeps my sign-up and e-mails me about the event. The sign-up is deleted 90 days after the event.',
    },
  },
} as const satisfies Record<string, { version: string; text: Label }>;
