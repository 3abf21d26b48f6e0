import { heading, paragraph, card } from '../parts';
import type { IntroTextBlock } from '../types';

export function renderIntroText(block: IntroTextBlock): string {
  return card(`${block.heading ? heading(block.heading) : ''}${paragraph(block.text)}`);
}
