import type { EditionSeed } from './types';

export const EDITIONS: EditionSeed[] = [
  {
    year: 2024,
    title: 'Ta Steget 2024',
    slug: 'ta-steget-2024',
    description:
      'I 2024 års upplaga står företagandet i centrum: vi möter entreprenörer som startat allt från bagerier till techbolag i länets byar och städer. Dessutom guidar vi till kontorshotellen och berättar hur det är att jobba på distans med fjällen utanför fönstret.',
    orderable: false,
    en: {
      title: 'Ta Steget 2024',
      description:
        'The 2024 edition focuses on entrepreneurship: we meet people who have started everything from bakeries to tech companies in the county’s villages and towns. We also guide you to the coworking spaces and tell you what it is like to work remotely with the mountains outside your window.',
    },
  },
  {
    year: 2025,
    title: 'Ta Steget 2025',
    slug: 'ta-steget-2025',
    description:
      'Temat för 2025 är familjeliv: förskolor i skogen, skolor med små klasser och föräldrar som fått mer tid med sina barn. Vi besöker alla åtta kommuner och låter barnfamiljer som flyttat hit berätta om första vintern, jobbsökandet och hur de hittade sitt hem.',
    orderable: true,
    en: {
      title: 'Ta Steget 2025',
      description:
        'The theme for 2025 is family life: preschools in the forest, schools with small classes and parents who have gained more time with their children. We visit all eight municipalities and let families who have moved here tell us about their first winter, their job search and how they found their home.',
    },
  },
  {
    year: 2026,
    title: 'Ta Steget 2026',
    slug: 'ta-steget-2026',
    description:
      'Ta Steget 2026 handlar om att hitta hem – i bygden, i arbetslivet och i gemenskapen. Vi möter inflyttade från när och fjärran, tar pulsen på bostadsmarknaden och listar vad du behöver tänka på inför flytten till Jämtland Härjedalen.',
    orderable: true,
    en: {
      title: 'Ta Steget 2026',
      description:
        'Ta Steget 2026 is about finding home – in the community, at work and among people. We meet newcomers from near and far, take the pulse of the housing market and list what you need to think about before moving to Jämtland Härjedalen.',
    },
  },
];
