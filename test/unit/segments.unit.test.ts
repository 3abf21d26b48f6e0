import { describe, expect, it } from 'vitest';
import {
  BOUNCE_THRESHOLD,
  describeSegment,
  exclusionReason,
  matchesSegment,
  parseSegment,
  safeParseSegment,
  SegmentError,
  type SegmentInput,
  type SegmentRecipient,
} from '../../shared/src/segments';
import {
  contactToRecipient,
  networkToRecipient,
  segmentToStrapiFilters,
  subscriptionToRecipient,
} from '../../cms/src/newsletter/segment-query';

function recipient(overrides: Partial<SegmentRecipient> = {}): SegmentRecipient {
  return {
    audience: 'subscribers',
    email: 'anna@example.se',
    firstName: 'Anna',
    language: 'sv',
    municipalities: ['are'],
    topics: ['job', 'housing'],
    moveStatus: 'in-dialog',
    registeredAt: '2025-03-15T10:00:00.000Z',
    hasChildren: true,
    countyTie: 'lived-here-before',
    networkKind: null,
    newsletters: [],
    subscriptionStatus: 'confirmed',
    bounceCount: 0,
    contactConsent: true,
    erased: false,
    ...overrides,
  };
}

const seg = (input: SegmentInput) => parseSegment(input);

