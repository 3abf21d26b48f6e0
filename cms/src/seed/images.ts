import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { Core } from '@strapi/strapi';

/**
 * Demo images are drawn here, never downloaded: abstract landscapes (sky, fells, lake) in a hue of
 * their own, portraits as simple shapes, magazine covers as colour fields. No text is drawn, so no
 * font has to be installed.
 */
export type ImageKind = 'landscape' | 'portrait' | 'cover';

const SIZES: Record<ImageKind, [number, number]> = {
  landscape: [1600, 900],
  portrait: [800, 800],
  cover: [900, 1200],
};

function svgFor(kind: ImageKind, hue: number): string {
  const [w, h] = SIZES[kind];
  const sky = `hsl(${hue},55%,78%)`;
  const horizon = `hsl(${(hue + 30) % 360},60%,88%)`;
  const far = `hsl(${(hue + 200) % 360},25%,45%)`;
  const near = `hsl(${(hue + 140) % 360},30%,28%)`;
  if (kind === 'portrait') {
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
      <rect width="100%" height="100%" fill="${sky}"/>
      <circle cx="${w / 2}" cy="${h * 0.38}" r="${w * 0.17}" fill="${near}"/>
      <ellipse cx="${w / 2}" cy="${h * 0.95}" rx="${w * 0.32}" ry="${h * 0.3}" fill="${far}"/></svg>`;
  }
  if (kind === 'cover') {
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
      <rect width="100%" height="100%" fill="${horizon}"/>
      <rect y="${h * 0.55}" width="100%" height="${h * 0.45}" fill="${near}"/>
      <circle cx="${w * 0.7}" cy="${h * 0.3}" r="${w * 0.16}" fill="hsl(${hue},80%,60%)"/>
      <rect x="${w * 0.08}" y="${h * 0.06}" width="${w * 0.84}" height="${h * 0.1}" fill="${far}"/></svg>`;
  }
  return landscape(w, h, hue);
}

/**
 * A fell landscape: a sky with a soft sun, two ranges of fells with snow on the peaks, a spruce
 * forest on the shore, a red cottage, and a lake that mirrors the fells. Shapes vary with the hue,
 * so every image is a little different and the same name always draws the same picture.
 */
