import { ASSESSMENT_METHODS, COMPLIANCE_STATUSES, SHORTCOMING_REASONS } from './accessibility';
import { MUNICIPALITIES, REGION } from './municipalities';
import type { Label } from './labels';
import {
  ACTIVITY_DIRECTIONS,
  ACTIVITY_KINDS,
  AUDIT_ACTIONS,
  BOUNCE_KINDS,
  CAMPAIGN_AUDIENCES,
  CAMPAIGN_STATUSES,
  CONSENT_EVENTS,
  CONSENT_KINDS,
  CONSENT_SOURCES,
  CONTACT_SOURCES,
  CONTACT_STATUSES,
  COUNTY_TIES,
  DELIVERY_STATUSES,
  EVENT_REGISTRATION_STATUSES,
  INBOUND_OUTCOMES,
  MOVE_TIMES,
  NETWORK_KINDS,
  ORDER_STATUSES,
  OUTBOX_STATUSES,
  PREFERRED_CHANNELS,
  SUBSCRIPTION_STATUSES,
  SUPPRESSION_REASONS,
} from './register';
import { AMBASSADOR_LANGUAGES, ARTICLE_CATEGORIES, KOMMUN_SECTION_THEMES } from './topics';

/**
 * Labels of the schemas' enumeration values, by raw value. The Content Manager shows an option (and
 * a list filter) as `formatMessage({ id: value, defaultMessage: value })`, so each raw value is a
 * translation key of its own, in Swedish and English, merged into the admin's translations
 * (cms/src/admin/translations/merged.ts); a person's data extract words its values with the same.
 * The labels are the shared vocabularies' own, the ones the portal and the mails use.
 *
 * One key serves every enumeration that has the value. Where vocabularies give one value different
 * labels, `SHARED_VALUES` names the one label that fits them all; any other disagreement is listed
 * in `labelDisagreements` (the unit test keeps it empty).
 */
const VOCABULARIES: Record<string, Label>[] = [
  CONTACT_STATUSES.labels,
  PREFERRED_CHANNELS.labels,
  COUNTY_TIES.labels,
  MOVE_TIMES.labels,
  CONTACT_SOURCES.labels,
  ACTIVITY_KINDS.labels,
  ORDER_STATUSES.labels,
  SUBSCRIPTION_STATUSES.labels,
  EVENT_REGISTRATION_STATUSES.labels,
  NETWORK_KINDS.labels,
  CAMPAIGN_STATUSES.labels,
  CAMPAIGN_AUDIENCES.labels,
  DELIVERY_STATUSES.labels,
  OUTBOX_STATUSES.labels,
  AUDIT_ACTIONS.labels,
  CONSENT_KINDS.labels,
  CONSENT_EVENTS.labels,
  CONSENT_SOURCES.labels,
  ACTIVITY_DIRECTIONS.labels,
  INBOUND_OUTCOMES.labels,
  SUPPRESSION_REASONS.labels,
  BOUNCE_KINDS.labels,
  ARTICLE_CATEGORIES.labels,
  KOMMUN_SECTION_THEMES.labels,
  COMPLIANCE_STATUSES.labels,
  SHORTCOMING_REASONS.labels,
  ASSESSMENT_METHODS.labels,
  // Municipality names are the same in both languages.
  Object.fromEntries(MUNICIPALITIES.map((m) => [m.slug, { sv: m.name, en: m.name }])),
  // The queue of contacts that chose no municipality.
  { [REGION]: { sv: 'Regionen', en: 'The region' } },
  // The `language` enumerations (sv, en): the languages' names.
  { sv: AMBASSADOR_LANGUAGES.labels.sv, en: AMBASSADOR_LANGUAGES.labels.en },
];

/** Values whose vocabularies label them differently, with one label for every meaning. */
const SHARED_VALUES: Record<string, Label> = {
  // A subscription waiting for confirmation, a mail waiting to be sent.
  pending: { sv: 'Väntar', en: 'Pending' },
};

const sv: Record<string, string> = {};
const en: Record<string, string> = {};
/** Values labelled differently by two vocabularies and not settled in SHARED_VALUES. */
export const labelDisagreements: string[] = [];

for (const vocabulary of VOCABULARIES) {
  for (const [value, label] of Object.entries(vocabulary)) {
    if (value in SHARED_VALUES) continue;
    if (value in sv && (sv[value] !== label.sv || en[value] !== label.en)) {
      labelDisagreements.push(value);
      continue;
    }
    sv[value] = label.sv;
    en[value] = label.en;
  }
}
for (const [value, label] of Object.entries(SHARED_VALUES)) {
  sv[value] = label.sv;
  en[value] = label.en;
}

export const enumLabels: { sv: Record<string, string>; en: Record<string, string> } = { sv, en };
