// "Benchmark this machine": the batch-count field, Run / Cancel / Download, a status line, and one
// table per model with each build's images/s, GFLOP/s and ratio to the baseline build, drawn from
// the report (web/benchmark/report.js) and nothing else, so the download says what the table
// shows. Draws only inside `panel`; the app (web/app/benchmark.js) decides when it runs.
import { h } from './teach/dom.js';
import { formatCount } from './canvas/format.js';
import { resultsFor } from '../benchmark/report.js';

/**
 * @param {HTMLElement} panel  @param {ReturnType<import('../i18n/index.js').createI18n>} i18n
 * @param {{run: (batches: number) => void, cancel: () => void, download: () => void,
 *   batches: {initial: number, min: number, max: number}}} actions
 */
export function createBenchmarkView(panel, i18n, { run, cancel, download, batches }) {
  let state = { report: null, running: false, status: { key: 'bench.status.idle' } };
  let batchCount = batches.initial;
  const t = (key, params) => i18n.t(key, params);

  const buildName = (entry) => t(`bench.build.${entry.build}`);
  // A figure as <data value="unrounded">as shown</data>.
  const figure = (value, text) => h('data', { class: 'num', value: String(value) }, text);
  const fixed = (value, digits) => Number(value).toLocaleString(i18n.locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });

  const el = {};

  // The controls are built once per language (so focus stays on a button across updates); the
  // status and the tables follow every update.
  function render() {
    el.field = h('input', {
      id: 'bench-batches', type: 'number', min: batches.min, max: batches.max, step: 1, inputmode: 'numeric',
      value: batchCount, on: { input: (e) => { batchCount = Number(e.target.value); } },
    });
    el.run = h('button', { type: 'button', id: 'bench-run', class: 'primary', on: { click: () => run(batchCount) } }, t('bench.run'));
    el.cancel = h('button', { type: 'button', id: 'bench-cancel', class: 'secondary', on: { click: cancel } }, t('bench.cancel'));
    el.download = h('button', { type: 'button', id: 'bench-download', class: 'secondary', on: { click: download } }, t('bench.download'));
    el.status = h('p', { id: 'bench-status', role: 'status', 'aria-live': 'polite' });
    el.results = h('div', { id: 'bench-results' });
    panel.replaceChildren(
      h('p', { class: 'hint' }, t('bench.intro')),
      h('div', { class: 'inline-controls' }, h('label', { for: 'bench-batches' }, t('bench.batches')), el.field),
      h('div', { class: 'buttons' }, el.run, el.cancel, el.download),
      el.status, el.results);
    update();
  }

  function update() {
    el.field.disabled = state.running;
    el.run.disabled = state.running;
    el.cancel.disabled = !state.running;
    el.download.disabled = state.running || !state.report?.results.length;
    el.status.textContent = statusText();
    el.results.replaceChildren(...(state.report ? tables(state.report) : []));
  }

  function statusText() {
    const { key, params = {} } = state.status;
    return t(key, params);
  }

  function tables(report) {
    const baseline = buildName(report.builds.find((b) => b.key === report.baseline));
    const out = report.settings.presets.map((preset) => modelResults(preset, resultsFor(report, preset), baseline));
    if (report.results.length) {
      const loaded = report.builds.filter((b) => b.loadSeconds !== null && b.dataSeconds !== null);
      out.push(h('p', { class: 'hint', id: 'bench-note' }, t('bench.note', {
        batches: report.settings.batches, warmup: report.settings.warmupBatches, baseline,
        loads: loaded.map((b) => t('bench.load', { build: buildName(b), engine: fixed(b.loadSeconds, 2), data: fixed(b.dataSeconds, 2) })).join(t('list.comma')),
      })));
    }
    return out;
  }

  /** One model: its name, what one image costs, and a row per build timed so far. */
  function modelResults(preset, rows, baseline) {
    if (!rows.length) return '';
    const { spec, batchSize, optimizer, flopsPerImage } = rows[0];
    const heading = `bench-${preset}-heading`;
    const columns = ['bench.col.build', 'bench.col.threads', 'bench.col.images', 'bench.col.gflops'].map((key) => t(key));
    columns.push(t('bench.col.ratio', { baseline }), t('bench.col.seconds'));
    return h('div', {},
      h('h3', { id: heading }, t(`preset.${preset}.name`)),
      h('p', { class: 'hint' }, h('code', {}, spec), ' ', t('bench.about', {
        batch: batchSize, optimizer: t(`choice.optimizer.${optimizer}`), flops: formatCount(flopsPerImage, i18n.locale),
      })),
      // Scrolls sideways on a phone: focusable, so the keyboard can scroll it too.
      h('div', { class: 'data-table', tabindex: 0, role: 'region', 'aria-labelledby': heading },
        h('table', { 'data-testid': `bench-${preset}`, 'aria-labelledby': heading },
          h('thead', {}, h('tr', {}, ...columns.map((text) => h('th', { scope: 'col' }, text)))),
          h('tbody', {}, ...rows.map((r) => h('tr', { 'data-build': r.key },
            h('th', { scope: 'row' }, buildName(r)),
            h('td', {}, String(r.threads)),
            h('td', { 'data-testid': 'images-per-second' }, figure(r.imagesPerSecond, formatCount(r.imagesPerSecond, i18n.locale))),
            h('td', { 'data-testid': 'gflops' }, figure(r.gflopsPerSecond, fixed(r.gflopsPerSecond, 2))),
            h('td', { 'data-testid': 'ratio' }, r.ratioToBaseline === null ? '–' : figure(r.ratioToBaseline, fixed(r.ratioToBaseline, 2))),
            h('td', {}, fixed(r.seconds, 2))))))));
  }

  render();
  const off = i18n.onChange(render);
  return {
    /** @param {{report?: object|null, running?: boolean, status?: {key: string, params?: object}}} next */
    show(next) {
      state = { ...state, ...next };
      update();
    },
    destroy: off,
  };
}