function landscape(w: number, h: number, hue: number): string {
  // The county's colours, shifted a little per image: a clear or a golden-hour sky, blue fells,
  // dark spruce, a blue lake.
  const shift = hue % 40;
  const c = {
    sky: `hsl(${200 + (shift % 20)},55%,${62 + (shift % 12)}%)`,
    horizon: `hsl(${25 + shift},85%,${82 + (shift % 8)}%)`,
    far: `hsl(${210 + (shift % 15)},22%,${42 + (shift % 10)}%)`,
    near: `hsl(${140 + (shift % 20)},28%,22%)`,
    water: `hsl(${200 + (shift % 15)},50%,48%)`,
  };
  // A small deterministic generator: the same hue draws the same trees.
  let state = (hue * 2654435761) % 2 ** 32 || 1;
  const random = () => (state = (state * 1664525 + 1013904223) % 2 ** 32) / 2 ** 32;
  const peaks = [0.18, 0.36, 0.55, 0.74, 0.9].map((x) => [
    x + (random() - 0.5) * 0.06,
    0.22 + random() * 0.18,
  ]);
  const far = `0,${h * 0.6} ${peaks.map(([x, y]) => `${w * x},${h * y}`).join(' ')} ${w},${h * 0.5} ${w},${h * 0.66} 0,${h * 0.66}`;
  const snow = peaks
    .map(([x, y]) => {
      const cap = h * 0.06;
      return `<polygon points="${w * x},${h * y} ${w * x - cap * 0.9},${h * y + cap} ${w * x + cap * 0.9},${h * y + cap}" fill="#f4f7f8" opacity="0.9"/>`;
    })
    .join('');
  const shore = h * 0.7;
  const trees = Array.from({ length: 38 }, (_, i) => {
    const x = (i / 38) * w + random() * (w / 38);
    const th = h * (0.07 + random() * 0.07);
    const base = shore + random() * h * 0.02;
    return `<polygon points="${x},${base - th} ${x - th * 0.28},${base} ${x + th * 0.28},${base}" fill="${c.near}"/>`;
  }).join('');
  const cx = w * (0.25 + random() * 0.4);
  const cottage = `<g transform="translate(${cx} ${shore - h * 0.045})">
      <rect width="${h * 0.07}" height="${h * 0.045}" fill="#9b2d20"/>
      <polygon points="${-h * 0.008},0 ${h * 0.035},${-h * 0.03} ${h * 0.078},0" fill="#3b2a25"/>
      <rect x="${h * 0.012}" y="${h * 0.012}" width="${h * 0.012}" height="${h * 0.012}" fill="#f7e7b4"/>
      <rect x="${h * 0.045}" y="${h * 0.012}" width="${h * 0.012}" height="${h * 0.012}" fill="#f7e7b4"/></g>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
    <defs>
      <linearGradient id="s" x1="0" y1="0" x2="0" y2="1">
        <stop offset="0" stop-color="${c.sky}"/><stop offset="1" stop-color="${c.horizon}"/></linearGradient>
      <radialGradient id="sun"><stop offset="0" stop-color="hsl(${(hue + 40) % 360},95%,92%)"/>
        <stop offset="1" stop-color="hsl(${(hue + 40) % 360},95%,92%)" stop-opacity="0"/></radialGradient>
      <linearGradient id="lake" x1="0" y1="0" x2="0" y2="1">
        <stop offset="0" stop-color="${c.water}"/><stop offset="1" stop-color="${c.far}"/></linearGradient>
    </defs>
    <rect width="100%" height="100%" fill="url(#s)"/>
    <circle cx="${w * 0.8}" cy="${h * 0.2}" r="${h * 0.2}" fill="url(#sun)"/>
    <circle cx="${w * 0.8}" cy="${h * 0.2}" r="${h * 0.05}" fill="hsl(${(hue + 40) % 360},95%,94%)"/>
    <polygon points="${far}" fill="${c.far}"/>${snow}
    <polygon points="0,${h * 0.64} ${w * 0.3},${h * 0.58} ${w * 0.65},${h * 0.66} ${w},${h * 0.6} ${w},${shore} 0,${shore}" fill="${c.near}" opacity="0.85"/>
    ${trees}${cottage}
    <rect y="${shore}" width="100%" height="${h - shore}" fill="url(#lake)"/>
    <g transform="translate(0 ${shore * 2}) scale(1 -1)" opacity="0.25"><polygon points="${far}" fill="${c.far}"/></g>
    ${Array.from({ length: 6 }, (_, i) => `<rect x="${w * random()}" y="${shore + (h - shore) * (0.2 + i * 0.12)}" width="${w * (0.08 + random() * 0.12)}" height="2" fill="#ffffff" opacity="0.35"/>`).join('')}
  </svg>`;
}

/** A demo image as JPEG (also the portal's default share image, site/public/share.jpg, hue 200). */
export function drawDemoImage(kind: ImageKind, hue: number): Promise<Buffer> {
  return sharp(Buffer.from(svgFor(kind, hue)))
    .jpeg({ quality: 78, mozjpeg: true })
    .toBuffer();
}

type UploadedFile = { id: number; name: string };

/**
 * Returns the uploaded file of this name, drawing and uploading it the first time. The name is
 * the identity, so the seed can run again without duplicating media.
 */
export async function seedImage(
  strapi: Core.Strapi,
  name: string,
  kind: ImageKind,
  hue: number,
  alternativeText: string,
): Promise<UploadedFile> {
  const existing = await strapi.db.query('plugin::upload.file').findOne({ where: { name } });
  if (existing) return existing as UploadedFile;

  const buffer = await drawDemoImage(kind, hue);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tasteget-seed-'));
  const filepath = path.join(dir, name);
  try {
    await fs.writeFile(filepath, buffer);
    const [file] = await strapi
      .plugin('upload')
      .service('upload')
      .upload({
        data: { fileInfo: { name, alternativeText, caption: alternativeText } },
        files: { filepath, originalFilename: name, mimetype: 'image/jpeg', size: buffer.length },
      });
    return file as UploadedFile;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
