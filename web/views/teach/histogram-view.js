// A small histogram of a layer's values (weights, activations or gradients, as the engine binned
// them: {min, max, counts}): bars over [min, max], a mark at zero when zero is inside, and the
// range written under it. Bar heights are √count, so a few values far from the bulk still show
// next to a tall peak (a dead layer's spike at 0, say).
import { describeCanvas, prepareCanvas, viewTheme } from '../canvas/canvas.js';
import { formatNumber } from './numbers.js';

const WIDTH = 160;
const HEIGHT = 72;
const AXIS = 14;  // px under the bars for the range

/**
 * @param {HTMLCanvasElement} canvas
 * @param {{min: number, max: number, counts: number[]}} histogram
 * @param {{label: string, colour?: 'accent'|'accent2'|'accent3'}} options
 */
export function drawHistogram(canvas, { min, max, counts }, { label, colour = 'accent' }) {
  const { ctx } = prepareCanvas(canvas, WIDTH, HEIGHT);
  const theme = viewTheme(canvas);
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, WIDTH, HEIGHT);
  const plot = HEIGHT - AXIS;
  const top = Math.sqrt(Math.max(1, ...counts));
  const barWidth = WIDTH / Math.max(1, counts.length);
  ctx.fillStyle = theme[colour];
  counts.forEach((count, i) => {
    const height = count > 0 ? Math.max(1, (Math.sqrt(count) / top) * (plot - 2)) : 0;
    ctx.fillRect(i * barWidth, plot - height, Math.max(1, barWidth - 0.5), height);
  });
  ctx.fillStyle = theme.grid;
  ctx.fillRect(0, plot, WIDTH, 1);
  if (min < 0 && max > 0) {
    ctx.fillStyle = theme.muted;
    ctx.fillRect(Math.round(((0 - min) / (max - min)) * WIDTH), 0, 1, plot);
  }
  ctx.fillStyle = theme.muted;
  ctx.font = `10px ${theme.font}`;
  ctx.textBaseline = 'bottom';
  ctx.textAlign = 'left';
  ctx.fillText(formatNumber(min, 3), 0, HEIGHT);
  ctx.textAlign = 'right';
  ctx.fillText(formatNumber(max, 3), WIDTH, HEIGHT);
  describeCanvas(canvas, 'teach-histogram', label);
}
