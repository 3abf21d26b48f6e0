import { describe, expect, it } from 'vitest';
import { CHOICE_LIST_FIELD } from '../../cms/src/content/json-lists';
import {
  isChoiceListName,
  ASSESSMENT_METHODS,
  COMPLIANCE_STATUSES,
  SHORTCOMING_REASONS,
  CONSENT_EVENTS,
  CONSENT_KINDS,
  CONSENT_SOURCES,
  ACTIVITY_DIRECTIONS,
  ACTIVITY_KINDS,
  BOUNCE_KINDS,
  INBOUND_OUTCOMES,
  SUPPRESSION_REASONS,
  ARTICLE_CATEGORIES,
  AUDIT_ACTIONS,
  CAMPAIGN_AUDIENCES,
  CAMPAIGN_STATUSES,
  CONTACT_SOURCES,
  CONTACT_STATUSES,
  COUNTY_TIES,
  DELIVERY_STATUSES,
  KOMMUN_SECTION_THEMES,
  LOCALES,
  MAGAZINE_ORDER_MAX_QUANTITY,
  MOVE_TIMES,
  MUNICIPALITY_SLUGS,
  ORDER_STATUSES,
  OUTBOX_STATUSES,
  PHONE_PATTERN,
  WEB_LINK_PATTERN,
  PREFERRED_CHANNELS,
  QUEUE_OWNERS,
  SUBSCRIPTION_STATUSES,
  EVENT_REGISTRATION_STATUSES,
  NETWORK_KINDS,
} from '@tasteget/shared';
import { readSchemas } from '../support/schemas';

/** Which shared vocabulary each enumeration of the CMS schemas must equal. */
const VOCABULARY: Record<string, readonly string[]> = {
  'api::kommun.kommun.municipality': MUNICIPALITY_SLUGS,
  'api::consent-record.consent-record.kind': CONSENT_KINDS.values,
  'api::consent-record.consent-record.event': CONSENT_EVENTS.values,
  'api::consent-record.consent-record.source': CONSENT_SOURCES.values,
  'api::article.article.category': ARTICLE_CATEGORIES.values,
  'api::contact.contact.preferredChannel': PREFERRED_CHANNELS.values,
  'api::contact.contact.countyTie': COUNTY_TIES.values,
  'api::contact.contact.plannedMoveTime': MOVE_TIMES.values,
  'api::contact.contact.source': CONTACT_SOURCES.values,
  'api::contact.contact.sourceMunicipality': MUNICIPALITY_SLUGS,
  'api::contact.contact.language': LOCALES,
  'api::contact.contact.moveStatus': CONTACT_STATUSES.values,
  'api::contact.contact.assignedMunicipality': QUEUE_OWNERS,
  'api::contact.contact.movedTo': MUNICIPALITY_SLUGS,
  'api::contact-activity.contact-activity.kind': ACTIVITY_KINDS.values,
  'api::contact-activity.contact-activity.direction': ACTIVITY_DIRECTIONS.values,
  'api::inbound-message.inbound-message.outcome': INBOUND_OUTCOMES.values,
  'api::mail-suppression.mail-suppression.reason': SUPPRESSION_REASONS.values,
  'api::newsletter-delivery.newsletter-delivery.bounce': BOUNCE_KINDS.values,
  'api::magazine-order.magazine-order.orderStatus': ORDER_STATUSES.values,
  'api::magazine-order.magazine-order.language': LOCALES,
  'api::newsletter-subscription.newsletter-subscription.subscriptionStatus': SUBSCRIPTION_STATUSES.values,
  'api::newsletter-subscription.newsletter-subscription.language': LOCALES,
  'api::event-registration.event-registration.registrationStatus': EVENT_REGISTRATION_STATUSES.values,
  'api::event-registration.event-registration.language': LOCALES,
  'api::network-contact.network-contact.kind': NETWORK_KINDS.values,
  'api::network-contact.network-contact.municipality': MUNICIPALITY_SLUGS,
  'api::network-contact.network-contact.language': LOCALES,
  'api::newsletter-campaign.newsletter-campaign.campaignStatus': CAMPAIGN_STATUSES.values,
  'api::newsletter-campaign.newsletter-campaign.audience': CAMPAIGN_AUDIENCES.values,
  'api::newsletter-campaign.newsletter-campaign.language': LOCALES,
  'api::newsletter-delivery.newsletter-delivery.deliveryStatus': DELIVERY_STATUSES.values,
  'api::outbox-message.outbox-message.sendStatus': OUTBOX_STATUSES.values,
  'api::guide-assignment.guide-assignment.queue': QUEUE_OWNERS,
  'api::register-audit.register-audit.action': AUDIT_ACTIONS.values,
  'sections.theme-section.theme': KOMMUN_SECTION_THEMES.values,
  'api::accessibility-statement.accessibility-statement.complianceStatus': COMPLIANCE_STATUSES.values,
  'api::accessibility-statement.accessibility-statement.assessmentMethod': ASSESSMENT_METHODS.values,
  'accessibility.shortcoming.reason': SHORTCOMING_REASONS.values,
};

const schemas = readSchemas();

