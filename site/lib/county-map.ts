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

/**
 * Markers moved apart where they would cover one another (two coworking spaces in one town): each
 * group of markers closer than `2 × radius` is laid out on a small ring around the group's middle,
 * in the order of their directions from it, so every number can be read and clicked. A marker
 * with room around it stays where it is. Deterministic: the same points give the same map.
 */
export function spreadMarkers(
  points: readonly { x: number; y: number }[],
  radius: number,
): { x: number; y: number }[] {
  const placed = points.map((p) => ({ ...p }));
  const touching = (a: { x: number; y: number }, b: { x: number; y: number }) =>
    Math.hypot(a.x - b.x, a.y - b.y) < 2 * radius;
  // A ring pushed out can touch another marker: a few rounds settle any realistic map.
  for (let round = 0; round < 5; round++) {
    const groups = touchingGroups(placed, touching);
    if (groups.every((group) => group.length === 1)) break;
    for (const group of groups.filter((g) => g.length > 1)) {
      const cx = group.reduce((sum, i) => sum + placed[i].x, 0) / group.length;
      const cy = group.reduce((sum, i) => sum + placed[i].y, 0) / group.length;
      // Neighbours on a ring of n are 2R·sin(π/n) apart; a tenth more than touching.
      const ring = (1.1 * radius) / Math.sin(Math.PI / group.length);
      const direction = (i: number) => Math.atan2(placed[i].y - cy, placed[i].x - cx);
      const around = [...group].sort((a, b) => direction(a) - direction(b) || a - b);
      around.forEach((i, k) => {
        const angle = -Math.PI / 2 + (2 * Math.PI * k) / group.length;
        placed[i] = { x: cx + ring * Math.cos(angle), y: cy + ring * Math.sin(angle) };
      });
    }
  }
  return placed;
}

/** The indexes of `points` in groups, two points in one group when a chain of touching joins them. */
function touchingGroups<T>(points: readonly T[], touching: (a: T, b: T) => boolean): number[][] {
  const group = points.map((_, i) => i);
  const root = (i: number): number => (group[i] === i ? i : (group[i] = root(group[i])));
  for (let i = 0; i < points.length; i++)
    for (let j = i + 1; j < points.length; j++) if (touching(points[i], points[j])) group[root(j)] = root(i);
  const groups = new Map<number, number[]>();
  points.forEach((_, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), i]));
  return [...groups.values()];
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
