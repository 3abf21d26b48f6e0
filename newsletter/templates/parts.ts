import { BRAND } from './brand';
import { absoluteUrl, attr, text } from './html';
import type { ImageRef, RenderContext } from './types';

/** Small MJML pieces the block renderers share. Everything from the CMS goes through html.ts. */

export function heading(value: string, level: 1 | 2 = 2): string {
  const size = level === 1 ? '26px' : '21px';
  return `<mj-text font-size="${size}" font-weight="700" line-height="1.25" padding-bottom="6px"><h${level} style="margin:0;font-size:${size};">${attr(value)}</h${level}></mj-text>`;
}

export function paragraph(value: string, options: { muted?: boolean } = {}): string {
  const color = options.muted ? ` color="${BRAND.muted}"` : '';
  return `<mj-text${color}><p style="margin:0;">${text(value)}</p></mj-text>`;
}

export function button(label: string, url: string, ctx: RenderContext): string {
  return `<mj-button href="${attr(absoluteUrl(url, ctx.sender.siteUrl))}" align="left">${attr(label)}</mj-button>`;
}

/** Not linked: a linked image leaves a bare URL in the text part, and the button carries the link. */
export function image(ref: ImageRef, ctx: RenderContext): string {
  // A known width keeps small images from being stretched to the column.
  const width = ref.width && ref.width < 552 ? ` width="${Math.round(ref.width)}px"` : '';
  return `<mj-image src="${attr(absoluteUrl(ref.url, ctx.sender.siteUrl))}" alt="${attr(ref.alt)}"${width} padding="0 0 12px 0" />`;
}

/** One white card: a section with one column holding the given content. */
export function card(content: string): string {
  return `<mj-section background-color="${BRAND.surface}" padding="24px 24px 8px 24px"><mj-column>${content}</mj-column></mj-section>
<mj-section padding="0"><mj-column><mj-spacer height="12px" /></mj-column></mj-section>`;
}
