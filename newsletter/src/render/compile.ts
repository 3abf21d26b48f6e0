import type mjml2html from 'mjml';
import { convert } from 'html-to-text';
import { campaignMjml } from '../../templates';
import { campaignList } from '../../templates/strings';
import type { CampaignBlock, CampaignMeta, TemplateSender } from '../../templates/types';
import { placeholderSet, SLOT_NAMES, type SplitTemplate } from './placeholders';

/** A campaign rendered once: HTML and text with per-recipient placeholders, ready for `personalise`. */
export interface CompiledCampaign {
  subject: string;
  language: CampaignMeta['language'];
  audience: CampaignMeta['audience'];
  /** The newsletter it is sent for (its List-Id). */
  list: ReturnType<typeof campaignList>;
  html: SplitTemplate;
  text: SplitTemplate;
  /** MJML warnings are errors under strict validation, so this is empty unless that changes. */
  warnings: string[];
}

export class MjmlValidationError extends Error {
  constructor(readonly details: { line: number; tagName: string; message: string }[]) {
    super(
      `Nyhetsbrevet kunde inte byggas (MJML):\n${details.map((d) => `  - rad ${d.line} <${d.tagName}>: ${d.message}`).join('\n')}`,
    );
    this.name = 'MjmlValidationError';
  }
}

interface MjmlErrorLike {
  line: number;
  tagName: string;
  message: string;
}

function mjmlErrors(error: unknown): MjmlErrorLike[] | null {
  const errors = (error as { errors?: unknown } | null)?.errors;
  return Array.isArray(errors) ? (errors as MjmlErrorLike[]) : null;
}

/**
 * MJML and its HTML toolchain (juice, cheerio, js-beautify, …) are some 20 MB of a process's heap
 * and needed only when a campaign is compiled: loaded then, not at every CMS and worker boot.
 */
async function loadMjml(): Promise<typeof mjml2html> {
  return (await import('mjml')).default;
}

/** Zero-width characters MJML's spacers and preheader padding leave in the text. */
const ZERO_WIDTH = new Set([0x034f, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]);

function isBlank(line: string): boolean {
  return [...line].every((ch) => /\s/.test(ch) || ZERO_WIDTH.has(ch.codePointAt(0) ?? 0));
}

/** The text part: links kept as "label [url]", headings not upper-cased (they may hold placeholders). */
export function htmlToText(html: string): string {
  return (
    convert(html, {
      wordwrap: 78,
      selectors: [
        { selector: 'img', format: 'skip' },
        // mj-preview's hidden preheader: it belongs to the inbox list, not the text body.
        { selector: 'div[style*="display:none"]', format: 'skip' },
        { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
        ...(['h1', 'h2', 'h3'] as const).map((selector) => ({ selector, options: { uppercase: false } })),
      ],
    })
      // Spacers leave lines of (zero-width) spaces behind.
      .split('\n')
      .map((line) => (isBlank(line) ? '' : line.trimEnd()))
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}

/**
 * MJML indents its output; the indentation is a fifth of the bytes every recipient downloads (and
 * the sender encodes and writes). Leading white space of a line is insignificant in HTML outside
 * <pre>, <textarea> and `white-space: pre`, none of which the templates use.
 */
function withoutIndentation(html: string): string {
  return html.replace(/^[ \t]+/gm, '');
}

/**
 * Renders a campaign once (MJML with strict validation, then text from the HTML). Throws
 * `MjmlValidationError` listing every MJML error; the per-recipient work is only substitution.
 */
export async function compileCampaign(
  campaign: CampaignMeta,
  content: readonly CampaignBlock[],
  sender: TemplateSender,
): Promise<CompiledCampaign> {
  const placeholders = placeholderSet();
  const source = campaignMjml(campaign, content, sender, placeholders.slots);
  const mjml = await loadMjml();
  let result: Awaited<ReturnType<typeof mjml2html>>;
  try {
    result = await mjml(source, { validationLevel: 'strict', keepComments: false });
  } catch (error) {
    const details = mjmlErrors(error);
    if (details) throw new MjmlValidationError(details);
    throw error;
  }
  if (result.errors.length > 0) throw new MjmlValidationError(result.errors);
  const html = placeholders.split(withoutIndentation(result.html));
  const text = placeholders.split(htmlToText(result.html));
  for (const [name, template] of [
    ['HTML', html],
    ['text', text],
  ] as const) {
    const missing = SLOT_NAMES.filter((slot) => !template.slots.includes(slot));
    if (missing.length > 0) throw new Error(`The ${name} part lost its placeholders: ${missing.join(', ')}`);
  }
  return {
    subject: campaign.subject,
    language: campaign.language,
    audience: campaign.audience,
    list: campaignList(campaign),
    html,
    text,
    warnings: [],
  };
}
