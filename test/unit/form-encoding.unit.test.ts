import { describe, expect, it } from 'vitest';
import {
  REGISTRATION_FORM_ENCODING,
  SUBSCRIPTION_FORM_ENCODING,
  decodeFormBody,
  registrationSchema,
} from '@tasteget/shared';

/** A form posted without JavaScript decodes to what the shared schema reads. */
describe('decodeFormBody', () => {
  const posted = {
    firstName: 'Astrid',
    email: 'astrid@example.se',
    householdSize: '3',
    children: '1',
    municipalities: ['are', 'krokom'],
    topics: 'job',
    plannedMoveTime: '',
    consentToContact: 'yes',
    orderMagazine: 'yes',
    'magazine.edition': 'ta-steget-2026',
    'magazine.quantity': '2',
    'magazine.postalAddress.street': 'Storgatan 1',
    'magazine.postalAddress.postalCode': '831 30',
    'magazine.postalAddress.city': 'Östersund',
    language: 'sv',
  };

  it('makes lists, numbers, ticked boxes and nested groups', () => {
    const input = decodeFormBody(posted, REGISTRATION_FORM_ENCODING);
    expect(input).toEqual({
      firstName: 'Astrid',
      email: 'astrid@example.se',
      householdSize: 3,
      children: 1,
      municipalities: ['are', 'krokom'],
      topics: ['job'],
      consentToContact: true,
      newsletterConsent: false,
      magazine: {
        edition: 'ta-steget-2026',
        quantity: 2,
        postalAddress: { street: 'Storgatan 1', postalCode: '831 30', city: 'Östersund' },
      },
      language: 'sv',
    });
    expect(registrationSchema.safeParse({ ...input, challenge: 'x' }).success).toBe(true);
  });

  it('tells "not given" from a choice: empty fields and an unticked channel stay out, with no default', () => {
    const input = decodeFormBody(
      { ...posted, householdSize: '', children: '', countyTie: '', orderMagazine: undefined },
      REGISTRATION_FORM_ENCODING,
    );
    const parsed = registrationSchema.parse({ ...input, challenge: 'x' });
    expect(parsed.preferredChannel).toBeUndefined();
    expect(parsed.householdSize).toBeUndefined();
    expect(parsed.children).toBeUndefined();
    expect(parsed.countyTie).toBeUndefined();
    // The same with JavaScript: the form's JSON leaves out what the visitor left empty.
    expect(
      registrationSchema.parse({
        firstName: 'Astrid',
        email: 'a@example.se',
        consentToContact: true,
        challenge: 'x',
      }),
    ).not.toHaveProperty('preferredChannel');
  });

  it('leaves the magazine out when its box is not ticked, and a required box absent', () => {
    const { orderMagazine: _o, consentToContact: _c, ...rest } = posted;
    const input = decodeFormBody(rest, REGISTRATION_FORM_ENCODING);
    expect(input).not.toHaveProperty('magazine');
    expect(input).not.toHaveProperty('consentToContact');
    const result = registrationSchema.safeParse({ ...input, challenge: 'x' });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.'))).toEqual(['consentToContact']);
  });

  it('reads bodies a parser has nested, and keeps text that is not a number for the schema to refuse', () => {
    const input = decodeFormBody(
      {
        email: 'a@example.se',
        interests: ['job'],
        municipalities: { 0: 'are' },
        consent: 'yes',
        x: { y: 'z' },
      },
      SUBSCRIPTION_FORM_ENCODING,
    );
    expect(input).toMatchObject({ interests: ['job'], consent: true, x: { y: 'z' } });
    expect(decodeFormBody({ householdSize: 'tre' }, REGISTRATION_FORM_ENCODING).householdSize).toBe('tre');
  });

  it('never throws on hostile input', () => {
    for (const body of [
      null,
      'text',
      42,
      [],
      { a: null },
      { a: [{ b: 1 }] },
      { municipalities: { a: { b: 'c' } } },
    ]) {
      expect(() => decodeFormBody(body, REGISTRATION_FORM_ENCODING)).not.toThrow();
    }
  });
});
