import { z } from 'zod';
import type { Label } from './labels';
import { MUNICIPALITIES, MUNICIPALITY_SLUGS } from './municipalities';
import { AMBASSADOR_LANGUAGES, COWORKING_AMENITIES, STORY_THEMES, TOPICS } from './topics';

/** A list of distinct values out of a fixed vocabulary, as stored in JSON fields. */
export function distinctList<T extends string>(values: readonly [T, ...T[]]) {
  return z
    .array(z.enum(values))
    .max(values.length)
    .refine((list) => new Set(list).size === list.length, { message: 'Värdena måste vara unika' });
}

export const municipalityList = distinctList(MUNICIPALITY_SLUGS);
export const topicList = distinctList(TOPICS.values);
export const storyThemeList = distinctList(STORY_THEMES.values);
export const amenityList = distinctList(COWORKING_AMENITIES.values);
export const languageList = distinctList(AMBASSADOR_LANGUAGES.values);

/**
 * The vocabularies a list field may hold, by the name a schema gives in its choice-list field's
 * options (`"options": { "list": "topics" }`): the values in order, each with its label. The
 * admin shows them as checkboxes; the CMS checks a saved list against the same values.
 */
export const CHOICE_LISTS = {
  municipalities: {
    values: MUNICIPALITY_SLUGS,
    labels: Object.fromEntries(MUNICIPALITIES.map((m) => [m.slug, { sv: m.name, en: m.name }])) as Record<
      string,
      Label
    >,
    schema: municipalityList,
  },
  topics: { ...TOPICS, schema: topicList },
  storyThemes: { ...STORY_THEMES, schema: storyThemeList },
  amenities: { ...COWORKING_AMENITIES, schema: amenityList },
  ambassadorLanguages: { ...AMBASSADOR_LANGUAGES, schema: languageList },
} as const satisfies Record<
  string,
  { values: readonly string[]; labels: Record<string, Label>; schema: z.ZodType<string[]> }
>;
export type ChoiceListName = keyof typeof CHOICE_LISTS;
export const isChoiceListName = (name: unknown): name is ChoiceListName =>
  typeof name === 'string' && Object.hasOwn(CHOICE_LISTS, name);
