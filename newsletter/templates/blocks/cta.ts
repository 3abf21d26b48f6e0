import { button, card, heading, paragraph } from '../parts';
import type { CtaBlock, RenderContext } from '../types';

export function renderCta(block: CtaBlock, ctx: RenderContext): string {
  return card(
    [
      block.heading ? heading(block.heading) : '',
      block.text ? paragraph(block.text) : '',
      button(block.buttonLabel, block.url, ctx),
    ].join(''),
  );
}
