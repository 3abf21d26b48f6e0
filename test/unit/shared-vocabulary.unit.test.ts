import { describe, expect, it } from 'vitest';
import {
  MUNICIPALITIES,
  MUNICIPALITY_SLUGS,
  QUEUE_OWNERS,
  TOPICS,
  municipalityList,
  municipalityName,
  topicList,
} from '@tasteget/shared';

describe('shared vocabulary', () => {
  it('has the eight municipalities of Jämtland Härjedalen, and the region as a ninth queue', () => {
    expect(MUNICIPALITIES.map((m) => m.name)).toEqual([
      'Berg',
      'Bräcke',
      'Härjedalen',
      'Krokom',
      'Ragunda',
      'Strömsund',
      'Åre',
      'Östersund',
    ]);
    expect(new Set(MUNICIPALITY_SLUGS).size).toBe(8);
    expect(MUNICIPALITY_SLUGS.every((s) => /^[a-z]+$/.test(s))).toBe(true);
    expect(QUEUE_OWNERS).toEqual([...MUNICIPALITY_SLUGS, 'region']);
    expect(municipalityName('are')).toBe('Åre');
  });

  it('labels every topic in Swedish and English', () => {
    expect(TOPICS.values).toHaveLength(8);
    for (const value of TOPICS.values) {
      expect(TOPICS.labels[value].sv).toBeTruthy();
      expect(TOPICS.labels[value].en).toBeTruthy();
    }
  });

  it('accepts distinct known values and rejects unknown or repeated ones', () => {
    expect(municipalityList.safeParse(['are', 'ostersund']).success).toBe(true);
    expect(municipalityList.safeParse([]).success).toBe(true);
    expect(municipalityList.safeParse(['stockholm']).success).toBe(false);
    expect(municipalityList.safeParse(['are', 'are']).success).toBe(false);
    expect(topicList.safeParse('job').success).toBe(false);
  });
});

describe('form text fields', () => {
  it('refuse control characters that a database or a mail would choke on, keep line breaks', async () => {
    const { plainText, registrationSchema } = await import('@tasteget/shared');
    expect(plainText(0, 100).safeParse('rad ett\nrad två\ttab').success).toBe(true);
    for (const bad of ['a\u0000b', '\u0007', 'x\u001by', '\u007f']) {
      expect(plainText(0, 100).safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    const result = registrationSchema.safeParse({
      firstName: 'Anna\u0000',
      email: 'a@example.se',
      consentToContact: true,
      challenge: 'x',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0])).toEqual(['firstName']);
  });
});

describe('form errors', () => {
  const registration = { firstName: 'Anna', email: 'a@example.se', consentToContact: true, challenge: 'x' };
  const told = async (input: object) => {
    const { fieldErrors, registrationSchema, REGISTRATION_MESSAGES } = await import('@tasteget/shared');
    const result = registrationSchema.safeParse({ ...registration, ...input });
    expect(result.success).toBe(false);
    return Object.fromEntries(
      fieldErrors(result.error!, REGISTRATION_MESSAGES).map((e) => [e.path.join('.'), e.message.sv]),
    );
  };

  it("tell every missing part of the magazine's address at once, each in its own words", async () => {
    const errors = await told({
      magazine: { edition: 'ta-steget-2026', postalAddress: { postalCode: '1234' } },
    });
    expect(errors).toEqual({
      'magazine.postalAddress.street': 'Ange gatuadress.',
      'magazine.postalAddress.postalCode': 'Kontrollera postnumret (t.ex. 831 30).',
      'magazine.postalAddress.city': 'Ange ort.',
    });
  });

  it('say nothing of the hidden trap field but that the form could not be sent', async () => {
    expect(await told({ website: 'http://spam.example' })).toEqual({
      website: 'Formuläret kunde inte skickas. Försök igen.',
    });
  });

  it('say a body that is no form could not be read, naming no field', async () => {
    const { fieldErrors, registrationSchema, REGISTRATION_MESSAGES } = await import('@tasteget/shared');
    for (const body of [[1, 2, 3], 'firstName=Anna', null]) {
      const result = registrationSchema.safeParse(body);
      expect(fieldErrors(result.error!, REGISTRATION_MESSAGES)).toEqual([
        {
          path: [],
          message: {
            sv: 'Formuläret kunde inte läsas. Skicka det från sidan igen.',
            en: 'The form could not be read. Send it again from the page.',
          },
        },
      ]);
    }
  });

  it('name the field of a text too long, with the limit; a number out of range says its range', async () => {
    expect(await told({ message: 'å'.repeat(5001), householdSize: 50 })).toEqual({
      message: 'Kontrollera meddelandet: högst 5000 tecken.',
      householdSize: 'Ange hur många ni är i hushållet (1–20).',
    });
  });

  it('refuse more children than people in the household', async () => {
    expect(await told({ householdSize: 2, children: 2 })).toEqual({
      children: 'Ange antal barn (0–20), färre än personerna i hushållet.',
    });
    const { registrationSchema } = await import('@tasteget/shared');
    expect(registrationSchema.safeParse({ ...registration, householdSize: 3, children: 2 }).success).toBe(
      true,
    );
    // One of the two alone says nothing about the other (a return visit may give one).
    expect(registrationSchema.safeParse({ ...registration, children: 4 }).success).toBe(true);
  });
});