describe('CMS schemas use the shared vocabulary', () => {
  const enumerations = schemas.flatMap((s) =>
    Object.entries(s.attributes)
      .filter(([, a]) => a.type === 'enumeration')
      .map(([field, a]) => ({ key: `${s.uid}.${field}`, values: a.enum ?? [] })),
  );

  it('finds the enumerations', () => {
    expect(enumerations.length).toBeGreaterThanOrEqual(Object.keys(VOCABULARY).length);
  });

  it.each(enumerations)('$key equals its shared list', ({ key, values }) => {
    expect(VOCABULARY[key], `${key} is not tied to a shared list: add it to VOCABULARY`).toBeDefined();
    expect(values).toEqual([...VOCABULARY[key]]);
  });

  it('names a shared vocabulary for every choice-list field, and keeps no list of one as bare JSON', () => {
    const choices = schemas.flatMap((s) =>
      Object.entries(s.attributes)
        .filter(([, a]) => a.customField === CHOICE_LIST_FIELD)
        .map(([field, a]) => ({ at: `${s.uid}.${field}`, attribute: a })),
    );
    expect(choices.map((c) => c.at).sort()).toEqual(
      [
        'api::ambassador.ambassador.languages',
        'api::ambassador.ambassador.topics',
        'api::contact.contact.municipalities',
        'api::contact.contact.topics',
        'api::coworking-space.coworking-space.amenities',
        'api::newsletter-subscription.newsletter-subscription.interests',
        'api::newsletter-subscription.newsletter-subscription.municipalities',
        'api::story.story.themes',
      ].sort(),
    );
    for (const { at, attribute } of choices) {
      expect(attribute.type, at).toBe('customField');
      expect(isChoiceListName((attribute.options as { list?: unknown } | undefined)?.list), at).toBe(true);
    }
  });

  it('bounds magazine order quantities with the shared maximum', () => {
    const order = schemas.find((s) => s.uid === 'api::magazine-order.magazine-order')!;
    expect(order.attributes.quantity.max).toBe(MAGAZINE_ORDER_MAX_QUANTITY);
  });

  it('keeps the contact register out of draft & publish and published content in it', () => {
    const register = [
      'consent-record',
      'outbox-message',
      'contact',
      'contact-activity',
      'magazine-order',
      'newsletter',
      'event-registration',
      'network-contact',
      'newsletter-subscription',
      'newsletter-campaign',
      'newsletter-delivery',
      'guide-assignment',
      'register-audit',
      'inbound-message',
      'mail-suppression',
    ];
    for (const s of schemas.filter((s) => s.uid.startsWith('api::'))) {
      const name = s.uid.split('.')[1];
      expect(s.options?.draftAndPublish === true, s.uid).toBe(!register.includes(name));
    }
  });

  it('validates phone numbers with the shared pattern', () => {
    const phones = schemas.flatMap((s) =>
      Object.entries(s.attributes)
        .filter(([field]) => /phone/i.test(field))
        .map(([field, a]) => ({ key: `${s.uid}.${field}`, regex: a.regex })),
    );
    expect(phones.length).toBeGreaterThanOrEqual(3);
    for (const { key, regex } of phones) expect(regex, key).toBe(PHONE_PATTERN);
  });

  it('checks every web link with the shared pattern, which lets no script or other host in', () => {
    const links = schemas.flatMap((s) =>
      Object.entries(s.attributes)
        .filter(([field]) => /url|website|link/i.test(field))
        .filter(([, a]) => a.type === 'string' || a.type === 'text')
        .map(([field, a]) => ({ key: `${s.uid}.${field}`, regex: a.regex })),
    );
    expect(links.length).toBeGreaterThanOrEqual(4);
    for (const { key, regex } of links) expect(regex, key).toBe(WEB_LINK_PATTERN);
    const link = new RegExp(WEB_LINK_PATTERN);
    for (const good of ['https://www.krokom.se/', 'http://example.org/a?b=c', '/berattelser/']) {
      expect(link.test(good), good).toBe(true);
    }
    for (const bad of [
      'javascript:alert(1)',
      '//evil.example/x',
      'https://',
      'www.example.se',
      'data:text/html,x',
    ]) {
      expect(link.test(bad), bad).toBe(false);
    }
  });

  it('names no attribute `status`: the admin reads it from a save as the draft/publish status', () => {
    for (const s of schemas) expect(Object.keys(s.attributes), s.uid).not.toContain('status');
  });

  // A string, uid or e-mail attribute is a varchar(255) on PostgreSQL: a longer value would be
  // a database error (a 500), not the validator's 400. Strapi caps a string without maxLength at
  // 255, but not a uid or an e-mail, and it honours a larger maxLength. Longer values are `text`.
  it('bounds every varchar attribute at the 255 characters PostgreSQL holds', () => {
    const varchars = schemas.flatMap((s) =>
      Object.entries(s.attributes)
        .filter(([, a]) => ['string', 'uid', 'email'].includes(a.type))
        .map(([field, a]) => ({ key: `${s.uid}.${field}`, type: a.type, maxLength: a.maxLength })),
    );
    expect(varchars.length).toBeGreaterThan(20);
    for (const { key, type, maxLength } of varchars) {
      if (type === 'string' && maxLength === undefined) continue;
      expect(maxLength, key).toBeTypeOf('number');
      expect(maxLength as number, key).toBeLessThanOrEqual(255);
    }
  });
});
