import type {
  AmbassadorLanguage,
  ArticleCategory,
  CoworkingAmenity,
  MunicipalitySlug,
  NetworkKind,
  StoryTheme,
  Topic,
} from '@tasteget/shared';

/**
 * Shapes of the demo content. Texts are plain strings; every entry of a `body` array becomes one
 * paragraph. `en` holds the English translation where the demo has one (Swedish always exists).
 */
export type Paragraphs = string[];

export interface KommunSeed {
  municipality: MunicipalitySlug;
  name: string;
  intro: string;
  sections: {
    theme: 'living' | 'work' | 'school-childcare' | 'leisure';
    heading: string;
    body: Paragraphs;
    /** A link's label in Swedish, and in English for the English version of the page. */
    links?: { label: string; labelEn: string; url: string }[];
  }[];
  guide: { name: string; title: string; titleEn: string; email: string; phone: string };
  en: { intro: string; sections: { heading: string; body: Paragraphs }[] };
}

export interface StorySeed {
  slug: string;
  title: string;
  lead: string;
  body: Paragraphs;
  person: { name: string; age: number; movedFrom: string; occupation: string };
  municipality: MunicipalitySlug;
  themes: StoryTheme[];
  featured?: boolean;
  /** The person's words in English where they differ (where from, what they do). */
  en?: {
    title: string;
    lead: string;
    body: Paragraphs;
    person: Pick<StorySeed['person'], 'movedFrom' | 'occupation'>;
  };
}

export interface ArticleSeed {
  slug: string;
  title: string;
  lead: string;
  body: Paragraphs;
  municipalities: MunicipalitySlug[];
  category: ArticleCategory;
  en?: { title: string; lead: string; body: Paragraphs };
}

export interface EventSeed {
  slug: string;
  title: string;
  /** Days from the day the seed runs, so the demo always has upcoming events. */
  startsInDays: number;
  /** Local start time in Europe/Stockholm, "HH:MM". */
  startTime: string;
  durationHours: number;
  place: string;
  municipality: MunicipalitySlug;
  description: Paragraphs;
  signUpUrl?: string;
  /** Sign-ups on the portal, with this many places (the newcomer meetups). */
  places?: number;
  en?: { title: string; place: string; description: Paragraphs };
}

export interface EditionSeed {
  year: number;
  title: string;
  slug: string;
  description: string;
  orderable: boolean;
  en?: { title: string; description: string };
}

export interface AmbassadorSeed {
  slug: string;
  name: string;
  municipality: MunicipalitySlug;
  bio: string;
  topics: Topic[];
  languages: AmbassadorLanguage[];
  consentToPublish: boolean;
  en?: { bio: string };
}

export interface CoworkingSeed {
  slug: string;
  name: string;
  municipality: MunicipalitySlug;
  address: { street: string; postalCode: string; city: string };
  latitude: number;
  longitude: number;
  description: string;
  amenities: CoworkingAmenity[];
  openingHours: string;
  website?: string;
  en?: { description: string; openingHours: string };
}

/** A demo network contact: private details under example domains, linked to its public entry by slug. */
export interface NetworkSeed {
  kind: NetworkKind;
  name: string;
  organisation?: string;
  municipality: MunicipalitySlug | null;
  email: string;
  language: 'sv' | 'en';
  consent: boolean;
  publishConsent?: boolean;
  ambassador?: string;
  coworkingSpace?: string;
}
