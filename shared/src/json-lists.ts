import { z } from 'zod';
import { MUNICIPALITY_SLUGS } from './municipalities';
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
