import type { CampaignBlock, RenderContext } from '../types';
import { renderArticle } from './article';
import { renderCta } from './cta';
import { renderEventInvitation } from './event-invitation';
import { renderIntroText } from './intro-text';
import { renderMagazine } from './magazine';
import { renderStory } from './story';

/** One renderer per block kind; the switch is exhaustive, so a new kind fails to compile here. */
export function renderBlock(block: CampaignBlock, ctx: RenderContext): string {
  switch (block.kind) {
    case 'intro-text':
      return renderIntroText(block);
    case 'story':
      return renderStory(block, ctx);
    case 'article':
      return renderArticle(block, ctx);
    case 'event-invitation':
      return renderEventInvitation(block, ctx);
    case 'cta':
      return renderCta(block, ctx);
    case 'magazine':
      return renderMagazine(block, ctx);
  }
}
