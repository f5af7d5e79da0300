// The colour maps the weight and activation views share, and the legend under them.
//   diverging: ColorBrewer's RdBu (blue negative, near-white zero, red positive), readable with
//              common colour-vision deficiencies; for weights, whose sign matters.
//   gray:      black (0) to white (the largest value), as MNIST stores ink; for activations,
//              which are mostly >= 0 after ReLU or pooling.
// Both are 256-entry tables of [r, g, b], built once.

// RdBu stops from -1 to +1; the table is interpolated from them.
export const DIVERGING_STOPS = [[33, 102, 172], [103, 169, 207], [247, 247, 247], [239, 138, 98], [178, 24, 43]];
export const DIVERGING = buildLut(DIVERGING_STOPS, 256);
export const GRAY = Array.from({ length: 256 }, (_, k) => [k, k, k]);

/** Height in CSS px that drawLegend needs. */
export const LEGEND_HEIGHT = 34;

/** The diverging table's entry for t in [-1, 1]. */
export function divergingIndex(t) {
  return Math.max(0, Math.min(255, Math.round((t + 1) * 127.5)));
}

/**
 * A colour bar across the bottom of a view: `stops` as a gradient, labels under it
 * (e.g. ['−max', '0', '+max']) and a note to its right.
 */
export function drawLegend(ctx, theme, width, height, { stops = DIVERGING_STOPS, labels = ['−max', '0', '+max'], note = '' } = {}) {
  const barWidth = Math.min(200, width * 0.4);
  const x = 0;
  const y = height - LEGEND_HEIGHT + 8;
  const gradient = ctx.createLinearGradient(x, 0, x + barWidth, 0);
  stops.forEach((rgb, i) => gradient.addColorStop(i / (stops.length - 1), `rgb(${rgb})`));
  ctx.fillStyle = gradient;
  ctx.fillRect(x, y, barWidth, 10);
  ctx.strokeStyle = theme.grid;
  ctx.strokeRect(x + 0.5, y + 0.5, barWidth - 1, 9);
  ctx.fillStyle = theme.muted;
  ctx.font = `11px ${theme.font}`;
  ctx.textBaseline = 'top';
  labels.forEach((label, i) => {
    ctx.textAlign = i === 0 ? 'left' : i === labels.length - 1 ? 'right' : 'center';
    ctx.fillText(label, x + (barWidth * i) / Math.max(1, labels.length - 1), y + 12);
  });
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  if (note) ctx.fillText(note, x + barWidth + 10, y + 5, width - barWidth - 10);
}

function buildLut(stops, size) {
  return Array.from({ length: size }, (_, k) => {
    const p = (k / (size - 1)) * (stops.length - 1);
    const i = Math.min(stops.length - 2, Math.floor(p));
    const f = p - i;
    return stops[i].map((c, ch) => Math.round(c + (stops[i + 1][ch] - c) * f));
  });
}
