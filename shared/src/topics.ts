import { defineOptions } from './labels';

/** Topics a household wants guidance on (registration form, contact card, segments, ambassadors). */
export const TOPICS = defineOptions({
  job: { sv: 'Jobb', en: 'Jobs' },
  housing: { sv: 'Boende', en: 'Housing' },
  'school-childcare': { sv: 'Skola och förskola', en: 'School and childcare' },
  business: { sv: 'Starta företag', en: 'Starting a business' },
  'remote-work': { sv: 'Distansarbete', en: 'Remote work' },
  networks: { sv: 'Nätverk', en: 'Networks' },
  leisure: { sv: 'Fritid', en: 'Leisure' },
  studies: { sv: 'Studier', en: 'Studies' },
});
export type Topic = (typeof TOPICS.values)[number];

/** Themes of stories ("berättelser") about people who moved here. */
export const STORY_THEMES = defineOptions({
  family: { sv: 'Familj', en: 'Family' },
  'remote-work': { sv: 'Distansarbete', en: 'Remote work' },
  entrepreneur: { sv: 'Företagande', en: 'Entrepreneurship' },
  returner: { sv: 'Återvändare', en: 'Returners' },
  nature: { sv: 'Natur och friluftsliv', en: 'Nature and outdoor life' },
  career: { sv: 'Karriär', en: 'Career' },
  students: { sv: 'Studier', en: 'Studies' },
});
export type StoryTheme = (typeof STORY_THEMES.values)[number];

/** Article categories on the news pages. */
export const ARTICLE_CATEGORIES = defineOptions({
  news: { sv: 'Nyheter', en: 'News' },
  'job-market': { sv: 'Arbetsmarknad', en: 'Job market' },
  events: { sv: 'Evenemang', en: 'Events' },
  press: { sv: 'Press', en: 'Press' },
});
export type ArticleCategory = (typeof ARTICLE_CATEGORIES.values)[number];

/** Amenities listed for coworking spaces. */
export const COWORKING_AMENITIES = defineOptions({
  wifi: { sv: 'Wifi', en: 'Wi-Fi' },
  'meeting-room': { sv: 'Mötesrum', en: 'Meeting room' },
  kitchen: { sv: 'Kök', en: 'Kitchen' },
  parking: { sv: 'Parkering', en: 'Parking' },
  'access-24h': { sv: 'Tillgång dygnet runt', en: '24/7 access' },
  printer: { sv: 'Skrivare', en: 'Printer' },
  'phone-booth': { sv: 'Telefonbås', en: 'Phone booth' },
});
export type CoworkingAmenity = (typeof COWORKING_AMENITIES.values)[number];

/** Languages an ambassador speaks (ISO 639-1). */
export const AMBASSADOR_LANGUAGES = defineOptions({
  sv: { sv: 'Svenska', en: 'Swedish' },
  en: { sv: 'Engelska', en: 'English' },
  de: { sv: 'Tyska', en: 'German' },
  nl: { sv: 'Nederländska', en: 'Dutch' },
  fi: { sv: 'Finska', en: 'Finnish' },
  no: { sv: 'Norska', en: 'Norwegian' },
  ar: { sv: 'Arabiska', en: 'Arabic' },
  es: { sv: 'Spanska', en: 'Spanish' },
  fr: { sv: 'Franska', en: 'French' },
  se: { sv: 'Samiska', en: 'Sami' },
});
export type AmbassadorLanguage = (typeof AMBASSADOR_LANGUAGES.values)[number];

/** Themed sections of a municipality page. */
export const KOMMUN_SECTION_THEMES = defineOptions({
  living: { sv: 'Boende', en: 'Living' },
  work: { sv: 'Arbete', en: 'Work' },
  'school-childcare': { sv: 'Skola och förskola', en: 'School and childcare' },
  leisure: { sv: 'Fritid', en: 'Leisure' },
});
export type KommunSectionTheme = (typeof KOMMUN_SECTION_THEMES.values)[number];
