/**
 * The eight municipalities of Jämtland Härjedalen. This list is the single source of truth:
 * CMS enumerations, the site's filters and the newsletter segments all use these slugs.
 */
export const MUNICIPALITIES = [
  { slug: 'berg', name: 'Berg' },
  { slug: 'bracke', name: 'Bräcke' },
  { slug: 'harjedalen', name: 'Härjedalen' },
  { slug: 'krokom', name: 'Krokom' },
  { slug: 'ragunda', name: 'Ragunda' },
  { slug: 'stromsund', name: 'Strömsund' },
  { slug: 'are', name: 'Åre' },
  { slug: 'ostersund', name: 'Östersund' },
] as const;

export type MunicipalitySlug = (typeof MUNICIPALITIES)[number]['slug'];

export const MUNICIPALITY_SLUGS = MUNICIPALITIES.map((m) => m.slug) as [
  MunicipalitySlug,
  ...MunicipalitySlug[],
];

/** Contacts that chose no municipality are handled by the region. */
export const REGION = 'region' as const;
export type QueueOwner = MunicipalitySlug | typeof REGION;
export const QUEUE_OWNERS = [...MUNICIPALITY_SLUGS, REGION] as [QueueOwner, ...QueueOwner[]];

export function isMunicipalitySlug(value: string): value is MunicipalitySlug {
  return (MUNICIPALITY_SLUGS as readonly string[]).includes(value);
}

export function municipalityName(slug: MunicipalitySlug): string {
  const found = MUNICIPALITIES.find((m) => m.slug === slug);
  if (!found) throw new Error(`Unknown municipality: ${slug}`);
  return found.name;
}
