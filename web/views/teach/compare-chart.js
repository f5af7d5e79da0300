// The comparison chart: one metric of several kept runs overlaid, against the training samples
// each had seen. Drawn by Chart.js, like the training chart. Every run keeps its slot's colour
// (--compare-1..8 from compare-styles.js: Okabe-Ito colours, lighter in the dark theme), its
// dash pattern and its point shape, so two runs differ in more than their hue.
//
// Usage:
//   const chart = createCompareChart(canvas);
//   chart.show({series: [{slot, label, points: [{x, y}]}], perEpoch, axis, text: {xAxis, yAxis, samples(n)}});
//   chart.applyTheme();  // the theme changed
import { Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { viewTheme } from '../canvas/canvas.js';
import { formatPercent } from '../canvas/format.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, Legend, Tooltip);

// Okabe-Ito (colour-blind safe) for the light theme; compare-styles.js can override them.
const FALLBACK_COLOURS = ['#0072b2', '#e69f00', '#009e73', '#d55e00', '#cc79a7', '#56b4e9', '#000000', '#8c6d1f'];
/** Dash pattern per slot (canvas setLineDash / SVG stroke-dasharray). */
export const DASHES = Object.freeze([[], [8, 4], [2, 3], [10, 3, 2, 3], [5, 5], [14, 4], [1, 4], [6, 2, 2, 2, 2, 2]]);
const SPARSE = 12;  // a curve with fewer points shows them
/** Point shape per slot (Chart.js pointStyle), for the per-epoch metrics. */
export const POINT_STYLES = Object.freeze(['circle', 'triangle', 'rect', 'rectRot', 'star', 'crossRot', 'rectRounded', 'cross']);

/** The colour of each slot in the canvas's current theme. */
export function slotColours(element) {
  const style = getComputedStyle(element);
  return FALLBACK_COLOURS.map((fallback, i) => style.getPropertyValue(`--compare-${i + 1}`).trim() || fallback);
}

/**
 * @param {HTMLCanvasElement} canvas
 * @returns {{show(view: object): void, setHighlight(slot: number|null): void, applyTheme(): void, destroy(): void}}
 */
export function createCompareChart(canvas) {
  let view = { series: [], perEpoch: false, axis: 'loss', text: {} };
  let highlight = null;  // slot drawn thicker (keyboard focus on a run)
  Chart.getChart(canvas)?.destroy();
  const chart = new Chart(canvas, {
    type: 'line',
    data: { datasets: [] },
    options: {
      animation: false,
      maintainAspectRatio: false,  // the container (CSS) sets the size
      parsing: false,
      normalized: true,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      plugins: {
        legend: { display: false },  // the panel's own legend: HTML, with the runs' names and dashes
        tooltip: {
          callbacks: {
            title: (items) => view.text.samples?.(items[0].parsed.x) ?? '',
            label: (item) => `${item.dataset.label}: ${formatValue(item.parsed.y, view.axis)}`,
          },
        },
      },
      scales: {
        x: { type: 'linear', min: 0, title: { display: true }, ticks: { maxTicksLimit: 6, callback: compactCount } },
        y: { type: 'linear', title: { display: true }, ticks: { callback: (v) => formatValue(v, view.axis, view.axis === 'loss' ? 2 : 0) } },
      },
    },
  });

  function build() {
    const theme = viewTheme(canvas);
    const colours = slotColours(canvas);
    chart.data.datasets = view.series.map(({ slot, label, points }) => {
      const colour = colours[slot % colours.length];
      const strong = highlight === slot;
      return {
        label, data: points, borderColor: colour, backgroundColor: colour,
        borderWidth: strong ? 4 : 2, borderDash: DASHES[slot % DASHES.length],
        pointStyle: POINT_STYLES[slot % POINT_STYLES.length],
        // A per-epoch metric has a point per epoch, and a short run few reports: shapes show
        // even a single point.
        pointRadius: view.perEpoch || points.length < SPARSE ? (strong ? 7 : 5) : 0, pointHitRadius: 6,
        showLine: true, order: strong ? -1 : 0,
      };
    });
    const { x, y } = chart.options.scales;
    x.title.text = view.text.xAxis ?? '';
    y.title.text = view.text.yAxis ?? '';
    y.beginAtZero = view.axis !== 'accuracy';
    y.max = view.axis === 'accuracy' ? 1 : undefined;
    for (const scale of [x, y]) {
      scale.title.color = theme.muted;
      scale.ticks.color = theme.muted;
      scale.grid = { color: theme.grid };
    }
    chart.options.font = { family: theme.font };
    chart.update('none');
  }

  return {
    /** Draws `next`: {series: [{slot, label, points}], perEpoch, axis, text: {xAxis, yAxis, samples(n)}}. */
    show(next) {
      view = next;
      build();
    },
    /** Draws one run's curve thicker (null: none). */
    setHighlight(slot) {
      highlight = slot;
      build();
    },
    /** Takes the colours of the current theme. */
    applyTheme: build,
    destroy() {
      chart.destroy();
    },
  };
}

/** A value of the metric's axis as it reads: loss 0.1234, accuracy and gap as percentages. */
export function formatValue(value, axis, digits) {
  if (axis === 'loss') return value.toFixed(digits ?? 4);
  return formatPercent(value, digits ?? 2);
}

function compactCount(value) {
  if (value >= 1e6) return `${+(value / 1e6).toFixed(1)}M`;
  if (value >= 1e3) return `${+(value / 1e3).toFixed(1)}k`;
  return `${value}`;
}
