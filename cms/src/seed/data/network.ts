import { AMBASSADORS } from './ambassadors';
import { COWORKING } from './coworking';
import type { NetworkSeed } from './types';

/**
 * The demo network register: every demo ambassador and coworking space has its person behind it
 * (the ambassador's consent to publish lives here), beside a few employers and a recruiter the
 * guides refer people to. All names of firms are invented; addresses are under `.example`.
 */
export const NETWORK: NetworkSeed[] = [
  ...AMBASSADORS.map(
    (a): NetworkSeed => ({
      kind: 'ambassador',
      name: a.name,
      municipality: a.municipality,
      email: `${a.slug}@ambassador.example`,
      language: a.languages.includes('sv') ? 'sv' : 'en',
      consent: true,
      publishConsent: a.consentToPublish,
      ambassador: a.slug,
    }),
  ),
  ...COWORKING.map(
    (c): NetworkSeed => ({
      kind: 'coworking-host',
      name: `Värd för ${c.name}`,
      organisation: c.name,
      municipality: c.municipality,
      email: `vard@${c.slug}.example`,
      language: 'sv',
      consent: true,
      coworkingSpace: c.slug,
    }),
  ),
  {
    kind: 'employer',
    name: 'Lena Holm',
    organisation: 'Fjällbygdens Sågverk AB',
    municipality: 'harjedalen',
    email: 'lena.holm@fjallbygdens-sagverk.example',
    language: 'sv',
    consent: true,
  },
  {
    kind: 'employer',
    name: 'Ahmed Karimi',
    organisation: 'Storsjövården AB',
    municipality: 'ostersund',
    email: 'ahmed.karimi@storsjovarden.example',
    language: 'sv',
    consent: true,
  },
  {
    kind: 'employer',
    name: 'Sara Nilsson',
    organisation: 'Krokoms Mekaniska',
    municipality: 'krokom',
    email: 'sara@krokoms-mekaniska.example',
    language: 'sv',
    // Met at a fair; has not yet said yes to mail.
    consent: false,
  },
  {
    kind: 'recruitment-company',
    name: 'Johan Berg',
    organisation: 'Rekryteringshuset Mitt AB',
    municipality: null,
    email: 'johan@rekryteringshuset-mitt.example',
    language: 'sv',
    consent: true,
  },
];
