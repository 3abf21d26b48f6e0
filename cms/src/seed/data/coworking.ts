import type { CoworkingSeed } from './types';

export const COWORKING: CoworkingSeed[] = [
  {
    slug: 'storsjohubben-ostersund',
    name: 'Storsjöhubben',
    municipality: 'ostersund',
    address: { street: 'Prästgatan 28', postalCode: '831 30', city: 'Östersund' },
    latitude: 63.1771,
    longitude: 14.6389,
    description:
      'Ett kontorshotell mitt i centrala Östersund med flexibla skrivbordsplatser, egna rum och ett stort gemensamt kök. Här sitter allt från frilansare och startups till distansarbetare från Stockholm och Oslo.',
    amenities: ['wifi', 'meeting-room', 'kitchen', 'phone-booth', 'access-24h'],
    openingHours: 'Vardagar 07–18, medlemmar dygnet runt',
    website: 'https://www.storsjohubben.example',
    en: {
      description:
        'A coworking space in central Östersund with flexible desks, private offices and a large shared kitchen. Members range from freelancers and start-ups to remote workers from Stockholm and Oslo.',
      openingHours: 'Weekdays 07–18, members 24/7',
    },
  },
  {
    slug: 'froson-kontor',
    name: 'Frösö Kontor',
    municipality: 'ostersund',
    address: { street: 'Vallsundsvägen 12', postalCode: '832 41', city: 'Frösön' },
    latitude: 63.1925,
    longitude: 14.5611,
    description:
      'Ett lugnt kontorshotell på Frösön med utsikt över Storsjön och fjällen. Perfekt för den som vill ha en fast skrivbordsplats nära hemmet och gratis parkering utanför dörren.',
    amenities: ['wifi', 'parking', 'kitchen', 'printer'],
    openingHours: 'Vardagar 08–17',
  },
  {
    slug: 'fjallkontoret-are',
    name: 'Fjällkontoret',
    municipality: 'are',
    address: { street: 'Stationsvägen 5', postalCode: '837 52', city: 'Åre' },
    latitude: 63.3987,
    longitude: 13.0786,
    description:
      'Åres mest välbesökta kontorshotell ligger ett stenkast från tågstationen och liften. Här finns ett aktivt nätverk av entreprenörer och distansarbetare med frukostmöten varje fredag.',
    amenities: ['wifi', 'meeting-room', 'kitchen', 'phone-booth', 'access-24h'],
    openingHours: 'Vardagar 07–19, medlemmar dygnet runt',
    website: 'https://www.fjallkontoret.example',
    en: {
      description:
        'Åre’s busiest coworking space is a stone’s throw from the train station and the ski lift. It is home to an active network of entrepreneurs and remote workers, with breakfast meetings every Friday.',
      openingHours: 'Weekdays 07–19, members 24/7',
    },
  },
  {
    slug: 'jarpen-arbetsplats',
    name: 'Järpens Arbetsplats',
    municipality: 'are',
    address: { street: 'Centrumvägen 14', postalCode: '837 31', city: 'Järpen' },
    latitude: 63.3481,
    longitude: 13.4716,
    description:
      'Ett kontorshotell i Järpens centrum för den som bor i de östra delarna av Åre kommun. Lokalen har skrivbordsplatser, ett mötesrum och nära till både tåg och matbutik.',
    amenities: ['wifi', 'meeting-room', 'parking'],
    openingHours: 'Vardagar 08–17, medlemmar 06–22',
  },
  {
    slug: 'krokom-cowork',
    name: 'Krokom Cowork',
    municipality: 'krokom',
    address: { street: 'Köpmangatan 3', postalCode: '835 31', city: 'Krokom' },
    latitude: 63.3262,
    longitude: 14.4559,
    description:
      'Ett litet och personligt kontorshotell i centrala Krokom, tio minuter från Östersund. Här finns fasta platser och dagplatser, och fikat står alltid framme.',
    amenities: ['wifi', 'kitchen', 'parking', 'printer'],
    openingHours: 'Vardagar 07–17, medlemmar dygnet runt',
    website: 'https://www.krokomcowork.example',
  },
  {
    slug: 'svenstaviks-kontorshotell',
    name: 'Svenstaviks kontorshotell',
    municipality: 'berg',
    address: { street: 'Kyrkvägen 7', postalCode: '845 31', city: 'Svenstavik' },
    latitude: 62.7675,
    longitude: 14.4341,
    description:
      'Bergs kommuns kontorshotell ligger i Svenstaviks centrum, nära affärer och busshållplats. Det är en populär mötesplats för distansarbetare, studenter och lokala företagare.',
    amenities: ['wifi', 'meeting-room', 'kitchen', 'access-24h'],
    openingHours: 'Vardagar 08–17, medlemmar dygnet runt',
  },
  {
    slug: 'bracke-stationskontor',
    name: 'Bräcke Stationskontor',
    municipality: 'bracke',
    address: { street: 'Järnvägsgatan 2', postalCode: '843 31', city: 'Bräcke' },
    latitude: 62.7506,
    longitude: 15.4199,
    description:
      'Ett kontorshotell i det gamla stationshuset i Bräcke, med tåget till Östersund och Sundsvall utanför dörren. Perfekt för den som pendlar några dagar i veckan och jobbar hemma de andra.',
    amenities: ['wifi', 'kitchen', 'phone-booth'],
    openingHours: 'Vardagar 07–18',
    website: 'https://www.brackestationskontor.example',
  },
  {
    slug: 'funasdalen-fjallhub',
    name: 'Fjällhubben Funäsdalen',
    municipality: 'harjedalen',
    address: { street: 'Rörosvägen 30', postalCode: '840 95', city: 'Funäsdalen' },
    latitude: 62.5409,
    longitude: 12.5487,
    description:
      'Ett kontorshotell i Funäsdalen för distansarbetare och småföretagare som vill ha fjällen nära. Lokalen har skidförråd, torkskåp och ett stort mötesrum som går att boka för workshoppar.',
    amenities: ['wifi', 'meeting-room', 'kitchen', 'parking', 'access-24h'],
    openingHours: 'Vardagar 08–18, medlemmar dygnet runt',
    en: {
      description:
        'A coworking space in Funäsdalen for remote workers and small business owners who want the mountains close by. It has ski storage, drying cabinets and a large meeting room that can be booked for workshops.',
      openingHours: 'Weekdays 08–18, members 24/7',
    },
  },
  {
    slug: 'vattudalens-kontorshotell',
    name: 'Vattudalens kontorshotell',
    municipality: 'stromsund',
    address: { street: 'Storgatan 18', postalCode: '833 35', city: 'Strömsund' },
    latitude: 63.8523,
    longitude: 15.5563,
    description:
      'Ett kontorshotell i centrala Strömsund med utsikt över Ströms Vattudal. Här möts distansarbetare, företagare och studenter, och det finns både dagplatser och egna kontorsrum.',
    amenities: ['wifi', 'meeting-room', 'printer', 'phone-booth'],
    openingHours: 'Vardagar 08–17, medlemmar 06–23',
  },
  {
    slug: 'alvdalens-kontorshotell-hammarstrand',
    name: 'Älvdalens kontorshotell',
    municipality: 'ragunda',
    address: { street: 'Kyrkvägen 9', postalCode: '840 70', city: 'Hammarstrand' },
    latitude: 63.1064,
    longitude: 16.3433,
    description:
      'Ragundas nya kontorshotell ligger i en ombyggd bankfastighet mitt i Hammarstrand, vägg i vägg med lärcentrum. Här finns tolv arbetsplatser, två mötesrum och ett telefonbås.',
    amenities: ['wifi', 'meeting-room', 'phone-booth', 'kitchen'],
    openingHours: 'Vardagar 07–18, medlemmar dygnet runt',
    website: 'https://www.alvdalenskontor.example',
  },
];
