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
} as const satisfies Record<string, { version: string; text: Label }>;
