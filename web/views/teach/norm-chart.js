// Each layer's gradient norm ‖∂L/∂W‖ against the number of training images seen, on a log scale
// (norms span many powers of ten, and "1000 times smaller" should look like a fixed gap). One line
// per layer, each with its own colour and dash pattern (so colour is not the only difference),
// labelled at its end. A norm of exactly 0 (no gradient at all) is drawn at the bottom edge.
import { describeCanvas, prepareCanvas, viewTheme } from '../canvas/canvas.js';
import { formatCount } from '../canvas/format.js';

const HEIGHT = 180;
const PAD = { left: 44, right: 34, top: 8, bottom: 22 };
const DASHES = [[], [6, 3], [2, 3], [8, 3, 2, 3], [1, 2], [10, 4]];

/** The colour and dash of line k (also used by the legend). */
export function seriesStyle(theme, k) {
  const colours = [theme.accent, theme.accent2, theme.accent3, theme.wrong, '#cc79a7', theme.text];
  return { colour: colours[k % colours.length], dash: DASHES[k % DASHES.length] };
}

/**
 * @param {HTMLCanvasElement} canvas
 * @param {{name: string, points: number[][]}[]} series  points: [samplesSeen, norm]
 * @param {{label: string, locale?: string, width?: number}} options
 */
export function drawNormChart(canvas, series, { label, locale, width = 480 }) {
  const { ctx } = prepareCanvas(canvas, width, HEIGHT);
  const theme = viewTheme(canvas);
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, width, HEIGHT);
  const all = series.flatMap((s) => s.points);
  const positive = all.map(([, n]) => n).filter((n) => n > 0 && Number.isFinite(n));
  let low = Math.floor(Math.log10(Math.min(...positive, 1)));
  let high = Math.ceil(Math.log10(Math.max(...positive, 1e-3)));
  if (high <= low) high = low + 1;
  const xs = all.map(([seen]) => seen);
  const x0 = Math.min(...xs, 0);
  const x1 = Math.max(...xs, x0 + 1);
  const plotW = width - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const px = (seen) => PAD.left + ((seen - x0) / (x1 - x0)) * plotW;
  const py = (norm) => {
    const l = norm > 0 && Number.isFinite(norm) ? Math.log10(norm) : (norm > 0 ? high : low);
    return PAD.top + (1 - (Math.max(low, Math.min(high, l)) - low) / (high - low)) * plotH;
  };

  // Grid: one line per power of ten (every other one when there are many).
  ctx.font = `10px ${theme.font}`;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'right';
  const stride = Math.ceil((high - low) / 6);
  for (let p = low; p <= high; p += stride) {
    ctx.fillStyle = theme.grid;
    ctx.fillRect(PAD.left, Math.round(py(10 ** p)), plotW, 1);
    ctx.fillStyle = theme.muted;
    ctx.fillText(`1e${p}`, PAD.left - 4, py(10 ** p));
  }
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  ctx.fillText(formatCount(x0, locale), PAD.left, HEIGHT - PAD.bottom + 6);
  ctx.textAlign = 'right';
  ctx.fillText(formatCount(x1, locale), PAD.left + plotW, HEIGHT - PAD.bottom + 6);

  const labels = [];
  series.forEach((s, k) => {
    const { colour, dash } = seriesStyle(theme, k);
    ctx.strokeStyle = colour;
    ctx.fillStyle = colour;
    ctx.lineWidth = 2;
    ctx.setLineDash(dash);
    ctx.beginPath();
    s.points.forEach(([seen, norm], i) => (i ? ctx.lineTo(px(seen), py(norm)) : ctx.moveTo(px(seen), py(norm))));
    ctx.stroke();
    ctx.setLineDash([]);
    const last = s.points[s.points.length - 1];
    if (!last) return;
    if (s.points.length === 1) ctx.fillRect(px(last[0]) - 2, py(last[1]) - 2, 4, 4);
    labels.push({ text: s.name, colour, x: px(last[0]) + 4, y: py(last[1]) });
  });
  // Each line's name at its end, moved apart where lines end close together.
  labels.sort((a, b) => a.y - b.y);
  labels.forEach((label, i) => { if (i > 0) label.y = Math.max(label.y, labels[i - 1].y + 11); });
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  for (const { text, colour, x, y } of labels) {
    ctx.fillStyle = colour;
    ctx.fillText(text, x, y);
  }
  describeCanvas(canvas, 'teach-norm-chart', label);
}
