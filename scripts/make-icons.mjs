// Draws the app icon and the tray icons (one per tray state, 1x and @2x) as PNG files into
// resources/. No image library: shapes are rendered with 4x4 supersampling and written with zlib.
// The output is deterministic, so re-running it leaves committed files unchanged.
//   node scripts/make-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// Shapes work in unit coordinates (0..1 across the image); each returns true when inside.
const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const ring = (cx, cy, r, width) => (x, y) => {
  const d = Math.hypot(x - cx, y - cy);
  return d <= r && d >= r - width;
};
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const roundedRect = (x0, y0, x1, y1, r) => (x, y) => {
  if (!rect(x0, y0, x1, y1)(x, y)) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};

const WHITE = [255, 255, 255];

/** The tray: a coloured disc per state with a white glyph saying which state it is. */
const TRAY_STATES = {
  watching: { colour: [46, 158, 91], glyph: [circle(0.5, 0.5, 0.16)] },
  'new-events': { colour: [47, 125, 225], glyph: [circle(0.5, 0.5, 0.16)], badge: [242, 153, 34] },
  lagging: { colour: [224, 163, 27], glyph: [rect(0.45, 0.22, 0.55, 0.55), rect(0.45, 0.45, 0.75, 0.55)] },
  error: { colour: [214, 69, 65], glyph: [rect(0.44, 0.2, 0.56, 0.6), circle(0.5, 0.75, 0.07)] },
  paused: { colour: [127, 140, 141], glyph: [rect(0.32, 0.27, 0.44, 0.73), rect(0.56, 0.27, 0.68, 0.73)] },
  dnd: { colour: [108, 92, 231], glyph: [rect(0.24, 0.44, 0.76, 0.56)] },
};

function trayLayers({ colour, glyph, badge }) {
  const layers = [{ shape: circle(0.5, 0.5, 0.46), colour }, ...glyph.map((shape) => ({ shape, colour: WHITE }))];
  if (badge) {
    layers.push({ shape: circle(0.8, 0.2, 0.2), colour: WHITE }, { shape: circle(0.8, 0.2, 0.15), colour: badge });
  }
  return layers;
}

const APP_ICON = [
  { shape: roundedRect(0.04, 0.04, 0.96, 0.96, 0.2), colour: [20, 33, 61] },
  { shape: ring(0.5, 0.5, 0.34, 0.07), colour: [72, 202, 228] },
  { shape: circle(0.5, 0.5, 0.13), colour: WHITE },
  { shape: circle(0.74, 0.26, 0.09), colour: [242, 153, 34] },
];

/** The topmost layer containing each sample wins; 16 samples per pixel give the edge alpha. */
function render(size, layers) {
  const pixels = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, hits = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = (px + (sx + 0.5) / n) / size;
          const y = (py + (sy + 0.5) / n) / size;
          for (let i = layers.length - 1; i >= 0; i--) {
            if (layers[i].shape(x, y)) {
              const [lr, lg, lb] = layers[i].colour;
              r += lr; g += lg; b += lb; hits++;
              break;
            }
          }
        }
      }
      const at = (py * size + px) * 4;
      if (hits > 0) {
        pixels[at] = Math.round(r / hits);
        pixels[at + 1] = Math.round(g / hits);
        pixels[at + 2] = Math.round(b / hits);
        pixels[at + 3] = Math.round((255 * hits) / (n * n));
      }
    }
  }
  return encodePng(size, size, pixels);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, k) => {
  let c = k;
  for (let i = 0; i < 8; i++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  // Each row starts with filter type 0 (none).
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function write(relative, png) {
  const path = join(root, relative);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, png);
  console.log(`wrote ${relative} (${png.length} bytes)`);
}

for (const [name, state] of Object.entries(TRAY_STATES)) {
  write(`resources/tray/${name}.png`, render(16, trayLayers(state)));
  write(`resources/tray/${name}@2x.png`, render(32, trayLayers(state)));
}
write('resources/icon.png', render(512, APP_ICON));
