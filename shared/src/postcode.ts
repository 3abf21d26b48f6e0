/**
 * Postcodes in their country's written form: Swedish ones as `NNN NN` ("83130" and "831 30" are
 * one postcode); others trimmed, spaces collapsed and upper-cased (as on British or Dutch mail).
 */
export function normalizePostcode(raw: string, country = 'SE'): string {
  const text = raw.trim().replace(/\s+/g, ' ').toUpperCase();
  if (country.toUpperCase() === 'SE') {
    const digits = text.replace(/\D/g, '');
    if (digits.length === 5) return `${digits.slice(0, 3)} ${digits.slice(3)}`;
  }
  return text;
}
