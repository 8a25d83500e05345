/**
 * Draws the Teams app icons into manifest/: color.png (192×192, a white key on the accent colour) and
 * outline.png (32×32, the same key in white on a fully transparent background, as Teams requires).
 * Regenerate them with:  npx tsx src/packaging/drawIcons.ts
 * The shapes are plain geometry (a ring and rectangles), so the script needs nothing but pngjs.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { MANIFEST_DIR } from './paths.js';

/** A shape in the unit square (0..1 on both axes, y down): does it cover the point? */
type Shape = (x: number, y: number) => boolean;

const ring =
  (cx: number, cy: number, outer: number, inner: number): Shape =>
  (x, y) => {
    const d = Math.hypot(x - cx, y - cy);
    return d <= outer && d >= inner;
  };

const rect =
  (left: number, top: number, right: number, bottom: number): Shape =>
  (x, y) =>
    x >= left && x <= right && y >= top && y <= bottom;

/** A key lying down: the bow (a ring) on the left, the shaft to the right, two teeth below its tip. */
const KEY: readonly Shape[] = [ring(0.27, 0.5, 0.22, 0.11), rect(0.47, 0.43, 0.97, 0.57), rect(0.66, 0.57, 0.76, 0.74), rect(0.84, 0.57, 0.97, 0.8)];

const covers = (x: number, y: number): boolean => KEY.some((shape) => shape(x, y));

/** Share of a pixel the key covers, sampled on an n×n grid; `box` places the unit square inside the icon. */
function coverage(px: number, py: number, size: number, box: { offset: number; span: number }, n: number): number {
  let hits = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const x = ((px + (i + 0.5) / n) / size - box.offset) / box.span;
      const y = ((py + (j + 0.5) / n) / size - box.offset) / box.span;
      if (covers(x, y)) hits++;
    }
  }
  return hits / (n * n);
}

type Rgb = readonly [number, number, number];
type Rgba = readonly [number, number, number, number];

function drawIcon(size: number, box: { offset: number; span: number }, paint: (cover: number) => Rgba): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const at = (py * size + px) * 4;
      png.data.set(paint(coverage(px, py, size, box, 4)), at);
    }
  }
  return PNG.sync.write(png, { colorType: 6 });
}

/** The accent colour of the manifest (#0F6CBD), behind a white key with smoothed edges. */
function drawColorIcon(background: Rgb = [0x0f, 0x6c, 0xbd]): Buffer {
  const blend = (cover: number, channel: number): number => Math.round(channel + (255 - channel) * cover);
  return drawIcon(192, { offset: 0.16, span: 0.68 }, (cover) => [blend(cover, background[0]), blend(cover, background[1]), blend(cover, background[2]), 255]);
}

/** White where the key covers at least half a pixel, fully transparent elsewhere: no grey, no partial alpha. */
function drawOutlineIcon(): Buffer {
  return drawIcon(32, { offset: 0.03, span: 0.94 }, (cover) => (cover >= 0.5 ? [255, 255, 255, 255] : [0, 0, 0, 0]));
}

function main(): void {
  writeFileSync(join(MANIFEST_DIR, 'color.png'), drawColorIcon());
  writeFileSync(join(MANIFEST_DIR, 'outline.png'), drawOutlineIcon());
  process.stdout.write(`wrote color.png and outline.png in ${MANIFEST_DIR}\n`);
}

main();
