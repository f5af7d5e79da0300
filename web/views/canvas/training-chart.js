// The live training chart: training loss and accuracy at every progress report, and validation
// accuracy once per epoch, against the number of training samples seen. Drawn by Chart.js.
//
// Live data is cheap to add: points go into plain arrays, and one redraw (without Chart.js
// animations) shows however many arrived since the last, at most 10 times a second, which reads
// as live while leaving the main thread free (a redraw costs a few ms, more without a GPU).
// Past a few thousand points Chart.js's decimation plugin draws a shape-preserving subset (LTTB),
// so a long run does not slow the page.
//
// Usage:
//   const chart = createTrainingChart(root.getElementById('training-chart'));
//   chart.addBatchPoint(progress.samplesSeen, progress.loss, progress.accuracy);
//   chart.addEpochPoint(epoch, trainLoss, trainAcc, valAcc);
//   chart.reset();  // a new run
// The chart fills its container (Chart.js's responsive mode: give the container
// `position: relative`, a width and a height).

import {
  Chart,
  Decimation,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

import { describeCanvas, viewTheme } from './canvas.js';
import { formatCount, formatPercent } from './format.js';
import { createSmoother, SMOOTHING_IMAGES } from './smoothing.js';
import { DEFAULT_LANGUAGE, createI18n } from '../../i18n/index.js';

const MIN_REDRAW_INTERVAL_MS = 100;

Chart.register(LineController, LineElement, PointElement, LinearScale, Legend, Tooltip, Decimation);

/**
 * @param {HTMLCanvasElement} canvas
 * @param {ReturnType<createI18n>} [i18n]  the interface's language: legend, axes, tooltips and
 *   the text alternative follow it
 * @returns {{
 *   addBatchPoint(samplesSeen: number, loss: number, accuracy: number): void,
 *   addEpochPoint(epoch: number, trainLoss: number, trainAcc: number, valAcc: number): void,
 *   reset(): void,
 *   destroy(): void,
 * }}
 *   addBatchPoint: one progress report (accuracy in [0, 1]).
 *   addEpochPoint: the end of 0-based `epoch`; validation accuracy is plotted at the samples seen
 *     by the latest batch point (the end of that epoch), the other values go in the description.
 */
export function createTrainingChart(canvas, i18n = createI18n(DEFAULT_LANGUAGE)) {
  // Our arrays stay the datasets' source: decimation swaps `dataset.data` for a subset, so
  // points must be pushed here, never through the chart. Shapes: [{x: samples, y: value}].
  const loss = [];
  const accuracy = [];
  const validation = [];
  let lastEpoch = null;  // {epoch, trainLoss, trainAcc, valAcc} for the description
  const epochs = [];     // every epoch's figures, for the table view
  const smoother = createSmoother();
  let lastSamples = 0;   // samples seen at the previous batch point
  let redrawPending = false;
  let lastRedraw = -Infinity;  // performance.now() of the last redraw

  Chart.getChart(canvas)?.destroy();  // a page that re-creates the chart reuses the canvas
  const theme = viewTheme(canvas);
  const line = (label, data, color, axis, extra) => ({
    label, data, yAxisID: axis, borderColor: color, backgroundColor: color,
    borderWidth: 2, pointRadius: 0, pointHitRadius: 4, ...extra,
  });
  const chart = new Chart(canvas, {
    type: 'line',
    data: {
      datasets: [
        line(i18n.t('chart.lossCurve'), loss, theme.accent, 'loss', { pointStyle: 'line' }),
        // Dashes and point shapes tell the curves apart without relying on colour.
        line(i18n.t('chart.accuracyCurve'), accuracy, theme.accent2, 'accuracy',
          { borderDash: [6, 4], pointStyle: 'line' }),
        line(i18n.t('chart.validationCurve'), validation, theme.accent3, 'accuracy',
          { pointRadius: 4, pointStyle: 'triangle', order: -1 }),  // drawn on top
      ],
    },
    options: {
      animation: false,     // live updates: every frame shows the data as it is
      // The container sets the size (CSS): a chart that kept its aspect ratio would take its
      // height from its own canvas and could then never grow when its container widens.
      maintainAspectRatio: false,
      parsing: false,       // data is already {x, y}: no parsing pass, and decimation needs it
      normalized: true,     // x only grows: Chart.js may skip sorting and use binary search
      spanGaps: true,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      plugins: {
        decimation: { enabled: true, algorithm: 'lttb' },
        legend: {
          labels: {
            usePointStyle: true, boxHeight: 7, color: theme.text, font: { family: theme.font },
            sort: (a, b) => a.datasetIndex - b.datasetIndex,  // `order` would reorder them
          },
        },
        tooltip: {
          callbacks: {
            title: (items) => i18n.t('chart.tooltipSamples', { count: formatCount(items[0].parsed.x, i18n.locale) }),
            label: (item) => {
              const value = item.parsed.y;
              const isLoss = item.dataset.yAxisID === 'loss';
              const text = isLoss ? value.toFixed(4) : formatPercent(value, 2);
              return i18n.t('chart.tooltipValue', { curve: item.dataset.label, value: text });
            },
          },
        },
      },
      scales: {
        x: {
          type: 'linear',
          title: { display: true, text: i18n.t('chart.xAxis'), color: theme.muted },
          ticks: { color: theme.muted, maxTicksLimit: 8, callback: (v) => compactCount(v) },
          grid: { color: theme.grid },
        },
        loss: {
          axis: 'y',
          type: 'linear',
          position: 'left',
          beginAtZero: true,
          title: { display: true, text: i18n.t('chart.lossAxis'), color: theme.muted },
          ticks: { color: theme.muted },
          grid: { color: theme.grid },
        },
        accuracy: {
          axis: 'y',
          type: 'linear',
          position: 'right',
          max: 1,
          title: { display: true, text: i18n.t('chart.accuracyAxis'), color: theme.muted },
          ticks: { color: theme.muted, callback: (v) => formatPercent(v, 0) },
          grid: { drawOnChartArea: false },  // one grid (the loss axis's) is enough to read by
        },
      },
    },
  });

  function describe() {
    const { t } = i18n;
    const count = (n) => formatCount(n, i18n.locale);
    const i = loss.length - 1;
    const parts = [i < 0 ? t('chart.describeEmpty') : t('chart.describe', {
      samples: count(loss[i].x), loss: loss[i].y.toFixed(3), accuracy: formatPercent(accuracy[i].y),
      images: count(SMOOTHING_IMAGES),
    })];
    if (lastEpoch) {
      parts.push(t('chart.describeEpoch', {
        epoch: lastEpoch.epoch + 1, loss: lastEpoch.trainLoss.toFixed(3),
        training: formatPercent(lastEpoch.trainAcc), validation: formatPercent(lastEpoch.valAcc),
      }));
    }
    describeCanvas(canvas, 'training-chart', parts.join(' '));
  }

  /** The legend and the axes in the current language (the tooltips ask at the time they show). */
  function relabel() {
    const { t } = i18n;
    ['chart.lossCurve', 'chart.accuracyCurve', 'chart.validationCurve'].forEach((key, n) => {
      chart.data.datasets[n].label = t(key);
    });
    chart.options.scales.x.title.text = t('chart.xAxis');
    chart.options.scales.loss.title.text = t('chart.lossAxis');
    chart.options.scales.accuracy.title.text = t('chart.accuracyAxis');
    chart.update('none');
    describe();
  }
  const stopRelabel = i18n.onChange(relabel);

  // Coalesces any number of additions into one redraw, in an animation frame at least
  // MIN_REDRAW_INTERVAL_MS after the previous one.
  function scheduleRedraw() {
    if (redrawPending) return;
    redrawPending = true;
    const wait = Math.max(0, lastRedraw + MIN_REDRAW_INTERVAL_MS - performance.now());
    setTimeout(() => requestAnimationFrame(() => {
      redrawPending = false;
      lastRedraw = performance.now();
      chart.update('none');
      describe();
    }), wait);
  }

  describe();
  return {
    /** A progress report: the samples seen so far and the mean loss/accuracy since the last one. */
    addBatchPoint(samplesSeen, lossValue, accuracyValue) {
      const smoothed = smoother.add(samplesSeen - lastSamples, lossValue, accuracyValue);
      lastSamples = samplesSeen;
      loss.push({ x: samplesSeen, y: smoothed.loss });
      accuracy.push({ x: samplesSeen, y: smoothed.accuracy });
      scheduleRedraw();
    },
    /** `samplesSeen`: where to plot it; default the latest batch point (the epoch's end). */
    addEpochPoint(epoch, trainLoss, trainAcc, valAcc, samplesSeen) {
      const x = samplesSeen ?? (loss.length ? loss[loss.length - 1].x : 0);
      validation.push({ x, y: valAcc });
      lastEpoch = { epoch, trainLoss, trainAcc, valAcc };
      epochs.push({ epoch: epoch + 1, samples: x, trainLoss, trainAcc, valAcc });
      scheduleRedraw();
    },
    reset() {
      loss.length = 0;
      accuracy.length = 0;
      validation.length = 0;
      lastEpoch = null;
      epochs.length = 0;
      smoother.reset();
      lastSamples = 0;
      scheduleRedraw();
    },
    /** The chart's data as a table: every epoch, and the curves at up to `maxPoints` points. */
    table(maxPoints = 40) {
      const step = Math.max(1, Math.ceil(loss.length / maxPoints));
      const points = [];
      for (let i = 0; i < loss.length; i++) {
        if ((i + 1) % step === 0 || i === loss.length - 1) points.push({ samples: loss[i].x, loss: loss[i].y, accuracy: accuracy[i].y });
      }
      return { epochs: [...epochs], points, every: step };
    },
    /** Takes the colours of the current theme (they were read from CSS when the chart was made). */
    applyTheme() {
      const now = viewTheme(canvas);
      const colours = [now.accent, now.accent2, now.accent3];
      chart.data.datasets.forEach((set, i) => { set.borderColor = colours[i]; set.backgroundColor = colours[i]; });
      chart.options.plugins.legend.labels.color = now.text;
      for (const scale of Object.values(chart.options.scales)) {
        scale.title.color = now.muted;
        scale.ticks.color = now.muted;
        if (scale.grid.color) scale.grid.color = now.grid;
      }
      chart.update('none');
    },
    /** Frees the chart (its resize observer and canvas state): the element is going away. */
    destroy() {
      stopRelabel();
      chart.destroy();
    },
  };
}

// Axis ticks: 55000 -> "55k", 1200000 -> "1.2M".
function compactCount(value) {
  if (value >= 1e6) return `${+(value / 1e6).toFixed(1)}M`;
  if (value >= 1e3) return `${+(value / 1e3).toFixed(1)}k`;
  return `${value}`;
}
