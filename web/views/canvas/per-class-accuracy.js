// Accuracy per true class as vertical bars with the percentage above each and the class's name
// below. A trained network scores 90-100% on every digit, so on a 0-100% axis the differences
// would vanish: the axis starts at the highest of 0, 50, 80 or 90% that is still below the worst
// class, and says so on the axis. The worst class's name is bold and marked "▲ lowest", not by
// colour alone. Names wider than their bar's slot are turned 45° (and cut with '…' past a third
// of the height), so ten clothes' names fit a phone's width.
//
// Usage:
//   drawPerClassAccuracy(canvas, metrics.perClassAccuracy, { labels: classes.names(), t });  // N numbers in [0, 1]
// The canvas keeps its width/height attributes as its size in CSS px.

import { describeCanvas, prepareCanvas, viewTheme } from './canvas.js';
import { formatPercent } from './format.js';
import { digitLabels, fitText, widestText } from './text-fit.js';
import { DEFAULT_LANGUAGE, translator } from '../../i18n/index.js';

const AXIS_FLOORS = [0.9, 0.8, 0.5, 0];
const SLANT = Math.PI / 4;  // names wider than their slot are turned this much

const ENGLISH = translator(DEFAULT_LANGUAGE);  // when the caller passes no translator

/**
 * @param {HTMLCanvasElement} canvas
 * @param {Float32Array|number[]} perClass  N accuracies in [0, 1], index = true class
 * @param {{labels?: string[], t?: Function}} [options]  labels: the classes' names (default: the
 *   digits 0..N-1); t: the interface's translator
 */
export function drawPerClassAccuracy(canvas, perClass, { labels = digitLabels(perClass.length), t = ENGLISH } = {}) {
  const { ctx, width, height } = prepareCanvas(canvas);
  const theme = viewTheme(canvas);
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, width, height);

  const n = perClass.length;
  const values = Array.from(perClass, (v) => Math.min(1, Math.max(0, v || 0)));
  let worst = 0;
  for (let c = 1; c < n; ++c) if (values[c] < values[worst]) worst = c;
  const floor = AXIS_FLOORS.find((f) => f < values[worst] - 0.01) ?? 0;
  // Every class alike (all 100% on a small test set): no class is marked lowest.
  const even = values.every((v) => v === values[worst]);

  const left = 40;    // y-axis ticks
  const top = 18;     // value labels above full bars
  const slot = (width - left) / n;
  const fontSize = Math.max(12, Math.min(14, Math.round(slot * 0.3)));
  const names = nameLayout(ctx, theme, labels, slot, fontSize, height);
  const bottom = names.height + fontSize + 6;  // the names, then the "lowest" marker
  const plotHeight = height - top - bottom;
  const yOf = (v) => top + plotHeight * (1 - (v - floor) / (1 - floor));
  drawTicks(ctx, theme, [floor, (floor + 1) / 2, 1], yOf, left, width);

  ctx.textAlign = 'center';
  for (let c = 0; c < n; ++c) {
    const isWorst = c === worst && !even;
    const barWidth = Math.min(slot * 0.7, 48);  // few classes: bars, not blocks
    const x = left + c * slot + (slot - barWidth) / 2;
    const y = yOf(Math.max(floor, values[c]));
    ctx.fillStyle = isWorst ? theme.wrong : theme.accent;
    ctx.fillRect(x, y, barWidth, top + plotHeight - y);

    ctx.fillStyle = theme.text;
    ctx.font = `${isWorst ? 'bold ' : ''}${fontSize - 1}px ${theme.font}`;
    ctx.textBaseline = 'bottom';
    ctx.fillText(formatPercent(values[c], values[c] < 1 ? 1 : 0), x + barWidth / 2, y - 2, slot);
    ctx.font = `${isWorst ? 'bold ' : ''}${names.fontSize}px ${theme.font}`;
    drawName(ctx, names, labels[c], x + barWidth / 2, top + plotHeight + 3);
  }
  if (!even) {
    drawLowestMark(ctx, theme, t('perDigit.lowestMark'), { left, slot, width, fontSize },
      left + (worst + 0.5) * slot, top + plotHeight + names.height + 2);
  }

  const list = values.map((v, c) => `${labels[c]}: ${formatPercent(v)}`).join(t('list.comma'));
  describeCanvas(canvas, 'per-class-accuracy', t(even ? 'perDigit.describeEven' : 'perDigit.describe',
    { floor: formatPercent(floor, 0), list, worst: labels[worst], accuracy: formatPercent(values[worst]) }));
}

// How the names go under the bars: level when every one fits its slot, else turned by SLANT and
// at most a third of the canvas's height long. `height`: the band they take below the plot.
function nameLayout(ctx, theme, labels, slot, fontSize, canvasHeight) {
  const size = fontSize + 1;
  ctx.font = `bold ${size}px ${theme.font}`;
  const widest = widestText(ctx, labels);
  if (widest <= slot - 2) return { fontSize: size, slanted: false, room: slot, height: size + 3 };
  const room = Math.min(widest, canvasHeight / 3 / Math.sin(SLANT));
  return { fontSize: size - 1, slanted: true, room, height: Math.ceil(room * Math.sin(SLANT) + size) };
}

// One class's name under its bar, centred on `x` from `top` down, or slanted to end under it.
function drawName(ctx, names, label, x, top) {
  const text = fitText(ctx, label, names.room);
  if (!names.slanted) {
    ctx.textBaseline = 'top';
    ctx.fillText(text, x, top);
    return;
  }
  ctx.save();
  ctx.translate(x, top + 2);
  ctx.rotate(-SLANT);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, 0, 0);
  ctx.restore();
}

// Grid lines with their percentages at `values` of the axis.
function drawTicks(ctx, theme, values, yOf, left, width) {
  ctx.font = `11px ${theme.font}`;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  ctx.strokeStyle = theme.grid;
  ctx.lineWidth = 1;
  for (const v of values) {
    const y = Math.round(yOf(v)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(left, y);
    ctx.lineTo(width, y);
    ctx.stroke();
    ctx.fillStyle = theme.muted;
    ctx.fillText(formatPercent(v, 0), left - 4, y);
  }
}

// "▲ lowest" under the worst class's name: wider than its slot, so kept inside the canvas, free
// to run under the neighbours' names.
function drawLowestMark(ctx, theme, text, { left, slot, width, fontSize }, x, top) {
  ctx.fillStyle = theme.text;
  ctx.font = `${Math.max(11, fontSize - 1)}px ${theme.font}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  const centre = Math.min(Math.max(x, left + slot), width - slot);
  ctx.fillText(text, centre, top, 2 * slot);
}
