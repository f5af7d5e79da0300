// Accuracy per true digit as vertical bars with the percentage above each. A trained network
// scores 90-100% on every digit, so on a 0-100% axis the differences would vanish: the axis
// starts at the highest of 0, 50, 80 or 90% that is still below the worst digit, and says so on
// the axis. The worst digit's label is bold and marked "▲ lowest", not by colour alone.
//
// Usage:
//   drawPerClassAccuracy(canvas, metrics.perClassAccuracy);  // 10 numbers in [0, 1]
// The canvas keeps its width/height attributes as its size in CSS px.

import { describeCanvas, prepareCanvas, viewTheme } from './canvas.js';
import { formatPercent } from './format.js';
import { DEFAULT_LANGUAGE, translator } from '../../i18n/index.js';

const AXIS_FLOORS = [0.9, 0.8, 0.5, 0];

const ENGLISH = translator(DEFAULT_LANGUAGE);  // when the caller passes no translator

/**
 * @param {HTMLCanvasElement} canvas
 * @param {Float32Array|number[]} perClass  10 accuracies in [0, 1], index = true digit
 * @param {{t?: Function}} [options]  t: the interface's translator
 */
export function drawPerClassAccuracy(canvas, perClass, { t = ENGLISH } = {}) {
  const { ctx, width, height } = prepareCanvas(canvas);
  const theme = viewTheme(canvas);
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, width, height);

  const values = Array.from({ length: 10 }, (_, d) => Math.min(1, Math.max(0, perClass[d] || 0)));
  let worst = 0;
  for (let d = 1; d < 10; ++d) if (values[d] < values[worst]) worst = d;
  const floor = AXIS_FLOORS.find((f) => f < values[worst] - 0.01) ?? 0;

  const left = 40;    // y-axis ticks
  const top = 18;     // value labels above full bars
  const bottom = 34;  // digit labels and the "lowest" marker
  const plotHeight = height - top - bottom;
  const slot = (width - left) / 10;
  const yOf = (v) => top + plotHeight * (1 - (v - floor) / (1 - floor));

  // Ticks at the floor, the middle and 100%.
  ctx.font = `11px ${theme.font}`;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  ctx.strokeStyle = theme.grid;
  ctx.lineWidth = 1;
  for (const v of [floor, (floor + 1) / 2, 1]) {
    const y = Math.round(yOf(v)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(left, y);
    ctx.lineTo(width, y);
    ctx.stroke();
    ctx.fillStyle = theme.muted;
    ctx.fillText(formatPercent(v, 0), left - 4, y);
  }

  const fontSize = Math.max(12, Math.min(14, Math.round(slot * 0.3)));
  ctx.textAlign = 'center';
  for (let d = 0; d < 10; ++d) {
    const isWorst = d === worst;
    const x = left + d * slot + slot * 0.15;
    const barWidth = slot * 0.7;
    const y = yOf(Math.max(floor, values[d]));
    ctx.fillStyle = isWorst ? theme.wrong : theme.accent;
    ctx.fillRect(x, y, barWidth, top + plotHeight - y);

    ctx.fillStyle = theme.text;
    ctx.font = `${isWorst ? 'bold ' : ''}${fontSize - 1}px ${theme.font}`;
    ctx.textBaseline = 'bottom';
    ctx.fillText(formatPercent(values[d], values[d] < 1 ? 1 : 0), x + barWidth / 2, y - 2, slot);
    ctx.font = `${isWorst ? 'bold ' : ''}${fontSize + 1}px ${theme.font}`;
    ctx.textBaseline = 'top';
    ctx.fillText(String(d), x + barWidth / 2, top + plotHeight + 3);
    if (isWorst) {
      ctx.font = `${Math.max(11, fontSize - 1)}px ${theme.font}`;
      // Wider than its slot: kept inside the canvas, free to run under the neighbours' labels' row.
      const centre = Math.min(Math.max(x + barWidth / 2, left + slot), width - slot);
      ctx.fillText(t('perDigit.lowestMark'), centre, top + plotHeight + 5 + fontSize, 2 * slot);
    }
  }

  const list = values.map((v, d) => `${d}: ${formatPercent(v)}`).join(t('list.comma'));
  describeCanvas(canvas, 'per-class-accuracy', t('perDigit.describe',
    { floor: formatPercent(floor, 0), list, worst, accuracy: formatPercent(values[worst]) }));
}
