import { STRINGS } from '../strings';
import { button, card, heading, image, paragraph } from '../parts';
import type { ArticleBlock, RenderContext } from '../types';

export function renderArticle(block: ArticleBlock, ctx: RenderContext): string {
  return card(
    [
      block.image ? image(block.image, ctx) : '',
      heading(block.title),
      paragraph(block.text || block.lead),
      button(STRINGS[ctx.language].readArticle, block.url, ctx),
    ].join(''),
  );
}
