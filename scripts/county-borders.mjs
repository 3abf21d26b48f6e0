#!/usr/bin/env node
/**
 * Writes site/lib/county-borders.json, the eight municipalities' borders the portal's maps draw,
 * from a GeoJSON of Sweden's municipalities (run once; the result is committed, nothing is fetched
 * at build or run time):
 *
 *   node scripts/county-borders.mjs <swedish_municipalities.geojson>
 *
 * Source used: okfse/sweden-geojson, `swedish_municipalities.geojson` (commit ff67bcb), a 2 %
 * mapshaper simplification of Valmyndigheten's municipal borders as republished on OpenDataSoft
 * ("sverige-kommuner-municipalities-of-sweden"); its README says "Feel free to reuse". Only the
 * county's eight municipalities (län 23) are kept, rounded to four decimals (about 10 m).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Municipality codes (SCB) of the county, by our slug. */
const CODES = {
  2303: 'ragunda',
  2305: 'bracke',
  2309: 'krokom',
  2313: 'stromsund',
  2321: 'are',
  2326: 'berg',
  2361: 'harjedalen',
  2380: 'ostersund',
};

const input = process.argv[2];
if (!input) {
  console.error('usage: node scripts/county-borders.mjs <swedish_municipalities.geojson>');
  process.exit(2);
}
const round = (ring) => ring.map(([lon, lat]) => [Number(lon.toFixed(4)), Number(lat.toFixed(4))]);
const collection = JSON.parse(fs.readFileSync(input, 'utf8'));
const municipalities = {};
for (const feature of collection.features) {
  const slug = CODES[feature.properties.id];
  if (!slug) continue;
  const { type, coordinates } = feature.geometry;
  const polygons = type === 'MultiPolygon' ? coordinates : [coordinates];
  // Outer rings only: the county's lakes are not holes in this data.
  municipalities[slug] = polygons.map((polygon) => round(polygon[0]));
}
const missing = Object.values(CODES).filter((slug) => !municipalities[slug]);
if (missing.length > 0) throw new Error(`not in the input: ${missing.join(', ')}`);
const out = {
  source:
    'okfse/sweden-geojson (ff67bcb), simplified from Valmyndigheten’s municipal borders via OpenDataSoft; "Feel free to reuse"',
  municipalities,
};
fs.writeFileSync(path.join(ROOT, 'site/lib/county-borders.json'), `${JSON.stringify(out)}\n`);
console.log(`wrote ${Object.keys(municipalities).length} municipalities`);
