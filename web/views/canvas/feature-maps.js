// Feature maps: what each convolution and pooling layer makes of one image (the digit on the draw
// pad). A layer's output is (channels, height, width): one small image per channel, e.g. 8 maps
// of 24x24 after the first 5x5 convolution, 8 of 12x12 after 2x2 max pooling. Each layer is one
// band: a caption with its kind and shape, then its maps in a row (wrapping on narrow canvases).
// A convolution followed by its activation is shown once, after the activation ("Conv2D + ReLU"),
// since that is the map the next layer reads; dropout does nothing outside training and is left
// out.
// Colours per band: black 0 to white at the band's largest value (ink, as MNIST stores it), so
// the maps of one layer compare with each other; a band with negative values (a convolution
// without activation) uses the diverging weight colours instead, symmetric about zero.
//
// Usage:
//   drawFeatureMaps(canvas, featureMapRows(message.maps));
// The canvas keeps its width attribute as its width in CSS px; its height follows the layers.

import { BAND_LABEL_HEIGHT as LABEL_HEIGHT, describeCanvas, drawBandLabel, prepareBands, prepareCanvas } from './canvas.js';
import { DIVERGING, GRAY, divergingIndex } from './colormap.js';
import { DEFAULT_LANGUAGE, translator } from '../../i18n/index.js';

const BAND_GAP = 10;
const TILE_GAP = 4;
const TARGET_TILE = 44;  // CSS px a map is enlarged to, about (whole multiples of its size)

const ENGLISH = translator(DEFAULT_LANGUAGE);  // when the caller passes no translator

const ACTIVATIONS = new Set(['ReLU', 'LeakyReLU', 'Sigmoid', 'Tanh']);

/**
 * The bands to draw from the engine's list (TrainingSession::feature_maps: every layer with a
 * spatial output, in order): a convolution merged with the activation right after it, dropout
 * left out.
 * @param {{layer: number, kind: string, channels: number, height: number, width: number,
 *          values: Float32Array}[]} maps
 * @returns {{layer: number, first: number, label: string, channels: number, height: number,
 *            width: number, values: Float32Array}[]}  first: the band's first layer (the conv)
 */
export function featureMapRows(maps) {
  const rows = [];
  for (const map of maps) {
    if (map.kind === 'Dropout') continue;
    const previous = rows.at(-1);
    if (ACTIVATIONS.has(map.kind) && previous && previous.kind === 'Conv2D' && previous.layer === map.layer - 1) {
      rows[rows.length - 1] = { ...map, kind: 'Conv2D', first: previous.layer, label: `Conv2D + ${map.kind}` };
    } else {
      rows.push({ ...map, first: map.layer, label: map.kind });
    }
  }
  return rows;
}

/**
 * "Layer 3" or "Layers 1–2", numbered as in the model summary (from 1); `inSentence`: the form
 * inside a sentence ("layers 1–2").
 */
function layerNames({ first = undefined, layer }, t, inSentence = false) {
  const key = first !== undefined && first !== layer ? 'maps.layers' : 'maps.layer';
  return t(inSentence ? `${key}InSentence` : key, { first: first + 1, last: layer + 1, layer: layer + 1 });
}

/** The zoom (whole CSS px per value) and how many maps fit on a line. */
function bandLayout({ channels, height, width: mapWidth }, width) {
  const zoom = Math.max(1, Math.round(TARGET_TILE / Math.max(height, mapWidth)));
  const tileWidth = mapWidth * zoom;
  const tileHeight = height * zoom;
  const perLine = Math.max(1, Math.floor((width + TILE_GAP) / (tileWidth + TILE_GAP)));
  const lines = Math.ceil(channels / perLine);
  return { zoom, tileWidth, tileHeight, perLine, bandHeight: lines * (tileHeight + TILE_GAP) - TILE_GAP };
}

/**
 * Which map is at (x, y), in the logical px drawFeatureMaps drew `rows` at `width` with: the
 * band's first layer (the conv), its kind, the channel and the value's [row, col] in the map;
 * null between maps or below them.
 */
