import { STRINGS } from '../strings';
import { button, card, heading, image, paragraph } from '../parts';
import type { RenderContext, StoryBlock } from '../types';

export function renderStory(block: StoryBlock, ctx: RenderContext): string {
  return card(
    [
      block.image ? image(block.image, ctx) : '',
      heading(block.title),
      block.person ? paragraph(block.person, { muted: true }) : '',
      paragraph(block.text || block.lead),
      button(STRINGS[ctx.language].readStory, block.url, ctx),
    ].join(''),
  );
}
