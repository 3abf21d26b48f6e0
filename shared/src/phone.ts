import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/**
 * Phone numbers, stored in E.164 (`+46701234567`) so one number is one string however it was
 * typed ("070-123 45 67", "+46 70 123 45 67", "0046701234567"), and shown in the national form
 * of its country ("070-123 45 67") to guides. Parsed and validated per country with
 * libphonenumber-js (Google's libphonenumber metadata); a number without a country code is read
 * as Swedish. Node-side only: the portal's forms check the shape, the CMS the number.
 */
export const DEFAULT_PHONE_COUNTRY: CountryCode = 'SE';

/** E.164 for a valid number, else null. */
export function normalizePhone(raw: string, country: CountryCode = DEFAULT_PHONE_COUNTRY): string | null {
  // "00" is the international prefix in Sweden and most of Europe.
  const text = raw.trim().replace(/^00(?=[1-9])/, '+');
  const parsed = parsePhoneNumberFromString(text, country);
  return parsed?.isValid() ? parsed.number : null;
}

/** The national form of a stored number for people of its country, else the international one. */
export function formatPhone(stored: string, readerCountry: CountryCode = DEFAULT_PHONE_COUNTRY): string {
  const parsed = parsePhoneNumberFromString(stored, readerCountry);
  if (!parsed) return stored;
  return parsed.country === readerCountry ? parsed.formatNational() : parsed.formatInternational();
}
