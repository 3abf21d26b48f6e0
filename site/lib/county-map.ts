import { MUNICIPALITY_SLUGS, type MunicipalitySlug } from '@tasteget/shared/browser';
import borders from './county-borders.json';

/**
 * The county's map, drawn here as SVG: the eight municipalities' borders from open data
 * (county-borders.json, made by scripts/county-borders.mjs, which names the source) in an
 * equirectangular projection scaled for the county's latitude, accurate enough at this size.
 * No tiles, no third party.
 */
type Ring = [number, number][];
const MUNICIPALITIES = borders.municipalities as Record<MunicipalitySlug, Ring[]>;

const all = Object.values(MUNICIPALITIES).flat(2);
const MARGIN = 0.05;
const BOUNDS = {
  west: Math.min(...all.map(([lon]) => lon)) - MARGIN,
  east: Math.max(...all.map(([lon]) => lon)) + MARGIN,
  south: Math.min(...all.map(([, lat]) => lat)) - MARGIN,
  north: Math.max(...all.map(([, lat]) => lat)) + MARGIN,
};
const LAT_SCALE = 1 / Math.cos((((BOUNDS.north + BOUNDS.south) / 2) * Math.PI) / 180);
export const MAP_WIDTH = 400;
export const MAP_HEIGHT = Math.round(
  ((BOUNDS.north - BOUNDS.south) * LAT_SCALE * MAP_WIDTH) / (BOUNDS.east - BOUNDS.west),
);

/** A point in the map's coordinates. */
export function project(lat: number, lon: number): { x: number; y: number } {
  return {
    x: ((lon - BOUNDS.west) / (BOUNDS.east - BOUNDS.west)) * MAP_WIDTH,
    y: ((BOUNDS.north - lat) / (BOUNDS.north - BOUNDS.south)) * MAP_HEIGHT,
  };
}

/** The SVG path of a municipality's outline (each of its parts closed). */
export function municipalityPath(slug: MunicipalitySlug): string {
  return MUNICIPALITIES[slug]
    .map(
      (ring) =>
        `M${ring
          .map(([lon, lat]) => {
            const p = project(lat, lon);
            return `${p.x.toFixed(1)},${p.y.toFixed(1)}`;
          })
          .join('L')}Z`,
    )
    .join('');
}

/** Whether a point lies inside a municipality (ray casting): the data's own consistency check. */
export function inMunicipality(slug: MunicipalitySlug, lat: number, lon: number): boolean {
  return MUNICIPALITIES[slug].some((ring) => {
    let inside = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  });
}

export const MAPPED_MUNICIPALITIES: readonly MunicipalitySlug[] = MUNICIPALITY_SLUGS;