export function featureMapAt(rows, width, x, y) {
  let top = 0;
  for (const row of rows) {
    const layout = bandLayout(row, width);
    top += LABEL_HEIGHT;
    const line = Math.floor((y - top) / (layout.tileHeight + TILE_GAP));
    const column = Math.floor(x / (layout.tileWidth + TILE_GAP));
    const inY = y - top - line * (layout.tileHeight + TILE_GAP);
    const inX = x - column * (layout.tileWidth + TILE_GAP);
    const channel = line * layout.perLine + column;
    if (y >= top && y < top + layout.bandHeight && column < layout.perLine && channel < row.channels
        && inX < layout.tileWidth && inY < layout.tileHeight) {
      return { layer: row.first, kind: row.kind, channel,
        position: [Math.floor(inY / layout.zoom), Math.floor(inX / layout.zoom)] };
    }
    top += layout.bandHeight + BAND_GAP;
  }
  return null;
}

/**
 * @param {HTMLCanvasElement} canvas
 * @param {ReturnType<typeof featureMapRows>} rows
 * @param {{width?: number, t?: Function}} [options]  logical width (default: the canvas's width
 *   attribute); t: the interface's translator
 */
export function drawFeatureMaps(canvas, rows, { width: asked, t = ENGLISH } = {}) {
  const width = asked ?? prepareCanvas(canvas).width;  // the height is computed below
  const layouts = rows.map((row) => bandLayout(row, width));
  const height = Math.max(40, layouts.reduce((h, l) => h + LABEL_HEIGHT + l.bandHeight + BAND_GAP, 0));
  const { ctx, theme } = prepareBands(canvas, width, height);

  let top = 0;
  rows.forEach((row, i) => {
    const layout = layouts[i];
    const { channels, height: h, width: w, values } = row;
    top = drawBandLabel(ctx, theme, t('maps.band', { layers: layerNames(row, t), kind: row.label, channels, h, w }), top, width);

    let min = Infinity;
    let max = -Infinity;
    for (let k = 0; k < values.length; k++) {
      min = Math.min(min, values[k]);
      max = Math.max(max, values[k]);
    }
    const signed = min < 0;
    const scale = signed ? Math.max(-min, max) : max;
    const atlas = new OffscreenCanvas(Math.max(1, channels * w), h);
    const actx = atlas.getContext('2d');
    const image = actx.createImageData(atlas.width, h);
    for (let c = 0; c < channels; c++) {
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const v = scale > 0 ? values[(c * h + y) * w + x] / scale : 0;
          const rgb = signed ? DIVERGING[divergingIndex(v)] : GRAY[Math.max(0, Math.min(255, Math.round(v * 255)))];
          const o = 4 * (y * atlas.width + c * w + x);
          image.data[o] = rgb[0];
          image.data[o + 1] = rgb[1];
          image.data[o + 2] = rgb[2];
          image.data[o + 3] = 255;
        }
      }
    }
    actx.putImageData(image, 0, 0);
    ctx.strokeStyle = theme.grid;
    ctx.lineWidth = 1;
    for (let c = 0; c < channels; c++) {
      const x = (c % layout.perLine) * (layout.tileWidth + TILE_GAP);
      const y = top + Math.floor(c / layout.perLine) * (layout.tileHeight + TILE_GAP);
      ctx.drawImage(atlas, c * w, 0, w, h, x, y, layout.tileWidth, layout.tileHeight);
    }
    top += layout.bandHeight + BAND_GAP;
  });

  if (!rows.length) {
    ctx.fillStyle = theme.muted;
    ctx.font = `13px ${theme.font}`;
    ctx.textBaseline = 'middle';
    ctx.fillText(t('maps.none'), 0, 20, width);
  }
  describeCanvas(canvas, 'feature-maps', rows.length
    ? t('maps.describe', { bands: rows.map((r) => t('maps.describeBand',
      { layers: layerNames(r, t, true), kind: r.label, channels: r.channels, h: r.height, w: r.width })).join(t('list.separator')) })
    : t('maps.noneDescribed'));
}
