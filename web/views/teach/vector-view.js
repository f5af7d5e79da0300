// One vector of a neuron drawn so its shape shows: an input image and the weights on it as
// pictures (a 28x28 image for the first dense layer, one k x k tile per input channel for a
// convolution patch), or, when the vector has no picture (the outputs of a dense layer), a strip of
// bars up (positive) and down (negative) from a zero line.
// Colours: 'gray' for inputs (black 0 to white 1, as MNIST stores ink; bars in the accent colour),
// 'diverging' for weights and gradients (blue negative, white zero, red positive, scaled to the
// vector's largest |value|, colormap.js). `highlight` outlines one entry (the weight followed in
// the update).
//
// Usage: drawVector(canvas, values, [channels, height, width], {palette: 'diverging', label})
// Returns hitIndex(offsetX, offsetY) -> the entry under a pointer, or -1.
// Also draws a layer's neurons side by side (a "channel" per neuron): scalePerChannel gives each
// its own colour scale, selectedChannel frames one.
import { describeCanvas, prepareCanvas, toLogical, viewTheme } from '../canvas/canvas.js';
import { DIVERGING, divergingIndex } from '../canvas/colormap.js';

const TILE_GAP = 4;
const BAR_HEIGHT = 64;

/**
 * @param {HTMLCanvasElement} canvas
 * @param {ArrayLike<number>} values   (channels, height, width) flattened
 * @param {number[]} shape             [channels, height, width]
 * @param {{palette?: 'gray'|'diverging', label: string, highlight?: number, maxWidth?: number,
 *   scalePerChannel?: boolean, selectedChannel?: number}} options
 */
export function drawVector(canvas, values, shape, { palette = 'diverging', label, highlight = -1, maxWidth = 320, ...tiles }) {
  const [channels, height, width] = shape;
  const layout = height * width > 1 && channels * height * width === values.length
    ? tileLayout(channels, height, width, maxWidth)
    : null;
  const draw = layout ? drawTiles : drawBars;
  const hit = draw(canvas, values, { ...layout, maxWidth, ...tiles }, palette, highlight);
  describeCanvas(canvas, 'teach-vector', label);
  return { hitIndex: (x, y) => hit(toLogical(canvas, x, y)) };
}

/** Channels as a near-square grid of tiles, each pixel `zoom` CSS px. */
function tileLayout(channels, height, width, maxWidth) {
  const columns = Math.ceil(Math.sqrt(channels));
  const rows = Math.ceil(channels / columns);
  const zoom = Math.max(1, Math.min(8, Math.floor((maxWidth - (columns - 1) * TILE_GAP) / (columns * width))));
  return { channels, height, width, columns, rows, zoom };
}

function drawTiles(canvas, values, layout, palette, highlight) {
  const { channels, height, width, columns, rows, zoom, scalePerChannel = false, selectedChannel = -1 } = layout;
  const tileW = width * zoom;
  const tileH = height * zoom;
  const { ctx } = prepareCanvas(canvas, columns * (tileW + TILE_GAP) - TILE_GAP, rows * (tileH + TILE_GAP) - TILE_GAP);
  const theme = viewTheme(canvas);
  const size = height * width;
  const scaleOf = (values) => (palette === 'gray' ? grayScale(values) : maxAbs(values));
  const whole = scaleOf(values);
  const origin = (c) => [(c % columns) * (tileW + TILE_GAP), Math.floor(c / columns) * (tileH + TILE_GAP)];
  for (let c = 0; c < channels; c++) {
    const [x0, y0] = origin(c);
    const scale = scalePerChannel ? scaleOf(values.slice(c * size, (c + 1) * size)) : whole;
    for (let i = 0; i < size; i++) {
      ctx.fillStyle = colour(values[c * size + i], scale, palette);
      ctx.fillRect(x0 + (i % width) * zoom, y0 + Math.floor(i / width) * zoom, zoom, zoom);
    }
    ctx.strokeStyle = theme.grid;
    ctx.strokeRect(x0 + 0.5, y0 + 0.5, tileW - 1, tileH - 1);
  }
  if (selectedChannel >= 0 && selectedChannel < channels) {
    const [x0, y0] = origin(selectedChannel);
    ctx.lineWidth = 3;
    ctx.strokeStyle = theme.accent2;
    ctx.strokeRect(x0 + 1.5, y0 + 1.5, tileW - 3, tileH - 3);
  }
  if (highlight >= 0 && highlight < values.length) {
    const c = Math.floor(highlight / (height * width));
    const i = highlight % (height * width);
    const [x0, y0] = origin(c);
    ctx.lineWidth = 2;
    ctx.strokeStyle = theme.accent2;
    ctx.strokeRect(x0 + (i % width) * zoom - 2, y0 + Math.floor(i / width) * zoom - 2, zoom + 4, zoom + 4);
  }
  return ({ x, y }) => {
    const column = Math.floor(x / (tileW + TILE_GAP));
    const row = Math.floor(y / (tileH + TILE_GAP));
    const c = row * columns + column;
    const px = Math.floor((x - column * (tileW + TILE_GAP)) / zoom);
    const py = Math.floor((y - row * (tileH + TILE_GAP)) / zoom);
    if (c >= channels || px < 0 || px >= width || py < 0 || py >= height) return -1;
    return c * height * width + py * width + px;
  };
}

function drawBars(canvas, values, { maxWidth }, palette, highlight) {
  const n = values.length;
  const barWidth = Math.max(1, Math.min(8, Math.floor(maxWidth / Math.max(1, n))));
  const { ctx, width } = prepareCanvas(canvas, Math.max(barWidth * n, 40), BAR_HEIGHT);
  const theme = viewTheme(canvas);
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, width, BAR_HEIGHT);
  const top = maxAbs(values) || 1;
  const zero = palette === 'gray' && values.every((v) => v >= 0) ? BAR_HEIGHT - 1 : BAR_HEIGHT / 2;
  const span = zero === BAR_HEIGHT / 2 ? BAR_HEIGHT / 2 - 2 : BAR_HEIGHT - 3;
  for (let i = 0; i < n; i++) {
    const length = (values[i] / top) * span;
    ctx.fillStyle = i === highlight ? theme.accent2 : palette === 'gray' ? theme.accent : colour(values[i], top, 'diverging');
    ctx.fillRect(i * barWidth, Math.min(zero, zero - length), Math.max(1, barWidth - (barWidth > 2 ? 1 : 0)), Math.max(1, Math.abs(length)));
  }
  ctx.fillStyle = theme.muted;
  ctx.fillRect(0, zero, width, 1);
  return ({ x }) => {
    const i = Math.floor(x / barWidth);
    return i >= 0 && i < n ? i : -1;
  };
}

function colour(value, scale, palette) {
  if (!Number.isFinite(value)) return '#ff00ff';  // NaN/∞: a colour no finite value has
  if (palette === 'gray') {
    const g = Math.round(255 * Math.max(0, Math.min(1, value / scale)));
    return `rgb(${g},${g},${g})`;
  }
  return `rgb(${DIVERGING[divergingIndex(scale > 0 ? value / scale : 0)]})`;
}

function maxAbs(values) {
  let m = 0;
  for (const v of values) if (Number.isFinite(v)) m = Math.max(m, Math.abs(v));
  return m;
}

// Inputs in [0, 1] (pixels) keep their scale; other activations are scaled to their largest.
function grayScale(values) {
  const m = maxAbs(values);
  return m <= 1 ? 1 : m;
}
