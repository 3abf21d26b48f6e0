import { STRINGS } from '../strings';
import { button, card, heading, image, paragraph } from '../parts';
import type { MagazineBlock, RenderContext } from '../types';

export function renderMagazine(block: MagazineBlock, ctx: RenderContext): string {
  const s = STRINGS[ctx.language];
  const body = block.text || block.description;
  return card(
    [
      block.image ? image(block.image, ctx) : '',
      paragraph(`${s.magazine} ${block.year}`, { muted: true }),
      heading(block.title),
      body ? paragraph(body) : '',
      button(block.orderable ? s.orderMagazine : s.readMagazine, block.url, ctx),
    ].join(''),
  );
}
