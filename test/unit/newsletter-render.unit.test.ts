import { describe, expect, it } from 'vitest';
import {
  compileCampaign,
  MjmlValidationError,
  personalise,
  type CampaignBlock,
  type CampaignMeta,
  type TemplateSender,
} from '../../newsletter/src';
import { placeholderSet } from '../../newsletter/src/render/placeholders';
import { campaignMjml, reasonFor } from '../../newsletter/templates';
import type { Segment, SegmentCondition } from '@tasteget/shared';

const sender: TemplateSender = {
  name: 'Region Jämtland Härjedalen',
  postalAddress: 'Box 654, 831 27 Östersund',
  siteUrl: 'https://tasteget.example',
};

/** Every block kind, with CMS text that tries to be markup or a placeholder. */
function blocks(): CampaignBlock[] {
  return [
    {
      kind: 'intro-text',
      heading: 'Välkommen till vårens nyhetsbrev',
      text: 'Snön smälter i Åre & Östersund.\n\nSkriv {{name}} eller __name__ om du vill <b>fetstil</b>.',
    },
    {
      kind: 'story',
      title: 'Från Göteborg till Strömsund',
      lead: 'Familjen Öberg bytte storstad mot skog.',
      url: '/berattelser/fran-goteborg-till-stromsund',
      person: 'Åsa och Per Öberg',
      image: { url: '/uploads/oberg.jpg', alt: 'Åsa och Per på bryggan vid sjön', width: 1200, height: 800 },
      text: 'Läs hur de hittade jobb och förskola på två veckor.',
    },
    {
      kind: 'article',
      title: 'Fler jobb inom vården',
      lead: 'Region Jämtland Härjedalen anställer 200 personer.',
      url: 'https://tasteget.example/nyheter/fler-jobb?utm=1&src=mail',
      image: { url: 'https://cdn.example/vard.jpg', alt: 'Sjuksköterska i korridor' },
    },
    {
      kind: 'event-invitation',
      title: 'Inflyttarträff i Krokom',
      startsAt: '2025-06-14T11:00:00.000Z',
      endsAt: '2025-06-14T14:00:00.000Z',
      place: 'Folkets hus, Krokom',
      url: '/evenemang/inflyttartraff-krokom',
      signUpUrl: 'https://forms.example/anmalan?event=7',
      text: 'Fika, nätverk och möte med kommunens flyttvägledare.',
    },
    {
      kind: 'cta',
      heading: 'Funderar du på att flytta?',
      text: 'Registrera dig så hör en flyttvägledare av sig.',
      buttonLabel: 'Registrera dig',
      url: '/registrering',
    },
    {
      kind: 'magazine',
      title: 'Ta Steget 2025',
      year: 2025,
      description: 'Berättelser om livet i länet.',
      url: '/magasinet',
      orderable: true,
      image: { url: '/uploads/magasin.jpg', alt: 'Omslaget till magasinet Ta Steget 2025' },
    },
  ];
}

function meta(overrides: Partial<CampaignMeta> = {}): CampaignMeta {
  return {
    subject: 'Vårens nyheter från Jämtland Härjedalen',
    preheader: 'Inflyttarträff, jobb och magasinet',
    language: 'sv',
    audience: 'subscribers',
    ...overrides,
  };
}

const krokom: SegmentCondition = { kind: 'municipality', anyOf: ['krokom'] };

const unsubscribeUrl = 'https://tasteget.example/nyhetsbrev/avregistrera?token=abc123&x=1';
const preferencesUrl = 'https://tasteget.example/api/newsletter/preferences?token=abc123&x=1';
const links = { unsubscribeUrl, preferencesUrl };

