// "Network health": while open, the engine's health report (get-health -> health) after each step
// and about once a second during a run: per layer histograms of weights, activations and
// gradients, the share of dead ReLUs and saturated sigmoid/tanh units, each layer's gradient norm
// over the images seen (reset by a new model), and a sentence for every sign of a classic failure
// (health-diagnosis.js). A row of presets trains those classic failures on purpose, to compare.
// At most one request is in flight, and at most one a second is sent.
import { FromWorker, RunState, ToWorker } from '../../engine/protocol.js';
import { viewTheme } from '../canvas/canvas.js';
import { formatCount } from '../canvas/format.js';
import { h, num } from './dom.js';
import { diagnose } from './health-diagnosis.js';
import { drawHistogram } from './histogram-view.js';
import { drawNormChart, seriesStyle } from './norm-chart.js';
import { formatNumber, formatPercentValue } from './numbers.js';

const MIN_INTERVAL_MS = 1000;
const ANSWER_TIMEOUT_MS = 10_000;  // a request never answered (the worker was replaced) is given up
const MAX_POINTS = 400;            // per layer; beyond, every other point is dropped

/** The failures to compare with, in the order shown, then the healthy network. */
const FAILURE_PRESETS = ['fail-zero-init', 'fail-large-init', 'fail-deep-sigmoid', 'fail-high-lr', 'mlp'];

