// The comparison's lists of runs, as DOM: the legend (the runs on the chart, each with its colour
// and dash pattern) and the table of final figures (one row per kept run: show on the chart,
// name, Train again, Remove, figures, the overfitting gap). Text comes from `t` (web/i18n).
import { formatCount, formatPercent } from '../canvas/format.js';
import { DASHES } from './compare-chart.js';

const SVG = 'http://www.w3.org/2000/svg';
const el = (tag, props = {}, children = []) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};
const dash = (value, digits, format) => (Number.isFinite(value) ? format(value, digits) : '–');
const percent = (v) => dash(v, 2, formatPercent);

/** A short line in the run's colour (CSS: .compare-swatch.slot-N) and dash pattern. */
export function swatch(slot) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', `compare-swatch slot-${slot + 1}`);
  svg.setAttribute('viewBox', '0 0 36 10');
  svg.setAttribute('aria-hidden', 'true');
  const line = document.createElementNS(SVG, 'line');
  for (const [name, value] of [['x1', 1], ['y1', 5], ['x2', 35], ['y2', 5], ['stroke-width', 3]]) line.setAttribute(name, String(value));
  const pattern = DASHES[slot % DASHES.length];
  if (pattern.length) line.setAttribute('stroke-dasharray', pattern.join(' '));
  svg.append(line);
  return svg;
}

/** The legend: the runs shown on the chart. */
export function renderLegend(list, runs, labels) {
  list.replaceChildren(...runs.map((run) =>
    el('li', { className: 'compare-legend-item' }, [swatch(run.slot), el('span', { textContent: labels.get(run.id) })])));
}

/**
 * The table of final figures.
 * @param {HTMLElement} box
 * @param {{runs: object[], labels: Map<number,string>, canTrain: boolean, t: Function, locale?: string}} view
 * @param {{toggle(id, shown), rename(id, name), trainAgain(id), remove(id)}} on
 */
export function renderTable(box, { runs, labels, canTrain, t, locale }, on) {
  const table = el('table', { className: 'compare-table' });
  table.createCaption().textContent = t('compare.table.caption');
  // The run (with its buttons) and the figures that matter most first: a narrow screen scrolls to the rest.
  const columns = ['run', 'testAcc', 'valAcc', 'gap', 'trainAcc', 'trainLoss', 'epochs', 'seconds', 'rate'];
  const head = table.createTHead().insertRow();
  for (const column of columns) {
    const th = el('th', { scope: 'col', textContent: t(`compare.col.${column}`) });
    th.dataset.col = column;
    head.append(th);
  }
  const body = table.createTBody();
  for (const run of runs) {
    const label = labels.get(run.id);
    const f = run.final;
    const row = body.insertRow();
    row.dataset.runId = String(run.id);
    const show = el('input', { type: 'checkbox', checked: run.shown });
    show.setAttribute('aria-label', t('compare.show.label', { label }));
    show.dataset.focusKey = `show-${run.id}`;
    show.addEventListener('change', () => on.toggle(run.id, show.checked));
    // The label, editable: a name the reader types replaces it; emptied, the label comes back.
    const name = el('input', { type: 'text', value: label, className: 'compare-name' });
    name.setAttribute('aria-label', t('compare.name.label', { label }));
    name.dataset.focusKey = `name-${run.id}`;
    name.size = Math.max(12, Math.min(28, label.length + 1));  // most labels whole; the legend has all
    name.title = label;
    name.addEventListener('change', () => on.rename(run.id, name.value.trim() === label ? run.name : name.value));
    const outcome = run.outcome === 'finished' ? [] : [el('span', { className: 'compare-outcome', textContent: t(`compare.outcome.${run.outcome}`) })];
    const again = el('button', { type: 'button', className: 'secondary small', textContent: t('compare.trainAgain'), disabled: !canTrain });
    again.setAttribute('aria-label', t('compare.trainAgain.label', { label }));
    again.dataset.focusKey = `again-${run.id}`;
    again.addEventListener('click', () => on.trainAgain(run.id));
    const remove = el('button', { type: 'button', className: 'secondary small', textContent: t('compare.remove') });
    remove.setAttribute('aria-label', t('compare.remove.label', { label }));
    remove.addEventListener('click', () => on.remove(run.id));
    const first = el('th', { scope: 'row' }, [
      el('div', { className: 'compare-run' }, [show, swatch(run.slot), name, ...outcome]),
      el('div', { className: 'compare-actions' }, [again, remove]),
    ]);
    first.dataset.col = 'run';
    row.append(first);
    const gap = el('span', { textContent: percent(f.gap) });
    const gapCell = [gap];
    if (f.gapGrowing) gapCell.push(el('span', { className: 'compare-growing', textContent: ` ${t('compare.gap.growing')}` }));
    const cells = {
      testAcc: [percent(f.testAcc)],
      valAcc: [percent(f.valAcc)],
      gap: gapCell,
      trainAcc: [percent(f.trainAcc)],
      trainLoss: [dash(f.trainLoss, 4, (v, d) => v.toFixed(d))],
      epochs: [String(f.epochs)],
      seconds: [dash(f.seconds, 1, (v, d) => v.toFixed(d))],
      rate: [dash(f.samplesPerSec, 0, (v) => formatCount(v, locale))],
    };
    for (const column of columns.slice(1)) {
      const td = el('td', {}, cells[column]);
      td.dataset.col = column;
      row.append(td);
    }
  }
  box.replaceChildren(table);
}

/** The chart's data as a table (its alternative for screen readers): each run's points. */
export function renderChartTable(box, { series, caption, columns, format, locale, maxPoints = 12 }) {
  const table = el('table');
  table.createCaption().textContent = caption;
  const head = table.createTHead().insertRow();
  for (const column of columns) head.append(el('th', { scope: 'col', textContent: column }));
  const body = table.createTBody();
  for (const { label, points } of series) {
    const every = Math.max(1, Math.ceil(points.length / maxPoints));
    points.forEach((p, i) => {
      if ((i + 1) % every !== 0 && i !== points.length - 1) return;
      const row = body.insertRow();
      row.append(el('th', { scope: 'row', textContent: label }), el('td', { textContent: formatCount(p.x, locale) }),
        el('td', { textContent: format(p.y) }));
    });
  }
  box.replaceChildren(table);
}
