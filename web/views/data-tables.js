// "Show as table": each chart's data as an HTML table beside it, for screen readers, for reading
// exact values and for copying. A button with data-table-for="<canvas id>" toggles the table in
// the element named by its aria-controls; `sources` give each chart's current data, in the
// words of the translator they are given.
import { classCount } from './canvas/confusion-matrix.js';
import { formatCount, formatPercent } from './canvas/format.js';
import { DEFAULT_LANGUAGE, translator } from '../i18n/index.js';

const ENGLISH = translator(DEFAULT_LANGUAGE);  // when the caller passes no translator

/**
 * @typedef {{caption: string, columns: string[], rows: (string|number)[][]}} TableData
 * @param {ParentNode} root
 * @param {Record<string, (t: Function) => TableData|null>} sources  canvas id -> its data (null: none yet)
 * @param {ReturnType<import('../i18n/index.js').createI18n>} i18n
 */
export function createDataTables(root, sources, i18n) {
  const toggles = [...root.querySelectorAll('[data-table-for]')];
  const isOpen = (button) => button.getAttribute('aria-expanded') === 'true';
  const label = (button) => { button.textContent = i18n.t(isOpen(button) ? 'table.hide' : 'table.show'); };

  function render(button) {
    const box = root.getElementById(button.getAttribute('aria-controls'));
    const data = sources[button.dataset.tableFor]?.(i18n.t);
    if (!data) {
      box.replaceChildren(Object.assign(document.createElement('p'), { className: 'hint', textContent: i18n.t('table.empty') }));
      return;
    }
    const table = document.createElement('table');
    table.createCaption().textContent = data.caption;
    const head = table.createTHead().insertRow();
    for (const column of data.columns) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = column;
      head.append(th);
    }
    const body = table.createTBody();
    for (const row of data.rows) {
      const tr = body.insertRow();
      row.forEach((value, i) => {
        const cell = document.createElement(i === 0 ? 'th' : 'td');
        if (i === 0) cell.scope = 'row';
        cell.textContent = String(value);
        tr.append(cell);
      });
    }
    box.replaceChildren(table);
  }

  for (const button of toggles) {
    button.addEventListener('click', () => {
      const open = !isOpen(button);
      button.setAttribute('aria-expanded', String(open));
      label(button);
      root.getElementById(button.getAttribute('aria-controls')).hidden = !open;
      if (open) render(button);
    });
    label(button);
  }

  /** The data changed: open tables show it (closed ones are built when opened). */
  function refresh() {
    for (const button of toggles) if (isOpen(button)) render(button);
  }
  i18n.onChange(() => {
    toggles.forEach(label);
    refresh();
  });
  return { refresh };
}

/** The training chart's table: its epochs, then its curves at up to 40 points. */
export function trainingTable({ epochs, points, every }, t = ENGLISH) {
  if (!points.length) return null;
  const rows = [
    ...epochs.map((e) => [t('table.epochRow', { epoch: e.epoch }), formatCount(e.samples), e.trainLoss.toFixed(4), formatPercent(e.trainAcc, 2), formatPercent(e.valAcc, 2)]),
    ...points.map((p) => [t('table.runningRow'), formatCount(p.samples), p.loss.toFixed(4), formatPercent(p.accuracy, 2), '']),
  ];
  return {
    caption: every > 1 ? t('table.trainingCaptionEvery', { every }) : t('table.trainingCaption'),
    columns: ['table.point', 'table.samples', 'table.trainingLoss', 'table.trainingAccuracy', 'table.validationAccuracy'].map((key) => t(key)),
    rows,
  };
}

/**
 * The (N x N) confusion matrix as a table: true classes down, predicted classes across.
 * @param {(c: number) => string} label  class c's name
 */
export function confusionTable(confusion, label, t = ENGLISH) {
  if (!confusion) return null;
  const n = classCount(confusion);
  const classes = Array.from({ length: n }, (_, c) => c);
  return {
    caption: t('table.confusionCaption'),
    columns: [t('table.trueVsPredicted'), ...classes.map(label)],
    rows: classes.map((a) => [label(a), ...classes.map((p) => formatCount(confusion[a * n + p]))]),
  };
}

/** Accuracy per class (N values) as a table. @param {(c: number) => string} label  class c's name */
export function perClassTable(perClass, label, t = ENGLISH) {
  if (!perClass) return null;
  return {
    caption: t('table.perDigitCaption'),
    columns: [t('table.digit'), t('table.accuracy')],
    rows: Array.from(perClass, (accuracy, c) => [label(c), formatPercent(accuracy, 2)]),
  };
}
