import { portalRoute } from '@tasteget/shared';
import { BRAND } from './brand';
import { attr, absoluteUrl } from './html';
import { reasonFor, STRINGS } from './strings';
import type { CampaignMeta, RenderContext, Slots } from './types';

export function header(ctx: RenderContext): string {
  const s = STRINGS[ctx.language];
  // The portal's home in the mail's language: an English letter leads to the English pages.
  const home = attr(absoluteUrl(portalRoute('home', ctx.language), ctx.sender.siteUrl));
  const brand = ctx.sender.logoUrl
    ? `<mj-image src="${attr(ctx.sender.logoUrl)}" alt="${attr(s.brand)}" href="${home}" width="160px" align="left" padding="0" />`
    : `<mj-text font-size="24px" font-weight="700" color="${BRAND.accentInk}" padding="0"><a href="${home}" style="color:${BRAND.accentInk};text-decoration:none;">${attr(s.brand)}</a></mj-text>`;
  return `<mj-section background-color="${BRAND.accent}" padding="20px 24px">
  <mj-column>${brand}<mj-text color="${BRAND.accentInk}" font-size="14px" padding="4px 0 0 0">${attr(s.tagline)}</mj-text></mj-column>
</mj-section>`;
}

export function greeting(slots: Slots): string {
  return `<mj-section background-color="${BRAND.surface}" padding="24px 24px 0 24px">
  <mj-column><mj-text font-size="18px" font-weight="700">${slots.greeting}</mj-text></mj-column>
</mj-section>`;
}

/**
 * Sender's postal address, why the recipient gets this, the unsubscribe link and the link to the
 * recipient's preferences (what the portal's confirmation page promises): every mail.
 */
export function footer(meta: CampaignMeta, ctx: RenderContext, slots: Slots): string {
  const s = STRINGS[meta.language];
  const unsubscribe = meta.audience === 'subscribers' ? s.unsubscribe : s.unsubscribeContact;
  // The campaign's own reason, the same for every recipient: no personal data in it.
  const reason = attr(reasonFor(meta));
  return `<mj-section padding="16px 24px 32px 24px">
  <mj-column>
    <mj-text font-size="13px" color="${BRAND.muted}" line-height="1.5">
      <p style="margin:0 0 8px 0;">${reason}</p>
      <p style="margin:0 0 8px 0;"><a href="${slots.unsubscribeUrl}" style="color:${BRAND.accent};">${attr(unsubscribe)}</a></p>
      <p style="margin:0 0 8px 0;"><a href="${slots.preferencesUrl}" style="color:${BRAND.accent};">${attr(s.preferences)}</a></p>
      <p style="margin:0;">${attr(ctx.sender.name)} · ${attr(ctx.sender.postalAddress)}</p>
    </mj-text>
  </mj-column>
</mj-section>`;
}

export function head(meta: CampaignMeta): string {
  return `<mj-head>
  <mj-title>${attr(meta.subject)}</mj-title>
  ${meta.preheader ? `<mj-preview>${attr(meta.preheader)}</mj-preview>` : ''}
  <mj-attributes>
    <mj-all font-family="${BRAND.fontFamily.replace(/"/g, "'")}" />
    <mj-text font-size="16px" line-height="1.55" color="${BRAND.ink}" padding="0 0 12px 0" />
    <mj-button background-color="${BRAND.accent}" color="${BRAND.accentInk}" font-size="16px" font-weight="700" border-radius="4px" inner-padding="12px 22px" padding="4px 0 16px 0" />
  </mj-attributes>
  <mj-style inline="inline">a { color: ${BRAND.accent}; }</mj-style>
</mj-head>`;
}