/** @param {HTMLElement} panel  #health-panel  @param {object} extension (controller.js) */
export function createHealthPanel(panel, extension) {
  const t = (key, params) => extension.i18n.t(key, params);
  let presets = new Set();  // ids of the engine's presets (from `ready`)
  let health = null;        // the last health message
  let history = new Map();  // layer index -> {name, points: [[samplesSeen, norm]]}
  let inFlight = false;
  let inFlightTimer = 0;
  let wanted = false;
  let lastSent = -Infinity;
  let timer = 0;
  const painters = [];
  const el = {};

  // ---------------------------------------------------------------- requests (throttled)

  function want() {
    wanted = true;
    pump();
  }

  function pump() {
    clearTimeout(timer);
    if (!wanted || inFlight || !el.details?.open || !extension.dataReady) return;
    const wait = lastSent + MIN_INTERVAL_MS - performance.now();
    if (wait > 0) {
      timer = setTimeout(pump, wait);
      return;
    }
    wanted = false;
    inFlight = true;
    lastSent = performance.now();
    inFlightTimer = setTimeout(settled, ANSWER_TIMEOUT_MS);
    extension.send(ToWorker.GET_HEALTH);
  }

  function settled() {
    clearTimeout(inFlightTimer);
    inFlight = false;
    pump();
  }

  // ---------------------------------------------------------------- worker messages

  const unsubscribe = [
    extension.on(FromWorker.READY, ({ presets: list }) => {
      presets = new Set((list ?? []).map((p) => p.id));
      renderPresets();
    }),
    extension.on(FromWorker.HEALTH, (message) => {
      settled();
      health = message;
      record(message);
      renderReport();
    }),
    extension.on(FromWorker.CONFIGURED, () => {
      health = null;
      history = new Map();
      renderReport();
      want();
    }),
    extension.on(FromWorker.PROGRESS, want),
    extension.on(FromWorker.STEP_TRACED, want),
    extension.on(FromWorker.STATE, ({ state }) => {
      if (state !== RunState.RUNNING) want();  // a step, a pause, the end of a run
    }),
    extension.on(FromWorker.ERROR, (error) => {
      if (error.request === ToWorker.GET_HEALTH) settled();
    }),
  ];

  function record({ samplesSeen, layers }) {
    for (const layer of layers) {
      if (layer.gradientNorm === null || layer.gradientNorm === undefined) continue;
      const series = history.get(layer.index) ?? { index: layer.index, points: [] };
      const last = series.points[series.points.length - 1];
      if (last && last[0] === samplesSeen) last[1] = layer.gradientNorm;
      else series.points.push([samplesSeen, layer.gradientNorm]);
      if (series.points.length > MAX_POINTS) series.points = series.points.filter((_, i) => i % 2 === 0 || i === series.points.length - 1);
      history.set(layer.index, series);
    }
  }

  // ---------------------------------------------------------------- rendering

  function render() {
    el.presets = h('div', { class: 'buttons preset-row', role: 'group', 'aria-labelledby': 'health-presets-heading' });
    el.report = h('div', { class: 'health-report' });
    // Read out when the signs change, not at every report (one a second during a run).
    el.signs = h('ul', { class: 'health-signs', 'data-testid': 'health-signs', role: 'status', 'aria-live': 'polite' });
    el.signsText = '';
    el.details = h('details', { id: 'health-details', on: { toggle: () => { if (el.details.open) want(); } } },
      h('summary', {}, h('h3', { id: 'health-heading' }, t('teach.health.title'))),
      h('p', { class: 'hint' }, t('teach.health.intro')),
      h('h4', { id: 'health-presets-heading' }, t('teach.health.presetsTitle')),
      h('p', { class: 'hint' }, t('teach.health.presetsHint')),
      el.presets,
      el.signs,
      el.report);
    const wasOpen = panel.querySelector('details')?.open ?? false;
    el.details.open = wasOpen;
    panel.replaceChildren(el.details);
    renderPresets();
    renderReport();
  }

  /** The preset with the training-image limit kept; a paused run ends so its model is built now. */
  function applyPreset(id) {
    const limit = new URLSearchParams(extension.settings).get('limit');
    extension.actions.applySettings(`preset=${id}${limit ? `&limit=${limit}` : ''}`);
    if (extension.runState === RunState.RUNNING || extension.runState === RunState.PAUSED) extension.actions.reset();
  }

  function renderPresets() {
    if (!el.presets) return;
    el.presets.replaceChildren(...FAILURE_PRESETS.filter((id) => presets.has(id)).map((id) =>
      h('button', {
        type: 'button', class: 'secondary', 'data-preset': id,
        on: { click: () => applyPreset(id) },
      }, t(`teach.health.preset.${id}`))));
  }

  function renderReport() {
    if (!el.report) return;
    painters.length = 0;
    renderSigns();
    if (!health) {
      el.report.replaceChildren(h('p', { class: 'hint', 'data-testid': 'health-empty' }, t('teach.health.empty')));
      return;
    }
    el.report.replaceChildren(
      h('p', { class: 'hint' }, t('teach.health.measured', { seen: formatCount(health.samplesSeen, extension.i18n.locale), examples: health.examples })),
      h('div', { class: 'health-layers' }, health.layers.map(layerCard)),
      normChart() ?? '');
    painters.forEach((paint) => paint());
  }

  function renderSigns() {
    const found = health ? diagnose(health) : [];
    const items = found.length
      ? found.map((s) => ({ key: s.key, text: `⚠ ${t(`teach.health.sign.${s.key}`, s.params)}` }))
      : health ? [{ key: 'healthy', text: `✓ ${t('teach.health.sign.healthy')}` }] : [];
    const text = items.map((item) => item.text).join('\n');
    if (text === el.signsText) return;
    el.signsText = text;
    el.signs.replaceChildren(...items.map(({ key, text }) =>
      h('li', { class: `sign ${key === 'healthy' ? 'ok' : 'warn'}`, 'data-sign': key }, text)));
  }

  function layerCard(layer) {
    const name = t('teach.health.layer', { number: layer.index + 1, spec: layer.spec ?? layer.kind });
    const parts = [['weights', 'accent'], ['activations', 'accent3'], ['gradients', 'accent2']]
      .filter(([part]) => layer[part])
      .map(([part, colour]) => {
        const histogram = layer[part];
        const canvas = h('canvas', { width: 160, height: 72, 'data-testid': `health-${part}-${layer.index}` });
        const label = t(`teach.health.histogramLabel.${part}`, {
          layer: layer.index + 1, min: formatNumber(histogram.min, 3), max: formatNumber(histogram.max, 3),
          count: histogram.counts.reduce((a, b) => a + b, 0),
        });
        painters.push(() => drawHistogram(canvas, histogram, { label, colour }));
        return h('figure', { class: 'histogram' }, canvas, h('figcaption', {}, t(`teach.health.${part}`)));
      });
    const stats = [];
    if (layer.deadPercent !== null && layer.deadPercent !== undefined) {
      stats.push(stat(t('teach.health.dead'), formatPercentValue(layer.deadPercent), `health-dead-${layer.index}`, layer.deadPercent));
    }
    if (layer.saturatedPercent !== null && layer.saturatedPercent !== undefined) {
      stats.push(stat(t('teach.health.saturated'), formatPercentValue(layer.saturatedPercent), `health-saturated-${layer.index}`, layer.saturatedPercent));
    }
    if (layer.gradientNorm !== null && layer.gradientNorm !== undefined) {
      stats.push(stat(t('teach.health.gradientNorm'), formatNumber(layer.gradientNorm, 3), `health-norm-${layer.index}`, layer.gradientNorm));
    }
    return h('section', { class: 'health-layer', 'aria-label': name, 'data-layer': layer.index },
      h('h5', {}, name),
      parts.length ? h('div', { class: 'histograms' }, parts) : null,
      stats.length ? h('dl', { class: 'health-stats' }, stats) : null);
  }

  function stat(term, text, testid, value) {
    return h('div', {}, h('dt', {}, term), h('dd', {}, h('data', { value: String(value), 'data-testid': testid }, text)));
  }

  function normChart() {
    const series = [...history.values()].map((s) => ({ name: `L${s.index + 1}`, points: s.points }));
    if (!series.some((s) => s.points.length)) return null;
    const canvas = h('canvas', { width: 480, height: 180, 'data-testid': 'health-norm-chart' });
    const legend = h('ul', { class: 'norm-legend' });
    const lastNorms = series.map((s) => `${s.name} ${formatNumber(s.points[s.points.length - 1][1], 3)}`).join(', ');
    const label = t('teach.health.normLabel', { norms: lastNorms });
    painters.push(() => {
      const theme = viewTheme(canvas);
      drawNormChart(canvas, series, { label, locale: extension.i18n.locale, width: Math.max(280, Math.min(560, el.report.clientWidth || 480)) });
      legend.replaceChildren(...series.map((s, k) => {
        const { colour, dash } = seriesStyle(theme, k);
        const swatch = h('span', { class: 'swatch' });
        swatch.style.borderTop = `3px ${dash.length ? 'dashed' : 'solid'} ${colour}`;  // CSSOM: allowed under a strict CSP
        return h('li', {}, swatch, `${s.name}: ${t('teach.health.layerNumber', { number: s.name.slice(1) })}`);
      }));
    });
    const rows = series.map((s) => h('tr', {}, h('th', { scope: 'row' }, s.name),
      h('td', {}, num(s.points[0][1], undefined, 3)), h('td', {}, num(s.points[s.points.length - 1][1], undefined, 3))));
    return h('figure', { class: 'norm-figure' },
      h('figcaption', {}, h('h4', {}, t('teach.health.normTitle'))),
      canvas, legend,
      h('details', { open: el.normTableOpen, on: { toggle: (e) => { el.normTableOpen = e.target.open; } } }, h('summary', {}, t('teach.health.normTable')),
        h('div', { class: 'data-table' }, h('table', {},
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('teach.health.layerColumn')),
            h('th', { scope: 'col' }, t('teach.health.firstNorm')), h('th', { scope: 'col' }, t('teach.health.lastNorm')))),
          h('tbody', {}, rows)))));
  }

  render();
  return {
    render,
    repaint: () => painters.forEach((paint) => paint()),
    destroy() {
      clearTimeout(timer);
      clearTimeout(inFlightTimer);
      unsubscribe.forEach((off) => off());
    },
  };
}