describe('compiling a campaign', () => {
  it.each(['sv', 'en'] as const)(
    'renders every block kind in %s under strict MJML validation',
    async (language) => {
      const compiled = await compileCampaign(meta({ language }), blocks(), sender);
      const { html, text } = personalise(compiled, { firstName: 'Anna', ...links });
      expect(html).toMatch(new RegExp(`<html lang="${language}"`));
      expect(html).toContain('Från Göteborg till Strömsund');
      expect(html).toContain('Inflyttarträff i Krokom');
      expect(html).toContain('Ta Steget 2025');
      expect(html).toContain('Box 654, 831 27 Östersund');
      // Images: absolute, with their alt texts.
      expect(html).toContain('src="https://tasteget.example/uploads/oberg.jpg"');
      expect(html).toContain('alt="Åsa och Per på bryggan vid sjön"');
      expect(html).toContain('alt="Omslaget till magasinet Ta Steget 2025"');
      // Links: site-relative resolved, query strings escaped in attributes.
      expect(html).toContain('href="https://tasteget.example/registrering"');
      expect(html).toContain('href="https://tasteget.example/nyheter/fler-jobb?utm=1&amp;src=mail"');
      expect(html).toContain(`href="https://tasteget.example/nyhetsbrev/avregistrera?token=abc123&amp;x=1"`);
      expect(html).toContain(
        `href="https://tasteget.example/api/newsletter/preferences?token=abc123&amp;x=1"`,
      );
      // The header's brand leads to the portal's home in the letter's language.
      expect(html).toContain(`href="https://tasteget.example${language === 'sv' ? '/' : '/en/'}"`);
      if (language === 'sv') {
        expect(html).toContain('Hej Anna!');
        expect(html).toContain('eftersom du prenumererar på Ta Stegets nyhetsbrev.');
        expect(html).toContain('Avsluta prenumerationen');
        expect(html).toContain('Ändra dina inställningar');
        expect(text).toContain(`Ändra dina inställningar [${preferencesUrl}]`);
        expect(html).toContain('Anmäl dig');
        expect(text).toContain('lördag 14 juni 2025 kl. 13:00–16:00');
      } else {
        expect(html).toContain('Hello Anna!');
        expect(html).toContain('because you subscribed to the Ta Steget newsletter.');
        expect(html).toContain('Unsubscribe');
        expect(html).toContain('Change your preferences');
        expect(text).toContain(`Change your preferences [${preferencesUrl}]`);
        expect(text).toContain('Saturday, 14 June 2025 at 13:00–16:00');
      }
      expect(text.length).toBeGreaterThan(200);
    },
  );

  it('escapes CMS text: markup is shown, not interpreted', async () => {
    const compiled = await compileCampaign(meta(), blocks(), sender);
    const { html, text } = personalise(compiled, links);
    expect(html).toContain('Snön smälter i Åre &amp; Östersund.');
    expect(html).toContain('&lt;b&gt;fetstil&lt;/b&gt;');
    expect(html).not.toContain('<b>fetstil</b>');
    expect(text).toContain('Snön smälter i Åre & Östersund.');
    expect(text).toContain('<b>fetstil</b>');
  });

  it('gives contacts the contact reason and wording', async () => {
    const compiled = await compileCampaign(
      meta({ audience: 'contacts', segment: { match: 'all', conditions: [krokom] } }),
      blocks(),
      sender,
    );
    const { html } = personalise(compiled, links);
    expect(html).toContain(
      'anmält intresse för att flytta till Krokom och samtyckt till att vi kontaktar dig',
    );
    expect(html).toContain('Jag vill inte få fler utskick som det här');
  });

  it('lists the MJML errors when a template is invalid', async () => {
    const bad = campaignMjml(meta(), [], sender, {
      greeting: 'x',
      unsubscribeUrl: 'https://z.example',
      preferencesUrl: 'https://z.example/p',
    }).replace('<mj-column>', '<mj-column bogus="1"><mj-nonsense />');
    const mjml2html = (await import('mjml')).default;
    await expect(mjml2html(bad, { validationLevel: 'strict' })).rejects.toThrow(/bogus/);
    const error = new MjmlValidationError([
      { line: 3, tagName: 'mj-column', message: 'Attribute bogus is illegal' },
    ]);
    expect(error.message).toBe(
      'Nyhetsbrevet kunde inte byggas (MJML):\n  - rad 3 <mj-column>: Attribute bogus is illegal',
    );
  });

  it('refuses links that are not http(s)', async () => {
    const evil: CampaignBlock[] = [{ kind: 'cta', buttonLabel: 'Klicka', url: 'javascript:alert(1)' }];
    await expect(compileCampaign(meta(), evil, sender)).rejects.toThrow(/https:\/\/ eller \//);
  });
});

describe('personalising', () => {
  it('substitutes each recipient and escapes names in HTML only', async () => {
    const compiled = await compileCampaign(meta(), blocks(), sender);
    const evil = personalise(compiled, {
      firstName: '<script>alert("x")</script> & Co',
      unsubscribeUrl: 'https://tasteget.example/u?t=a"b<c>',
      preferencesUrl: 'https://tasteget.example/p?t=a"b<c>',
    });
    expect(evil.html).not.toContain('<script>alert');
    expect(evil.html).toContain('Hej &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co!');
    // The URL parser percent-encodes what would break out of the attribute.
    expect(evil.html).toContain('href="https://tasteget.example/u?t=a%22b%3Cc%3E"');
    expect(evil.html).toContain('href="https://tasteget.example/p?t=a%22b%3Cc%3E"');
    expect(evil.text).toContain('Hej <script>alert("x")</script> & Co!');

    const anna = personalise(compiled, {
      firstName: 'Anna',
      unsubscribeUrl: 'https://t.example/a',
      preferencesUrl: 'https://t.example/pa',
    });
    const olle = personalise(compiled, {
      firstName: 'Olle',
      unsubscribeUrl: 'https://t.example/o',
      preferencesUrl: 'https://t.example/po',
    });
    expect(anna.html).toContain('Hej Anna!');
    expect(anna.html).not.toContain('Olle');
    expect(olle.html).toContain('Hej Olle!');
    expect(olle.text).toContain('https://t.example/o');
    expect(olle.text).toContain('https://t.example/po');
    expect(olle.text).not.toContain('https://t.example/pa');
    expect(personalise(compiled, { firstName: '  ', ...links }).html).toContain('Hej!');
  });

  it('does not substitute placeholder-like text from CMS content', async () => {
    // Even a real placeholder (from another compile) written into content stays text.
    const foreign = placeholderSet().slots;
    const content: CampaignBlock[] = [
      ...blocks(),
      { kind: 'intro-text', text: `Kopia: ${foreign.greeting} ${foreign.unsubscribeUrl}` },
    ];
    const compiled = await compileCampaign(meta(), content, sender);
    const { html, text } = personalise(compiled, { firstName: 'Anna', ...links });
    expect(html).toContain('Skriv {{name}} eller __name__ om du vill');
    expect(text).toContain('Skriv {{name}} eller __name__ om du vill');
    expect(html).toContain(`Kopia: ${foreign.greeting} ${foreign.unsubscribeUrl}`);
    expect(text).toContain(`Kopia: ${foreign.greeting}`);
    expect(text).toContain(foreign.unsubscribeUrl);
    expect(html.match(/Hej Anna!/g)).toHaveLength(1);
    // Each placeholder kind is placed once in the HTML: greeting, unsubscribe and preference links.
    expect([...compiled.html.slots].sort()).toEqual(['greeting', 'preferencesUrl', 'unsubscribeUrl']);
  });

  it('derives a plain-text part with åäö, links and no placeholders left', async () => {
    const compiled = await compileCampaign(meta(), blocks(), sender);
    const { text } = personalise(compiled, { firstName: 'Örjan', ...links });
    expect(text).toMatch(/^TA STEGET|^Ta Steget/);
    expect(text).toContain('Hej Örjan!');
    expect(text).toContain('Från Göteborg till Strömsund');
    expect(text).toContain('Registrera dig [https://tasteget.example/registrering]');
    expect(text).toContain(`Avsluta prenumerationen [${unsubscribeUrl}]`);
    expect(text).toContain(`Ändra dina inställningar [${preferencesUrl}]`);
    expect(text).toContain('Du får det här brevet eftersom du prenumererar på Ta Stegets nyhetsbrev.');
    expect(text).not.toContain('Inflyttarträff, jobb och magasinet'); // the hidden preheader
    expect(text).not.toMatch(/__[0-9a-f]{32}_/);
    expect(text).not.toMatch(/<(table|div|p)\b/);
    expect(text).not.toMatch(/^\s+$/m);
  });
});

describe('the reason for receiving', () => {
  const ostersund: Segment = { match: 'all', conditions: [{ kind: 'municipality', anyOf: ['ostersund'] }] };
  const local = { slug: 'nyinflyttad-krokom', name: 'Nyinflyttad i Krokom', nameEn: 'New in Krokom' };
  const reason = (overrides: Partial<CampaignMeta>) => reasonFor(meta(overrides));

  it.each([
    // Subscribers: the newsletter of their subscription, the county's when the campaign names none.
    [
      {},
      'Du får det här brevet eftersom du prenumererar på Ta Stegets nyhetsbrev.',
      'You receive this newsletter because you subscribed to the Ta Steget newsletter.',
    ],
    [
      { newsletter: local },
      'Du får det här brevet eftersom du prenumererar på Nyinflyttad i Krokom.',
      'You receive this newsletter because you subscribed to New in Krokom.',
    ],
    [
      { newsletter: { slug: 'ambassadorsbrevet', name: 'Ambassadörsbrevet', nameEn: null } },
      'Du får det här brevet eftersom du prenumererar på Ambassadörsbrevet.',
      'You receive this newsletter because you subscribed to Ambassadörsbrevet.',
    ],
    // …and the municipality the campaign selected them by, which each of them chose.
    [
      { segment: ostersund },
      'Du får det här brevet eftersom du prenumererar på Ta Stegets nyhetsbrev och har valt Östersund.',
      'You receive this newsletter because you subscribed to the Ta Steget newsletter and chose Östersund.',
    ],
    // Contacts: they registered an interest in moving and consented to contact.
    [
      { audience: 'contacts' },
      'Du får det här utskicket eftersom du har anmält intresse för att flytta till Jämtland Härjedalen och samtyckt till att vi kontaktar dig.',
      'You receive this because you registered an interest in moving to Jämtland Härjedalen and agreed that we may contact you.',
    ],
    [
      { audience: 'contacts', segment: ostersund, newsletter: local },
      'Du får det här utskicket eftersom du har anmält intresse för att flytta till Östersund och samtyckt till att vi kontaktar dig.',
      'You receive this because you registered an interest in moving to Östersund and agreed that we may contact you.',
    ],
    // Network contacts: they are in the network and consented to contact.
    [
      { audience: 'network' },
      'Du får det här utskicket eftersom du ingår i Ta Stegets nätverk och samtyckt till att vi kontaktar dig.',
      'You receive this because you are part of the Ta Steget network and agreed that we may contact you.',
    ],
    [
      { audience: 'network', segment: ostersund },
      'Du får det här utskicket eftersom du ingår i Ta Stegets nätverk i Östersund och samtyckt till att vi kontaktar dig.',
      'You receive this because you are part of the Ta Steget network in Östersund and agreed that we may contact you.',
    ],
  ] as [Partial<CampaignMeta>, string, string][])('%o', (overrides, sv, en) => {
    expect(reason({ ...overrides, language: 'sv' })).toBe(sv);
    expect(reason({ ...overrides, language: 'en' })).toBe(en);
  });

  it('names the municipalities only when the segment binds every recipient to them', () => {
    const municipality = (anyOf: string[], includeUnspecified?: boolean) =>
      ({
        kind: 'municipality',
        anyOf,
        ...(includeUnspecified ? { includeUnspecified } : {}),
      }) as SegmentCondition;
    const english: SegmentCondition = { kind: 'language', anyOf: ['sv'] };
    const places = (segment: Segment) => /och har valt (.*)\.$/.exec(reason({ segment }))?.[1] ?? null;
    expect(places({ match: 'all', conditions: [municipality(['are', 'ostersund'])] })).toBe(
      'Åre eller Östersund',
    );
    expect(places({ match: 'all', conditions: [municipality(['berg', 'krokom', 'are'])] })).toBe(
      'Berg, Krokom eller Åre',
    );
    expect(
      reasonFor(
        meta({ language: 'en', segment: { match: 'all', conditions: [municipality(['are', 'berg'])] } }),
      ),
    ).toContain('and chose Åre or Berg.');
    // Of two conditions that both hold, the narrower.
    expect(
      places({ match: 'all', conditions: [municipality(['are', 'berg']), english, municipality(['berg'])] }),
    ).toBe('Berg');
    expect(places({ match: 'any', conditions: [municipality(['berg'])] })).toBe('Berg');
    // Not everyone chose one of them: no municipality is named.
    expect(places({ match: 'any', conditions: [municipality(['berg']), english] })).toBeNull();
    expect(places({ match: 'all', conditions: [municipality(['berg'], true)] })).toBeNull();
    expect(places({ match: 'all', conditions: [english] })).toBeNull();
    // A long list is no reason.
    expect(
      places({ match: 'all', conditions: [municipality(['berg', 'krokom', 'are', 'bracke'])] }),
    ).toBeNull();
  });

  it('is the same fixed text for every recipient of the campaign, in both parts', async () => {
    const compiled = await compileCampaign(meta({ segment: ostersund }), blocks(), sender);
    const expected =
      'Du får det här brevet eftersom du prenumererar på Ta Stegets nyhetsbrev och har valt Östersund.';
    for (const firstName of ['Anna', null]) {
      const { html, text } = personalise(compiled, { firstName, ...links });
      expect(html).toContain(expected);
      expect(text.replace(/\s+/g, ' ')).toContain(expected);
    }
    // Nothing of the recipient's own list of municipalities is placed in the mail.
    expect([...new Set(compiled.text.slots)].sort()).toEqual([
      'greeting',
      'preferencesUrl',
      'unsubscribeUrl',
    ]);
  });
});
