// The run comparison panel, drawn into the element it is given (#compare-panel): the quick
// comparisons and their queue, the metric menu, the overlay chart (with its legend, a table
// alternative and keyboard access) and the table of final figures. It holds no runs: render(view)
// draws what web/app/comparison.js passes, and user actions go back through `on`. Every text
// is asked from `t` at render time, so a language change is one render away.
import { METRICS } from './compare-runs.js';
import { PLANS } from './compare-plans.js';
import { createCompareChart, formatValue } from './compare-chart.js';
import { renderChartTable, renderLegend, renderTable } from './compare-table.js';
import { formatCount } from '../canvas/format.js';

const SKELETON = `
  <h3 data-text="compare.heading"></h3>
  <p class="hint" data-text="compare.intro"></p>
  <div class="buttons compare-plans" role="group" data-label="compare.plans.label"></div>
  <p class="hint" data-text="compare.plans.hint"></p>
  <div class="compare-queue" hidden>
    <p class="compare-queue-text"></p>
    <progress class="compare-queue-progress" max="1" value="0"></progress>
    <button type="button" class="secondary compare-cancel" data-text="compare.queue.cancel"></button>
  </div>
  <p class="compare-status" role="status" aria-live="polite"></p>
  <p class="hint compare-empty" data-text="compare.empty"></p>
  <div class="compare-body">
    <label class="compare-metric"><span data-text="compare.metric.label"></span> <select></select></label>
    <ul class="compare-legend"></ul>
    <div class="chart-box compare-chart-box"><canvas class="compare-chart" tabindex="0"></canvas></div>
    <p class="hint compare-keys" data-text="compare.chart.keys"></p>
    <div class="buttons small">
      <button type="button" class="secondary compare-table-toggle" aria-expanded="false"></button>
      <button type="button" class="secondary compare-clear" data-text="compare.clear"></button>
    </div>
    <div class="data-table compare-chart-table" hidden></div>
    <p class="hint" data-text="compare.table.gapHint"></p>
    <div class="data-table compare-figures"></div>
  </div>`;

let panels = 0;  // ids unique within the shadow root (aria-controls needs one)

/**
 * @param {HTMLElement} container
 * @param {{t(): Function, plan(id), cancel(), toggle(id, shown), rename(id, name), trainAgain(id),
 *          remove(id), clear(), metric(id)}} on
 */
