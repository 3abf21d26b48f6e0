import type { EventSeed } from './types';

export const EVENTS: EventSeed[] = [
  {
    slug: 'inflyttartraff-stromsund',
    title: 'Inflyttarträff i Strömsund',
    startsInDays: 14,
    startTime: '18:00',
    durationHours: 3,
    place: 'Kulturhuset Vattudalen, Strömsund',
    municipality: 'stromsund',
    description: [
      'Har du flyttat till Strömsunds kommun under det senaste året? Då är du varmt välkommen till en kväll med god mat, mingel och möten med andra nyinflyttade. Kommunens flyttvägledare berättar om service, fritid och föreningsliv, och flera föreningar finns på plats för att visa vad de gör.',
      'Barn är välkomna, och det finns aktiviteter för de minsta under kvällen. Kvällen är kostnadsfri, men vi vill gärna att du anmäler dig i förväg så att vi vet hur mycket mat vi ska beställa.',
    ],
    places: 40,
    en: {
      title: 'Newcomer meetup in Strömsund',
      place: 'Vattudalen Cultural Centre, Strömsund',
      description: [
        'Have you moved to Strömsund municipality during the past year? Then you are warmly welcome to an evening of good food, mingling and meeting other newcomers. The municipality’s relocation guide will tell you about services, leisure and local clubs, and several associations will be there to show what they do.',
        'Children are welcome, and there will be activities for the little ones during the evening. The evening is free of charge, but please sign up in advance so that we know how much food to order.',
      ],
    },
  },
  {
    slug: 'jobbmassan-jamtland-harjedalen',
    title: 'Jobbmässan Jämtland Härjedalen',
    startsInDays: 30,
    startTime: '10:00',
    durationHours: 6,
    place: 'Storsjöhallen, Östersund',
    municipality: 'ostersund',
    description: [
      'Länets största jobbmässa samlar över 60 arbetsgivare från hela Jämtland Härjedalen – från regionen och kommunerna till industri, it, besöksnäring och byggbranschen. Här kan du prata direkt med de som rekryterar, lämna ditt cv och boka intervjuer på plats.',
      'Ta Steget finns på plats med flyttvägledare från alla åtta kommuner, som svarar på frågor om bostad, förskola och jobb för medflyttande. Inträdet är gratis och ingen föranmälan krävs.',
    ],
  },
  {
    slug: 'oppet-hus-pa-kontorshotellet-i-are',
    title: 'Öppet hus på kontorshotellet i Åre',
    startsInDays: 45,
    startTime: '09:00',
    durationHours: 8,
    place: 'Fjällkontoret, Åre',
    municipality: 'are',
    description: [
      'Är du nyfiken på hur det är att jobba på distans från Åre? Kom och prova på en dag på kontorshotellet – helt gratis. Du får en egen arbetsplats med skärm, snabbt wifi och fri tillgång till kaffe och frukt.',
      'Klockan 12 bjuder vi på lunch och en kort presentation av nätverket för distansarbetare och entreprenörer i Åre. Antalet platser är begränsat, så anmäl dig i förväg.',
    ],
    signUpUrl: 'https://www.fjallkontoret.example/oppet-hus',
  },
  {
    slug: 'prova-pa-boende-helg-i-klovsjo',
    title: 'Prova-på-boende: en helg i Klövsjö',
    startsInDays: 60,
    startTime: '16:00',
    durationHours: 46,
    place: 'Klövsjö byagård, Klövsjö',
    municipality: 'berg',
    description: [
      'Funderar du på att flytta till Berg men vill veta mer först? Under en helg får du och din familj bo i en stuga i Klövsjö, träffa ortsbor och andra inflyttade, besöka förskolan och skolan och titta på bostäder som är till salu eller uthyrning.',
      'Kommunen står för boendet och flera av måltiderna, och på lördagen ordnar byaföreningen en guidad tur på skidor eller till fots, beroende på säsong. Antalet platser är begränsat till åtta hushåll.',
    ],
    signUpUrl: 'https://www.berg.kommun.example/prova-pa',
  },
  {
    slug: 'vintervalkomst-i-funasdalen',
    title: 'Vintervälkomst för nya härjedalingar',
    startsInDays: 100,
    startTime: '17:00',
    durationHours: 4,
    place: 'Byagården, Funäsdalen',
    municipality: 'harjedalen',
    description: [
      'Vintern är här, och vi vill välkomna alla som har flyttat till Härjedalen under året! Kvällen börjar med en facklande promenad och fortsätter med varm soppa, livemusik och tips från erfarna härjedalingar om allt från vinterdäck till skidvalla.',
      'Passa på att träffa föreningar, arbetsgivare och kommunens flyttvägledare. Kvällen är gratis och öppen för alla åldrar.',
    ],
  },
  {
    slug: 'webinar-flytta-till-jamtland-harjedalen-fran-utlandet',
    title: 'Webbinarium: Flytta till Jämtland Härjedalen från utlandet',
    startsInDays: 140,
    startTime: '19:00',
    durationHours: 1.5,
    place: 'Digitalt, sänds från Östersund',
    municipality: 'ostersund',
    description: [
      'Bor du utomlands och funderar på att flytta till Jämtland Härjedalen? I det här webbinariet går vi igenom det praktiska: uppehållstillstånd, personnummer, bostadsmarknaden, förskola och skola samt hur du validerar din utbildning.',
      'Du får också möta tre personer som har flyttat hit från Nederländerna, Tyskland och Syrien och som berättar om sina erfarenheter. Webbinariet hålls på engelska, och det finns tid för frågor.',
    ],
    signUpUrl: 'https://www.tasteget.example/webbinarium',
    en: {
      title: 'Webinar: Moving to Jämtland Härjedalen from abroad',
      place: 'Online, broadcast from Östersund',
      description: [
        'Do you live abroad and are thinking about moving to Jämtland Härjedalen? In this webinar we go through the practical side: residence permits, personal identity numbers, the housing market, preschool and school, and how to get your qualifications recognised.',
        'You will also meet three people who have moved here from the Netherlands, Germany and Syria and who share their experiences. The webinar is held in English, and there will be time for questions.',
      ],
    },
  },
];
