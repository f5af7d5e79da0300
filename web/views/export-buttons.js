// Exports of what the run produced: the curves and metrics as CSV and JSON (built by
// web/app/run-record.js), and any chart as a PNG (buttons with data-png="<canvas id>").
import { downloadBlob } from './download.js';

/** @param {{csv: () => string, json: () => string}} sources  the current run's files */
export function createExportButtons(root, sources) {
  const csv = root.getElementById('export-csv');
  const json = root.getElementById('export-json');
  csv.addEventListener('click', () => downloadBlob(new Blob([sources.csv()], { type: 'text/csv' }), 'mnist-curves.csv'));
  json.addEventListener('click', () => downloadBlob(new Blob([sources.json()], { type: 'application/json' }), 'mnist-run.json'));
  for (const button of root.querySelectorAll('[data-png]')) {
    button.addEventListener('click', () => {
      const canvas = root.getElementById(button.dataset.png);
      canvas.toBlob((blob) => blob && downloadBlob(blob, `mnist-${button.dataset.png}.png`), 'image/png');
    });
  }
  return {
    /** There is something to export once a run has produced a point. */
    setAvailable(available) {
      csv.disabled = !available;
      json.disabled = !available;
    },
  };
}
