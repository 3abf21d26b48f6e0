import { describe, expect, it } from 'vitest';
import {
  email,
  formatPhone,
  magazineOrderSchema,
  normalizePhone,
  normalizePostcode,
  registrationSchema,
} from '@tasteget/shared';

describe('phone numbers', () => {
  it('stores one number as one E.164 string however it was typed', () => {
    for (const typed of [
      '070-123 45 67',
      '+46 70 123 45 67',
      '0046701234567',
      '070 1234567',
      '(070) 123 45 67',
    ])
      expect(normalizePhone(typed), typed).toBe('+46701234567');
    expect(normalizePhone('063-12 34 56')).toBe('+4663123456');
    // Another country's number, with its country code.
    expect(normalizePhone('+47 412 34 567')).toBe('+4741234567');
  });

  it('refuses numbers that are not valid for their country', () => {
    for (const typed of ['070-123', '123456', '+46 70 123 45 67 89 01', '+47 12', 'ring mig']) {
      expect(normalizePhone(typed), typed).toBeNull();
    }
  });

  it("takes a form's number as people type and paste it: brackets, other dashes and spaces, dots", () => {
    const schema = registrationSchema.shape.phone.unwrap();
    for (const typed of [
      '(070) 123 45 67',
      '070\u2013123\u00a045\u00a067',
      '070.123.45.67',
      '070\u2212123 45 67',
    ]) {
      const parsed = schema.safeParse(typed);
      expect(parsed.success, typed).toBe(true);
      expect(normalizePhone(parsed.data!), typed).toBe('+46701234567');
    }
    expect(schema.safeParse('ring mig').success).toBe(false);
  });

  it("shows a number in its country's national form, and foreign ones internationally", () => {
    expect(formatPhone('+46701234567')).toBe('070-123 45 67');
    expect(formatPhone('+4663123456')).toBe('063-12 34 56');
    expect(formatPhone('+4741234567')).toBe('+47 41 23 45 67');
  });
});

describe('postcodes', () => {
  it('writes Swedish postcodes as NNN NN, and others as typed', () => {
    expect(normalizePostcode('83130')).toBe('831 30');
    expect(normalizePostcode(' 831 30 ')).toBe('831 30');
    expect(normalizePostcode('sw1a  1aa', 'GB')).toBe('SW1A 1AA');
    expect(normalizePostcode('0150', 'NO')).toBe('0150');
  });

  it('normalises the postcode of an order at the edge', () => {
    const order = magazineOrderSchema.parse({
      name: 'Astrid',
      email: 'astrid@example.se',
      edition: 'ta-steget-2026',
      quantity: 1,
      postalAddress: { street: 'Storgatan 1', postalCode: '83130', city: 'Östersund' },
      consent: true,
      language: 'sv',
      challenge: 'x',
    });
    expect(order.postalAddress.postalCode).toBe('831 30');
  });
});

describe('e-mail addresses', () => {
  const parse = (value: string) => email.safeParse(value);

  it('keep a domain written in Swedish letters in its ASCII form, which mail servers read', () => {
    expect(parse(' Anna@Räksmörgås.se ').data).toBe('Anna@xn--rksmrgs-5wao1o.se');
    expect(parse('per@åre.se').data).toBe('per@xn--re-xia.se');
    expect(parse('lo@example.se').data).toBe('lo@example.se');
  });

  it('refuse what is no address, without reading a shorter domain out of it', () => {
    for (const value of ['åsa@example.se', 'a@å.se/x', 'a@å.se?x', 'a@å..se', 'a@', '@åre.se', 'a@ö']) {
      expect(parse(value).success, value).toBe(false);
    }
  });

  it('take at most 64 characters before the @ (RFC 5321)', () => {
    expect(parse(`${'a'.repeat(64)}@example.se`).success).toBe(true);
    expect(parse(`${'a'.repeat(65)}@example.se`).success).toBe(false);
  });
});

describe('names and texts', () => {
  const name = registrationSchema.shape.firstName;

  it('drop the invisible characters that turn text around, and keep the joiners words and emoji need', () => {
    expect(name.parse('Örjan \u202eevil\u202c\u200b')).toBe('Örjan evil');
    expect(name.parse('\u2066Anna\u2069')).toBe('Anna');
    // A family emoji and a Persian name hold zero-width joiners.
    expect(name.parse('Sara 👨\u200d👩\u200d👧')).toBe('Sara 👨\u200d👩\u200d👧');
    expect(name.parse('Mehr\u200cdad')).toBe('Mehr\u200cdad');
    // Nothing left once they are gone is no name.
    expect(name.safeParse('\u202e\u200b').success).toBe(false);
  });
});
