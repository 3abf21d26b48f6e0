import { defineOptions } from './labels';

/**
 * The accessibility statement's vocabularies, as DIGG's model statement for public websites
 * (lagen om tillgänglighet till digital offentlig service, MDFFS 2019:2) words them: how far the
 * site complies, why content is not accessible, and how the statement was made.
 */
export const COMPLIANCE_STATUSES = defineOptions({
  'fully-compliant': { sv: 'Helt förenlig', en: 'Fully compliant' },
  'partially-compliant': { sv: 'Delvis förenlig', en: 'Partially compliant' },
  'not-compliant': { sv: 'Inte förenlig', en: 'Not compliant' },
});
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES.values)[number];

/** What the law asks a statement to say about the whole site, per status. */
export const COMPLIANCE_SENTENCES: Record<ComplianceStatus, { sv: string; en: string }> = {
  'fully-compliant': {
    sv: 'Webbplatsen är helt förenlig med lagen om tillgänglighet till digital offentlig service.',
    en: 'This website is fully compliant with the Swedish act on accessibility to digital public services.',
  },
  'partially-compliant': {
    sv: 'Webbplatsen är delvis förenlig med lagen om tillgänglighet till digital offentlig service, på grund av de brister som beskrivs nedan.',
    en: 'This website is partially compliant with the Swedish act on accessibility to digital public services, due to the shortcomings described below.',
  },
  'not-compliant': {
    sv: 'Webbplatsen är inte förenlig med lagen om tillgänglighet till digital offentlig service.',
    en: 'This website is not compliant with the Swedish act on accessibility to digital public services.',
  },
};

export const SHORTCOMING_REASONS = defineOptions({
  'non-compliance': { sv: 'Bristande förenlighet med lagkraven', en: 'Non-compliance with the requirements' },
  'disproportionate-burden': { sv: 'Oskäligt betungande anpassning', en: 'Disproportionate burden' },
  'out-of-scope': { sv: 'Innehåll som inte omfattas av lagen', en: 'Content outside the scope of the law' },
});
export type ShortcomingReason = (typeof SHORTCOMING_REASONS.values)[number];

export const ASSESSMENT_METHODS = defineOptions({
  'self-assessment': { sv: 'Egen bedömning (självskattning)', en: 'Self-assessment' },
  'third-party': { sv: 'Granskning av extern part', en: 'Assessment by a third party' },
});
export type AssessmentMethod = (typeof ASSESSMENT_METHODS.values)[number];

/** DIGG's page where anyone reports a public website's lack of accessibility. */
export const DIGG_REPORT_URL = 'https://www.digg.se/tdosanmalan';