describe('segment parsing', () => {
  it('accepts a stored segment and defaults to "all"', () => {
    const s = seg({ conditions: [{ kind: 'municipality', anyOf: ['are', 'ostersund'] }] });
    expect(s.match).toBe('all');
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  it('treats no stored segment as the whole audience', () => {
    expect(parseSegment(null)).toEqual({ match: 'all', conditions: [] });
    expect(parseSegment(undefined).conditions).toEqual([]);
  });

  it('names the condition and says what to fix, in Swedish first', () => {
    const result = safeParseSegment({
      conditions: [
        { kind: 'municipality', anyOf: ['stockholm'] },
        { kind: 'shoeSize', anyOf: [42] },
        { kind: 'registered' },
        { kind: 'registered', from: '2025-02-30' },
        { kind: 'registered', from: '2025-06-01', to: '2025-01-01' },
        { kind: 'topics', anyOf: [] },
        { kind: 'topics', anyOf: ['job', 'job'] },
        { kind: 'language', anyOf: ['sv'], extra: true },
      ],
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    const sv = result.issues.map((i) => i.message.sv);
    expect(sv[0]).toMatch(/^Villkor 1: Okänt värde\. Välj bland: berg, bracke/);
    expect(sv[1]).toMatch(/^Villkor 2: Okänd villkorstyp/);
    expect(sv[2]).toBe('Villkor 3: Ange ett startdatum, ett slutdatum eller båda.');
    expect(sv[3]).toBe('Villkor 4: Ange datum som ÅÅÅÅ-MM-DD.');
    expect(sv[4]).toBe('Villkor 5: Startdatumet måste vara före slutdatumet.');
    expect(sv[5]).toBe('Villkor 6: Välj minst ett värde.');
    expect(sv[6]).toBe('Villkor 7: Välj varje värde en gång.');
    expect(sv[7]).toBe('Villkor 8: Villkoret innehåller okända fält.');
    expect(result.issues[0].message.en).toMatch(/^Condition 1: Unknown value/);
    expect(result.issues[0].path).toBe('conditions.0.anyOf.0');
  });

  it('throws a SegmentError with the Swedish message', () => {
    expect(() => parseSegment({ match: 'some' })).toThrow(SegmentError);
    expect(() => parseSegment('all')).toThrow(/Ogiltigt urval: Urvalet måste vara ett objekt/);
  });
});

describe('the consent invariant', () => {
  const everyone = seg({});
  const cases: [string, Partial<SegmentRecipient>, string | null][] = [
    ['confirmed subscriber', {}, null],
    ['pending subscriber', { subscriptionStatus: 'pending' }, 'not-confirmed'],
    ['unsubscribed subscriber', { subscriptionStatus: 'unsubscribed' }, 'unsubscribed'],
    ['subscriber with no subscription', { subscriptionStatus: null }, 'not-confirmed'],
    ['bounced subscriber', { bounceCount: BOUNCE_THRESHOLD }, 'bounced'],
    ['subscriber below the bounce threshold', { bounceCount: BOUNCE_THRESHOLD - 1 }, null],
    ['erased subscriber', { erased: true }, 'erased'],
    ['subscriber with no address', { email: ' ' }, 'erased'],
    ['contact with consent', { audience: 'contacts', subscriptionStatus: null }, null],
    ['contact without consent', { audience: 'contacts', contactConsent: false }, 'no-consent'],
    [
      'contact who unsubscribed',
      { audience: 'contacts', subscriptionStatus: 'unsubscribed' },
      'unsubscribed',
    ],
    ['contact whose address bounced', { audience: 'contacts', bounceCount: 5 }, 'bounced'],
    ['erased contact', { audience: 'contacts', erased: true }, 'erased'],
    ['network contact with consent', { audience: 'network', subscriptionStatus: null }, null],
    ['network contact without consent', { audience: 'network', contactConsent: false }, 'no-consent'],
    [
      'network contact who left the newsletter',
      { audience: 'network', subscriptionStatus: 'unsubscribed' },
      'unsubscribed',
    ],
  ];
  it.each(cases)('%s', (_name, overrides, reason) => {
    const r = recipient(overrides);
    expect(exclusionReason(r)).toBe(reason);
    expect(matchesSegment(r, everyone)).toBe(reason === null);
    // No segment can bring an excluded recipient back.
    expect(matchesSegment(r, seg({ match: 'any', conditions: [{ kind: 'hasMoved', value: false }] }))).toBe(
      reason === null,
    );
  });
});

describe('segment evaluation', () => {
  const table: [string, SegmentInput, Partial<SegmentRecipient>, boolean][] = [
    ['municipality hit', { conditions: [{ kind: 'municipality', anyOf: ['are', 'berg'] }] }, {}, true],
    ['municipality miss', { conditions: [{ kind: 'municipality', anyOf: ['berg'] }] }, {}, false],
    [
      'no municipality, strict',
      { conditions: [{ kind: 'municipality', anyOf: ['berg'] }] },
      { municipalities: [] },
      false,
    ],
    [
      'no municipality, region included',
      { conditions: [{ kind: 'municipality', anyOf: ['berg'], includeUnspecified: true }] },
      { municipalities: [] },
      true,
    ],
    [
      'county tie hit',
      { conditions: [{ kind: 'countyTie', anyOf: ['lived-here-before', 'seasonal'] }] },
      {},
      true,
    ],
    ['county tie miss', { conditions: [{ kind: 'countyTie', anyOf: ['seasonal'] }] }, {}, false],
    [
      'county tie unknown',
      { conditions: [{ kind: 'countyTie', anyOf: ['none'] }] },
      { countyTie: null },
      false,
    ],
    ['topic hit', { conditions: [{ kind: 'topics', anyOf: ['housing', 'studies'] }] }, {}, true],
    ['topic miss', { conditions: [{ kind: 'topics', anyOf: ['studies'] }] }, {}, false],
    ['move status hit', { conditions: [{ kind: 'moveStatus', anyOf: ['in-dialog'] }] }, {}, true],
    [
      'move status unknown',
      { conditions: [{ kind: 'moveStatus', anyOf: ['new'] }] },
      { moveStatus: null },
      false,
    ],
    [
      'registered inside',
      { conditions: [{ kind: 'registered', from: '2025-03-01', to: '2025-03-31' }] },
      {},
      true,
    ],
    ['registered before', { conditions: [{ kind: 'registered', from: '2025-04-01' }] }, {}, false],
    [
      // 23:30 UTC on 31 March is 1 April in Stockholm: outside a range ending 31 March.
      'registered on a Stockholm date',
      { conditions: [{ kind: 'registered', to: '2025-03-31' }] },
      { registeredAt: '2025-03-31T23:30:00.000Z' },
      false,
    ],
    [
      'registered on the last day',
      { conditions: [{ kind: 'registered', to: '2025-03-31' }] },
      { registeredAt: '2025-03-31T21:30:00.000Z' },
      true,
    ],
    ['has children', { conditions: [{ kind: 'hasChildren', value: true }] }, {}, true],
    ['no children wanted', { conditions: [{ kind: 'hasChildren', value: false }] }, {}, false],
    [
      'children unknown',
      { conditions: [{ kind: 'hasChildren', value: false }] },
      { hasChildren: null },
      false,
    ],
    ['language', { conditions: [{ kind: 'language', anyOf: ['en'] }] }, {}, false],
    ['language en', { conditions: [{ kind: 'language', anyOf: ['en'] }] }, { language: 'en' }, true],
    ['confirmed', { conditions: [{ kind: 'subscriptionConfirmed', value: true }] }, {}, true],
    [
      'contact without subscription',
      { conditions: [{ kind: 'subscriptionConfirmed', value: false }] },
      { audience: 'contacts', subscriptionStatus: null },
      true,
    ],
    // A contact invited on a list they never joined is confirmed by the newsletters they did join.
    [
      'contact confirmed to the county newsletter',
      { conditions: [{ kind: 'subscriptionConfirmed', value: true }] },
      { audience: 'contacts', subscriptionStatus: null, newsletters: ['lansnyhetsbrev'] },
      true,
    ],
    [
      'contact confirmed elsewhere, asked for the unconfirmed',
      { conditions: [{ kind: 'subscriptionConfirmed', value: false }] },
      { audience: 'contacts', subscriptionStatus: null, newsletters: ['lansnyhetsbrev'] },
      false,
    ],
    ['not moved', { conditions: [{ kind: 'hasMoved', value: false }] }, {}, true],
    [
      'not moved, no contact',
      { conditions: [{ kind: 'hasMoved', value: false }] },
      { moveStatus: null },
      true,
    ],
    ['moved', { conditions: [{ kind: 'hasMoved', value: false }] }, { moveStatus: 'moved' }, false],
    [
      'all: one fails',
      {
        conditions: [
          { kind: 'municipality', anyOf: ['are'] },
          { kind: 'topics', anyOf: ['studies'] },
        ],
      },
      {},
      false,
    ],
    [
      'any: one holds',
      {
        match: 'any',
        conditions: [
          { kind: 'municipality', anyOf: ['berg'] },
          { kind: 'topics', anyOf: ['job'] },
        ],
      },
      {},
      true,
    ],
    [
      'any: none holds',
      {
        match: 'any',
        conditions: [
          { kind: 'municipality', anyOf: ['berg'] },
          { kind: 'topics', anyOf: ['studies'] },
        ],
      },
      {},
      false,
    ],
    ['empty any is everyone', { match: 'any', conditions: [] }, {}, true],
  ];
  it.each(table)('%s', (_name, input, overrides, expected) => {
    expect(matchesSegment(recipient(overrides), seg(input))).toBe(expected);
  });
});

describe('segment to Strapi filters', () => {
  it('always filters subscribers to confirmed, unbounced addresses', () => {
    const q = segmentToStrapiFilters(seg({}), 'subscribers');
    expect(q.uid).toBe('api::newsletter-subscription.newsletter-subscription');
    expect(q.filters).toEqual({
      $and: [
        { subscriptionStatus: { $eq: 'confirmed' } },
        { $or: [{ bounceCount: { $null: true } }, { bounceCount: { $lt: BOUNCE_THRESHOLD } }] },
      ],
    });
    expect(q.exact).toBe(true);
  });

  it('always filters contacts to those with consent, and leaves unsubscribes to code', () => {
    const q = segmentToStrapiFilters(seg({}), 'contacts');
    expect(q.uid).toBe('api::contact.contact');
    expect(q.filters).toEqual({ $and: [{ contactConsentAt: { $notNull: true } }] });
    expect(q.exact).toBe(false);
    expect(q.populate.newsletterSubscriptions.fields).toEqual(['subscriptionStatus', 'bounceCount']);
  });

  it('filters what the database can and leaves JSON list conditions to code', () => {
    const s = seg({
      conditions: [
        { kind: 'municipality', anyOf: ['are'] },
        { kind: 'language', anyOf: ['sv'] },
        { kind: 'registered', from: '2025-01-01', to: '2025-01-31' },
        { kind: 'moveStatus', anyOf: ['new', 'contacted'] },
      ],
    });
    const contacts = segmentToStrapiFilters(s, 'contacts');
    expect(contacts.filters).toEqual({
      $and: [
        { contactConsentAt: { $notNull: true } },
        {
          $and: [
            { language: { $in: ['sv'] } },
            // Stockholm midnight in winter is 23:00 UTC the day before.
            { createdAt: { $gte: '2024-12-31T23:00:00.000Z', $lte: '2025-01-31T22:59:59.999Z' } },
            { moveStatus: { $in: ['new', 'contacted'] } },
          ],
        },
      ],
    });
    expect(contacts.exact).toBe(false);
    const subscribers = segmentToStrapiFilters(s, 'subscribers');
    expect(subscribers.filters.$and).toContainEqual({
      $and: expect.arrayContaining([{ contact: { moveStatus: { $in: ['new', 'contacted'] } } }]),
    });
    expect(subscribers.exact).toBe(false);
  });

  it('is exact for subscribers when every condition is a column', () => {
    const q = segmentToStrapiFilters(
      seg({
        conditions: [
          { kind: 'language', anyOf: ['en'] },
          { kind: 'hasChildren', value: true },
        ],
      }),
      'subscribers',
    );
    expect(q.exact).toBe(true);
    expect(q.filters.$and).toContainEqual({
      $and: [{ language: { $in: ['en'] } }, { contact: { children: { $gt: 0 } } }],
    });
  });

  it('cannot narrow an "any" with a code-only condition', () => {
    const q = segmentToStrapiFilters(
      seg({
        match: 'any',
        conditions: [
          { kind: 'language', anyOf: ['en'] },
          { kind: 'topics', anyOf: ['job'] },
        ],
      }),
      'subscribers',
    );
    expect((q.filters.$and as unknown[]).length).toBe(2);
    expect(q.exact).toBe(false);
  });

  it('matches nobody for unconfirmed subscribers', () => {
    const q = segmentToStrapiFilters(
      seg({ conditions: [{ kind: 'subscriptionConfirmed', value: false }] }),
      'subscribers',
    );
    expect(q.matchesNothing).toBe(true);
    expect(q.filters).toEqual({ $and: [{ id: { $null: true } }] });
  });
});

describe('rows to recipients', () => {
  it('maps a subscription with its linked contact, ignoring unknown slugs', () => {
    const r = subscriptionToRecipient({
      email: 'a@example.se',
      subscriptionStatus: 'confirmed',
      interests: ['job', 'astrology'],
      municipalities: ['are', 'stockholm'],
      language: 'en',
      bounceCount: null,
      createdAt: '2025-01-01T00:00:00.000Z',
      contact: {
        firstName: 'Åsa',
        moveStatus: 'moved',
        children: 2,
        countyTie: 'seasonal',
        contactConsentAt: null,
      },
    });
    expect(r).toMatchObject({
      audience: 'subscribers',
      topics: ['job'],
      municipalities: ['are'],
      language: 'en',
      firstName: 'Åsa',
      moveStatus: 'moved',
      hasChildren: true,
      countyTie: 'seasonal',
      bounceCount: 0,
    });
    expect(subscriptionToRecipient({ email: 'b@example.se', interests: 'job' })).toMatchObject({
      topics: [],
      moveStatus: null,
      hasChildren: null,
      subscriptionStatus: null,
    });
  });

  it('lets an unsubscribe on a linked subscription exclude the contact', () => {
    const r = contactToRecipient({
      email: 'c@example.se',
      firstName: 'Olle',
      contactConsentAt: '2025-01-01T00:00:00.000Z',
      newsletterSubscriptions: [{ subscriptionStatus: 'confirmed' }, { subscriptionStatus: 'unsubscribed' }],
    });
    expect(r.subscriptionStatus).toBe('unsubscribed');
    expect(matchesSegment(r, seg({}))).toBe(false);
    const bounced = contactToRecipient({
      email: 'd@example.se',
      contactConsentAt: '2025-01-01T00:00:00.000Z',
      newsletterSubscriptions: [{ subscriptionStatus: 'confirmed', bounceCount: BOUNCE_THRESHOLD }],
    });
    expect(exclusionReason(bounced)).toBe('bounced');
  });
});

describe('newsletters and networks in segments', () => {
  it('selects by confirmed newsletters and by network kind', () => {
    const both = seg({
      conditions: [
        { kind: 'newsletter', anyOf: ['nytt-i-krokom'] },
        { kind: 'networkKind', anyOf: ['ambassador', 'employer'] },
      ],
    });
    const ambassador = recipient({
      audience: 'network',
      networkKind: 'ambassador',
      newsletters: ['ta-steget', 'nytt-i-krokom'],
      subscriptionStatus: null,
    });
    expect(matchesSegment(ambassador, both)).toBe(true);
    expect(matchesSegment({ ...ambassador, newsletters: ['ta-steget'] }, both)).toBe(false);
    expect(matchesSegment({ ...ambassador, networkKind: 'coworking-host' }, both)).toBe(false);
    // Only network contacts have a kind: a mover never matches one.
    const mover = recipient({ newsletters: ['nytt-i-krokom'] });
    expect(matchesSegment(mover, seg({ conditions: [{ kind: 'networkKind', anyOf: ['ambassador'] }] }))).toBe(
      false,
    );
  });

  it('refuses newsletter names that are not slugs, and repeated ones', () => {
    const bad = safeParseSegment({ conditions: [{ kind: 'newsletter', anyOf: ['Ta Steget!'] }] });
    expect(bad.success).toBe(false);
    const repeated = safeParseSegment({ conditions: [{ kind: 'newsletter', anyOf: ['a', 'a'] }] });
    expect(repeated.success ? [] : repeated.issues.map((i) => i.message.sv)).toEqual([
      'Villkor 1: Välj varje värde en gång.',
    ]);
    const kind = safeParseSegment({ conditions: [{ kind: 'networkKind', anyOf: ['mayor'] }] });
    expect(kind.success).toBe(false);
  });

  it('filters network contacts by kind, municipality and consent in the database', () => {
    const q = segmentToStrapiFilters(
      seg({
        conditions: [
          { kind: 'networkKind', anyOf: ['ambassador'] },
          { kind: 'municipality', anyOf: ['krokom'], includeUnspecified: true },
          { kind: 'hasMoved', value: false },
        ],
      }),
      'network',
    );
    expect(q.uid).toBe('api::network-contact.network-contact');
    expect(q.filters).toEqual({
      $and: [
        { consentAt: { $notNull: true } },
        { email: { $notNull: true } },
        {
          $and: [
            { kind: { $in: ['ambassador'] } },
            { $or: [{ municipality: { $in: ['krokom'] } }, { municipality: { $null: true } }] },
          ],
        },
      ],
    });
    // A mover's condition selects no network contact, and a kind selects no mover.
    expect(
      segmentToStrapiFilters(seg({ conditions: [{ kind: 'hasChildren', value: true }] }), 'network'),
    ).toMatchObject({ matchesNothing: true });
    expect(
      segmentToStrapiFilters(seg({ conditions: [{ kind: 'networkKind', anyOf: ['employer'] }] }), 'contacts'),
    ).toMatchObject({ matchesNothing: true });
  });

  it('maps a network contact: its first name greets, its municipality is its place', () => {
    const r = networkToRecipient(
      {
        email: 'karin@example.se',
        name: 'Karin Olsson',
        kind: 'coworking-host',
        municipality: 'berg',
        language: 'en',
        consentAt: '2026-01-01T00:00:00.000Z',
      },
      { subscriptionStatus: 'unsubscribed', bounceCount: 0 },
    );
    expect(r).toMatchObject({
      audience: 'network',
      firstName: 'Karin',
      municipalities: ['berg'],
      networkKind: 'coworking-host',
      language: 'en',
      moveStatus: null,
      hasChildren: null,
    });
    expect(exclusionReason(r)).toBe('unsubscribed');
    expect(exclusionReason(networkToRecipient({ email: 'x@example.se', kind: 'other' }, null))).toBe(
      'no-consent',
    );
  });

  it('names newsletters and network kinds in the sentence', () => {
    const s = seg({
      conditions: [
        { kind: 'newsletter', anyOf: ['ta-steget', 'nytt-i-krokom'] },
        { kind: 'networkKind', anyOf: ['coworking-host'] },
      ],
    });
    expect(describeSegment(s, 'sv', { newsletters: { 'ta-steget': 'Ta Stegets nyhetsbrev' } })).toBe(
      'Mottagare som uppfyller alla villkor: bekräftad prenumerant på Ta Stegets nyhetsbrev eller nytt-i-krokom; nätverkskontakt av typen coworkingvärd.',
    );
  });
});

describe('segment description', () => {
  const s = seg({
    conditions: [
      { kind: 'municipality', anyOf: ['are', 'ostersund'] },
      { kind: 'topics', anyOf: ['school-childcare'] },
      { kind: 'registered', from: '2025-01-01' },
      { kind: 'hasMoved', value: false },
      { kind: 'countyTie', anyOf: ['lived-here-before', 'seasonal'] },
    ],
  });
  it('reads as Swedish for the admin', () => {
    expect(describeSegment(s, 'sv')).toBe(
      'Mottagare som uppfyller alla villkor: kommun av intresse är Åre eller Östersund; intresserad av skola och förskola; registrerad från och med 2025-01-01; har inte flyttat hit; band till länet: har bott här tidigare eller säsongsboende eller fritidshus.',
    );
    expect(describeSegment(seg({}))).toBe('Alla i målgruppen.');
  });
  it('reads as English too', () => {
    expect(describeSegment(s, 'en')).toBe(
      'Recipients meeting all conditions: municipality of interest is Åre or Östersund; interested in school and childcare; registered from 2025-01-01; has not moved here; tie to the county: lived here before or seasonal or second home.',
    );
  });
});
