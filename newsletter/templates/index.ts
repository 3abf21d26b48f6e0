import { BRAND } from './brand';
import { renderBlock } from './blocks';
import { footer, greeting, head, header } from './layout';
import type { CampaignBlock, CampaignMeta, Slots, TemplateSender } from './types';

export * from './types';
export { STRINGS, reasonFor } from './strings';
export { absoluteUrl } from './html';

/**
 * The whole newsletter as MJML: header, greeting, one card per block, footer. Per-recipient values
 * arrive as `slots` (opaque placeholders) and are placed as they are.
 */
export function campaignMjml(
  meta: CampaignMeta,
  blocks: readonly CampaignBlock[],
  sender: TemplateSender,
  slots: Slots,
): string {
  const ctx = { language: meta.language, sender };
  return `<mjml lang="${meta.language}">
${head(meta)}
<mj-body background-color="${BRAND.background}" width="${BRAND.width}px">
${header(ctx)}
${greeting(slots)}
${blocks.map((block) => renderBlock(block, ctx)).join('\n')}
${footer(meta, ctx, slots)}
</mj-body>
</mjml>`;
}
