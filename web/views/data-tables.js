// "Show as table": each chart's data as an HTML table beside it, for screen readers, for reading
// exact values and for copying. A button with data-table-for="<canvas id>" toggles the table in
// the element named by its aria-controls; `sources` give each chart's current data.
import { formatCount, formatPercent } from './canvas/format.js';

/**
 * @typedef {{caption: string, columns: string[], rows: (string|number)[][]}} TableData
 * @param {ParentNode} root
 * @param {Record<string, () => TableData|null>} sources  canvas id -> its data (null: none yet)
 */
export function createDataTables(root, sources) {
  const toggles = [...root.querySelectorAll('[data-table-for]')];

  function render(button) {
    const box = root.getElementById(button.getAttribute('aria-controls'));
    const data = sources[button.dataset.tableFor]?.();
    if (!data) {
      box.replaceChildren(Object.assign(document.createElement('p'), { className: 'hint', textContent: 'No data yet.' }));
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
      const open = button.getAttribute('aria-expanded') !== 'true';
      button.setAttribute('aria-expanded', String(open));
      button.textContent = open ? 'Hide the table' : 'Show as table';
      root.getElementById(button.getAttribute('aria-controls')).hidden = !open;
      if (open) render(button);
    });
  }

  return {
    /** The data changed: open tables show it (closed ones are built when opened). */
    refresh() {
      for (const button of toggles) if (button.getAttribute('aria-expanded') === 'true') render(button);
    },
  };
}

/** The training chart's table: its epochs, then its curves at up to 40 points. */
export function trainingTable({ epochs, points, every }) {
  if (!points.length) return null;
  const rows = [
    ...epochs.map((e) => [`epoch ${e.epoch}`, formatCount(e.samples), e.trainLoss.toFixed(4), formatPercent(e.trainAcc, 2), formatPercent(e.valAcc, 2)]),
    ...points.map((p) => ['running', formatCount(p.samples), p.loss.toFixed(4), formatPercent(p.accuracy, 2), '']),
  ];
  return {
    caption: `Training: each epoch's figures, then the running values${every > 1 ? ` at every ${every}th report` : ''}.`,
    columns: ['Point', 'Samples seen', 'Training loss', 'Training accuracy', 'Validation accuracy'],
    rows,
  };
}

/** The confusion matrix as a table: true digits down, predicted digits across. */
export function confusionTable(confusion) {
  if (!confusion) return null;
  return {
    caption: 'Confusion matrix: test images by true digit (rows) and predicted digit (columns).',
    columns: ['True \\ predicted', ...Array.from({ length: 10 }, (_, d) => String(d))],
    rows: Array.from({ length: 10 }, (_, a) => [String(a), ...Array.from({ length: 10 }, (_, p) => formatCount(confusion[a * 10 + p]))]),
  };
}

/** Accuracy per digit as a table. */
export function perClassTable(perClass) {
  if (!perClass) return null;
  return {
    caption: 'Test accuracy per digit.',
    columns: ['Digit', 'Accuracy'],
    rows: Array.from({ length: 10 }, (_, d) => [String(d), formatPercent(perClass[d], 2)]),
  };
}
