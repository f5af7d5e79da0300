// Convolution filters as pictures. A Conv2D layer with F filters over C input channels holds
// (F, C, Kh, Kw) weights: filter f is C small Kh x Kw images, one per input channel, and the
// layer's output channel f is the sum of each input channel convolved with its image. Each filter
// is drawn as one framed block of its C channel images (a near-square grid of them), the blocks
// tiled across the canvas, one band per conv layer, labelled. The first layer's filters (C = 1)
// read as edge and stroke detectors; deeper ones combine the previous layer's maps.
// Colours: the diverging map of the weights view (blue negative, white zero, red positive), scaled
// per filter: its own largest |weight| over all its channels is full colour.
//
// Usage:
//   drawConvFilters(canvas, [{layer: 0, filters: 8, channels: 1, kernelH: 5, kernelW: 5,
//                             weights: Float32Array(8 * 1 * 5 * 5)}, ...]);
// The canvas keeps its width attribute as its width in CSS px; its height follows the layers.

import { BAND_LABEL_HEIGHT as LABEL_HEIGHT, describeCanvas, drawBandLabel, prepareBands, prepareCanvas } from './canvas.js';
import { DIVERGING, LEGEND_HEIGHT, divergingIndex, drawLegend } from './colormap.js';
import { DEFAULT_LANGUAGE, translator } from '../../i18n/index.js';

const BAND_GAP = 10;       // between layers
const BLOCK_GAP = 8;       // between filters
const TILE_GAP = 2;        // between one filter's channel images
const MAX_BAND_HEIGHT = 300;
const MAX_ZOOM = 12;       // CSS px per weight at most

const ENGLISH = translator(DEFAULT_LANGUAGE);  // when the caller passes no translator

/** Columns and rows of the grid of one filter's C channel images: 8 -> 4x2, 16 -> 4x4, 32 -> 8x4. */
export function channelGrid(channels) {
  const root = Math.sqrt(channels);
  for (let c = Math.ceil(root); c <= Math.floor(2 * root); c++) {
    if (channels % c === 0) return { columns: c, rows: channels / c };
  }
  const columns = Math.ceil(root);
  return { columns, rows: Math.ceil(channels / columns) };
}

/**
 * How one layer's filters are laid out at the largest zoom (whole CSS px per weight) that keeps
 * its band within MAX_BAND_HEIGHT and at least one filter per line.
 */
export function filterLayout({ filters, channels, kernelH, kernelW }, width) {
  const grid = channelGrid(channels);
  let best = null;
  for (let zoom = 1; zoom <= MAX_ZOOM; zoom++) {
    const blockWidth = grid.columns * kernelW * zoom + (grid.columns - 1) * TILE_GAP + 2;  // + frame
    const blockHeight = grid.rows * kernelH * zoom + (grid.rows - 1) * TILE_GAP + 2;
    const perLine = Math.floor((width + BLOCK_GAP) / (blockWidth + BLOCK_GAP));
    if (perLine < 1) break;
    const lines = Math.ceil(filters / perLine);
    const bandHeight = lines * (blockHeight + BLOCK_GAP) - BLOCK_GAP;
    if (best && bandHeight > MAX_BAND_HEIGHT) break;
    best = { zoom, grid, blockWidth, blockHeight, perLine, lines, bandHeight };
  }
  return best;
}

/**
 * @param {HTMLCanvasElement} canvas
 * @param {{layer: number, filters: number, channels: number, kernelH: number, kernelW: number,
 *          weights: Float32Array}[]} layers   weights (filters, channels, kernelH, kernelW)
 * @param {{width?: number, t?: Function}} [options]  logical width (default: the canvas's width
 *   attribute); t: the interface's translator
 */
export function drawConvFilters(canvas, layers, { width: asked, t = ENGLISH } = {}) {
  const width = asked ?? prepareCanvas(canvas).width;  // the height is computed below
  const layouts = layers.map((l) => filterLayout(l, width));
  const height = layouts.reduce((h, layout) => h + LABEL_HEIGHT + (layout?.bandHeight ?? 0) + BAND_GAP, 0) + LEGEND_HEIGHT;
  const { ctx, theme } = prepareBands(canvas, width, height);

  let top = 0;
  layers.forEach((layer, i) => {
    const layout = layouts[i];
    const { filters, channels, kernelH: kh, kernelW: kw, weights } = layer;
    top = drawBandLabel(ctx, theme, t(channels === 1 ? 'filters.bandOne' : 'filters.band',
      { layer: layer.layer + 1, filters, channels, kh, kw }), top, width);
    if (!layout) return;

    // Every channel image of the layer in one atlas at 1 px per weight, then scaled up.
    const size = channels * kh * kw;
    const atlas = new OffscreenCanvas(Math.max(1, filters * channels * kw), kh);
    const actx = atlas.getContext('2d');
    const image = actx.createImageData(atlas.width, kh);
    for (let f = 0; f < filters; f++) {
      const w = weights.subarray(f * size, (f + 1) * size);
      let maxAbs = 0;
      for (let k = 0; k < size; k++) maxAbs = Math.max(maxAbs, Math.abs(w[k]));
      for (let c = 0; c < channels; c++) {
        for (let y = 0; y < kh; y++) {
          for (let x = 0; x < kw; x++) {
            const v = w[(c * kh + y) * kw + x];
            const rgb = DIVERGING[divergingIndex(maxAbs > 0 ? v / maxAbs : 0)];
            const o = 4 * (y * atlas.width + (f * channels + c) * kw + x);
            image.data[o] = rgb[0];
            image.data[o + 1] = rgb[1];
            image.data[o + 2] = rgb[2];
            image.data[o + 3] = 255;
          }
        }
      }
    }
    actx.putImageData(image, 0, 0);

    const { zoom, grid, blockWidth, blockHeight, perLine } = layout;
    ctx.strokeStyle = theme.grid;
    ctx.lineWidth = 1;
    for (let f = 0; f < filters; f++) {
      const bx = (f % perLine) * (blockWidth + BLOCK_GAP);
      const by = top + Math.floor(f / perLine) * (blockHeight + BLOCK_GAP);
      ctx.strokeRect(bx + 0.5, by + 0.5, blockWidth - 1, blockHeight - 1);
      for (let c = 0; c < channels; c++) {
        const tx = bx + 1 + (c % grid.columns) * (kw * zoom + TILE_GAP);
        const ty = by + 1 + Math.floor(c / grid.columns) * (kh * zoom + TILE_GAP);
        ctx.drawImage(atlas, (f * channels + c) * kw, 0, kw, kh, tx, ty, kw * zoom, kh * zoom);
      }
    }
    top += layout.bandHeight + BAND_GAP;
  });

  drawLegend(ctx, theme, width, height, { note: t('filters.legend') });
  const described = layers.map((l) => t('filters.describeLayer',
    { layer: l.layer + 1, filters: l.filters, channels: l.channels, kh: l.kernelH, kw: l.kernelW }));
  describeCanvas(canvas, 'conv-filters', t('filters.describe', { layers: described.join(t('list.separator')) }));
}
