import { formatDateTime, formatTime } from '../html';
import { STRINGS } from '../strings';
import { button, card, heading, paragraph } from '../parts';
import type { EventInvitationBlock, RenderContext } from '../types';

function when(block: EventInvitationBlock, ctx: RenderContext): string {
  const start = formatDateTime(block.startsAt, ctx.language);
  return block.endsAt ? `${start}–${formatTime(block.endsAt, ctx.language)}` : start;
}

export function renderEventInvitation(block: EventInvitationBlock, ctx: RenderContext): string {
  const s = STRINGS[ctx.language];
  return card(
    [
      heading(block.title),
      paragraph(`${s.when}: ${when(block, ctx)}\n${s.where}: ${block.place}`, { muted: true }),
      block.text ? paragraph(block.text) : '',
      block.signUpUrl ? button(s.signUp, block.signUpUrl, ctx) : '',
      button(s.eventDetails, block.url, ctx),
    ].join(''),
  );
}
