import type { Paragraphs } from './data/types';

/** Strapi "blocks" rich text from plain paragraphs. */
export function paragraphs(texts: Paragraphs) {
  return texts.map((text) => ({ type: 'paragraph' as const, children: [{ type: 'text' as const, text }] }));
}
