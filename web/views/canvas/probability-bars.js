// The model's 10 class probabilities for one image as horizontal bars, digit on the left and
// percentage on the right. The most probable digit is the prediction: its row has a ▶ marker, a
// bold label and percentage and an outlined bar, so it stands out without relying on colour.
// All zeros (nothing to predict yet) draws empty bars with no prediction marked.
//
// Usage:
//   drawProbabilityBars(canvas, probs);  // probs: 10 numbers summing to 1, or all 0
// The canvas keeps its width/height attributes as its size in CSS px.

import { describeCanvas, prepareCanvas, viewTheme } from './canvas.js';
import { formatPercent } from './format.js';
import { DEFAULT_LANGUAGE, translator } from '../../i18n/index.js';

const ENGLISH = translator(DEFAULT_LANGUAGE);  // when the caller passes no translator

/**
 * @param {HTMLCanvasElement} canvas
 * @param {Float32Array|number[]} probs  10 probabilities, index = digit
 * @param {{t?: Function}} [options]  t: the interface's translator (the text alternative)
 */
export function drawProbabilityBars(canvas, probs, { t = ENGLISH } = {}) {
  const { ctx, width, height } = prepareCanvas(canvas);
  const theme = viewTheme(canvas);
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, width, height);

  let top = 0;
  for (let d = 1; d < 10; ++d) if (probs[d] > probs[top]) top = d;
  if (!(probs[top] > 0)) top = -1;  // no prediction to mark

  const rowHeight = height / 10;
  const fontSize = Math.max(11, Math.min(16, Math.round(rowHeight * 0.6)));
  const labelWidth = fontSize * 2.2;    // "▶ 7"
  ctx.font = `bold ${fontSize}px ${theme.font}`;
  const valueWidth = ctx.measureText('100.0%').width + 8;  // the widest value, bold
  const barLeft = labelWidth + 4;
  const barMax = Math.max(0, width - barLeft - valueWidth - 4);
  const barHeight = Math.max(4, rowHeight * 0.6);
  ctx.textBaseline = 'middle';

  for (let d = 0; d < 10; ++d) {
    const isTop = d === top;
    const middle = (d + 0.5) * rowHeight;
    const p = Math.min(1, Math.max(0, probs[d] || 0));
    ctx.font = `${isTop ? 'bold ' : ''}${fontSize}px ${theme.font}`;
    ctx.fillStyle = theme.text;
    ctx.textAlign = 'right';
    ctx.fillText(isTop ? `▶ ${d}` : String(d), labelWidth, middle);

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
  const ranked = [...Array(10).keys()].sort((a, b) => probs[b] - probs[a]);
  const runnersUp = ranked.slice(1, 3).map((d) => `${d} (${formatPercent(probs[d])})`).join(t('list.comma'));
  describeCanvas(canvas, 'probabilities', t('bars.describe', { digit: top, probability: formatPercent(probs[top]), next: runnersUp }));
}
