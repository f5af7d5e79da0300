// The model's class probabilities for one image as horizontal bars, the class's name on the left
// and the percentage on the right. The most probable class is the prediction: its row has a ▶
// marker, a bold label and percentage and an outlined bar, so it stands out without relying on
// colour. All zeros (nothing to predict yet) draws empty bars with no prediction marked.
//
// Usage:
//   drawProbabilityBars(canvas, probs, { labels: classes.names(), t });  // probs: N numbers summing to 1, or all 0
// The canvas keeps its width/height attributes as its size in CSS px; the name column is as wide
// as the longest name, up to 40% of it (longer names end with '…').

import { describeCanvas, prepareCanvas, viewTheme } from './canvas.js';
import { formatPercent } from './format.js';
import { digitLabels, fitText, widestText } from './text-fit.js';
import { DEFAULT_LANGUAGE, translator } from '../../i18n/index.js';

const ENGLISH = translator(DEFAULT_LANGUAGE);  // when the caller passes no translator

/**
 * @param {HTMLCanvasElement} canvas
 * @param {Float32Array|number[]} probs  N probabilities, index = class
 * @param {{labels?: string[], t?: Function}} [options]  labels: the classes' names (default: the
 *   digits 0..N-1); t: the interface's translator (the text alternative)
 */
export function drawProbabilityBars(canvas, probs, { labels = digitLabels(probs.length), t = ENGLISH } = {}) {
  const { ctx, width, height } = prepareCanvas(canvas);
  const theme = viewTheme(canvas);
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, width, height);

  const n = probs.length;
  let top = 0;
  for (let c = 1; c < n; ++c) if (probs[c] > probs[top]) top = c;
  if (!(probs[top] > 0)) top = -1;  // no prediction to mark

  const rowHeight = height / n;
  const fontSize = Math.max(11, Math.min(16, Math.round(rowHeight * 0.6)));
  ctx.font = `bold ${fontSize}px ${theme.font}`;
  const labelWidth = Math.min(width * 0.4, widestText(ctx, labels.map((name) => `▶ ${name}`)));
  const valueWidth = ctx.measureText('100.0%').width + 8;  // the widest value, bold
  const barLeft = labelWidth + 6;
  const barMax = Math.max(0, width - barLeft - valueWidth - 4);
  const barHeight = Math.max(4, Math.min(20, rowHeight * 0.6));  // few classes: bars, not blocks
  ctx.textBaseline = 'middle';

  for (let c = 0; c < n; ++c) {
    const isTop = c === top;
    const middle = (c + 0.5) * rowHeight;
    const p = Math.min(1, Math.max(0, probs[c] || 0));
    ctx.font = `${isTop ? 'bold ' : ''}${fontSize}px ${theme.font}`;
    ctx.fillStyle = theme.text;
    ctx.textAlign = 'right';
    ctx.fillText(fitText(ctx, isTop ? `▶ ${labels[c]}` : labels[c], labelWidth), labelWidth, middle);

    // A faint track shows the full 100% so short bars still read as a fraction of something.
    ctx.fillStyle = theme.grid;
    ctx.fillRect(barLeft, middle - barHeight / 2, barMax, barHeight);
    ctx.fillStyle = isTop ? theme.accent : theme.muted;
    ctx.fillRect(barLeft, middle - barHeight / 2, barMax * p, barHeight);
    if (isTop) {
      ctx.strokeStyle = theme.text;
      ctx.lineWidth = 2;
      ctx.strokeRect(barLeft - 1, middle - barHeight / 2 - 1, barMax * p + 2, barHeight + 2);
    }

    ctx.fillStyle = theme.text;
    ctx.textAlign = 'left';
    ctx.fillText(formatPercent(p), barLeft + barMax + 6, middle);
  }

  if (top < 0) {
    describeCanvas(canvas, 'probabilities', t('bars.empty'));
    return;
  }
  const ranked = [...Array(n).keys()].sort((a, b) => probs[b] - probs[a]);
  const runnersUp = ranked.slice(1, 3).map((c) => `${labels[c]} (${formatPercent(probs[c])})`).join(t('list.comma'));
  describeCanvas(canvas, 'probabilities', t('bars.describe', { name: labels[top], probability: formatPercent(probs[top]), next: runnersUp }));
}
