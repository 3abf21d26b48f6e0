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
  const water = `hsl(${(hue + 190) % 360},45%,55%)`;
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
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
    <defs><linearGradient id="s" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="${sky}"/><stop offset="1" stop-color="${horizon}"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#s)"/>
    <circle cx="${w * 0.78}" cy="${h * 0.22}" r="${h * 0.08}" fill="hsl(${(hue + 40) % 360},90%,85%)"/>
    <polygon points="0,${h * 0.62} ${w * 0.18},${h * 0.3} ${w * 0.34},${h * 0.55} ${w * 0.52},${h * 0.25} ${w * 0.75},${h * 0.58} ${w * 0.9},${h * 0.4} ${w},${h * 0.55} ${w},${h} 0,${h}" fill="${far}"/>
    <polygon points="0,${h * 0.75} ${w * 0.3},${h * 0.6} ${w * 0.6},${h * 0.72} ${w},${h * 0.62} ${w},${h} 0,${h}" fill="${near}"/>
    <rect y="${h * 0.82}" width="100%" height="${h * 0.18}" fill="${water}"/></svg>`;
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