export function createComparePanel(container, on) {
  container.innerHTML = SKELETON;  // static markup: no data in it
  const $ = (selector) => container.querySelector(selector);
  const canvas = $('.compare-chart');
  const chartTable = $('.compare-chart-table');
  const toggle = $('.compare-table-toggle');
  const legend = $('.compare-legend');
  const metricSelect = $('.compare-metric select');
  const figures = $('.compare-figures');
  chartTable.id = `compare-chart-table-${++panels}`;
  toggle.setAttribute('aria-controls', chartTable.id);
  const chart = createCompareChart(canvas);
  let view = null;
  let focused = -1;  // index among the shown runs the arrow keys picked (-1: none)
  let lastStatus = '';  // said once, not at every render

  const planButtons = PLANS.map((plan) => {
    const button = Object.assign(document.createElement('button'), { type: 'button', className: 'secondary' });
    button.dataset.plan = plan;
    button.addEventListener('click', () => on.plan(plan));
    return button;
  });
  $('.compare-plans').append(...planButtons);
  for (const id of Object.keys(METRICS)) metricSelect.append(Object.assign(document.createElement('option'), { value: id }));
  metricSelect.addEventListener('change', () => on.metric(metricSelect.value));
  $('.compare-cancel').addEventListener('click', () => on.cancel());
  $('.compare-clear').addEventListener('click', () => on.clear());
  toggle.addEventListener('click', () => {
    chartTable.hidden = !chartTable.hidden;
    render(view);
  });
  canvas.addEventListener('keydown', onKey);
  canvas.addEventListener('blur', () => {
    focused = -1;
    chart.setHighlight(null);
  });

  /** Arrow keys go through the runs on the chart: the run drawn thicker, its figures read out. */
  function onKey(event) {
    const shown = view?.runs.filter((r) => r.shown) ?? [];
    if (!shown.length) return;
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    if (event.key === 'Escape') focused = -1;
    else if (step && focused < 0) focused = step > 0 ? 0 : shown.length - 1;
    else if (step) focused = (focused + step + shown.length) % shown.length;
    else return;
    event.preventDefault();
    const run = shown[focused];
    chart.setHighlight(run ? run.slot : null);
    if (run) announce(describeRun(run));
  }

  function announce(text) {
    $('.compare-status').textContent = text;
  }

  /** "opt=adam: 0.2345 after 1,000 samples" for the metric shown. */
  function describeRun(run) {
    const t = on.t();
    const metric = METRICS[view.metric];
    const last = metric.points(run).at(-1);
    const label = view.labels.get(run.id);
    if (!last) return t('compare.chart.noPoints', { label });
    return t('compare.chart.run', { label, value: formatValue(last.y, metric.axis), samples: formatCount(last.x, view.locale) });
  }

  function applyText(t) {
    for (const node of container.querySelectorAll('[data-text]')) node.textContent = t(node.dataset.text);
    for (const node of container.querySelectorAll('[data-label]')) node.setAttribute('aria-label', t(node.dataset.label));
    legend.setAttribute('aria-label', t('compare.legend'));
    for (const button of planButtons) {
      button.textContent = t(`compare.plan.${button.dataset.plan}`);
      button.title = t(`compare.plan.${button.dataset.plan}.title`);
    }
    for (const option of metricSelect.options) option.textContent = t(`compare.metric.${option.value}`);
    toggle.textContent = t(chartTable.hidden ? 'compare.showTable' : 'compare.hideTable');
    toggle.setAttribute('aria-expanded', String(!chartTable.hidden));
  }

  /**
   * @param {{runs: object[], labels: Map<number,string>, metric: string, canStart: boolean,
   *          queue: {index: number, total: number, label: string}|null, status: string,
   *          locale?: string}} next
   */
  function render(next) {
    view = next;
    const t = on.t();
    const keep = container.getRootNode().activeElement?.dataset?.focusKey;
    applyText(t);
    for (const button of planButtons) button.disabled = !view.canStart;
    const queueBox = $('.compare-queue');
    queueBox.hidden = !view.queue;
    if (view.queue) {
      $('.compare-queue-text').textContent = t('compare.queue.progress',
        { n: view.queue.index + 1, total: view.queue.total, label: view.queue.label });
      const bar = $('.compare-queue-progress');
      bar.max = view.queue.total;
      bar.value = view.queue.index;
      bar.setAttribute('aria-label', t('compare.queue.label'));
    }
    if (view.status !== lastStatus) announce(view.status);
    lastStatus = view.status;
    $('.compare-empty').hidden = view.runs.length > 0;
    $('.compare-body').hidden = view.runs.length === 0;
    metricSelect.value = view.metric;

    const metric = METRICS[view.metric];
    const shown = view.runs.filter((r) => r.shown);
    const series = shown.map((run) => ({ slot: run.slot, label: view.labels.get(run.id), points: metric.points(run) }));
    chart.show({
      series, perEpoch: metric.perEpoch, axis: metric.axis,
      text: { xAxis: t('compare.axis.samples'), yAxis: t(`compare.axis.${metric.axis}`), samples: (n) => t('compare.tooltip.samples', { samples: formatCount(n, view.locale) }) },
    });
    canvas.setAttribute('role', 'img');
    canvas.dataset.view = 'compare-chart';
    canvas.setAttribute('aria-label', shown.length
      ? t('compare.chart.label', { metric: t(`compare.metric.${view.metric}`), count: shown.length, runs: shown.map(describeRun).join(t('compare.chart.separator')) })
      : t('compare.chart.none'));
    renderLegend(legend, shown, view.labels);
    if (!chartTable.hidden) {
      renderChartTable(chartTable, {
        series, caption: t('compare.chartTable.caption', { metric: t(`compare.metric.${view.metric}`) }),
        columns: [t('compare.col.run'), t('compare.col.samples'), t(`compare.axis.${metric.axis}`)],
        format: (y) => formatValue(y, metric.axis), locale: view.locale,
      });
    }
    renderTable(figures, { runs: view.runs, labels: view.labels, canTrain: view.canStart, t, locale: view.locale }, on);
    if (keep) container.querySelector(`[data-focus-key="${keep}"]`)?.focus();
  }

  return {
    render,
    /** The theme changed: the chart takes its colours again (the swatches follow CSS). */
    applyTheme: () => chart.applyTheme(),
    destroy() {
      chart.destroy();
      container.replaceChildren();
    },
  };
}
