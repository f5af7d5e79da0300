// "Training images": a browsable sample of the training set before (and during) training, so a
// visitor sees what the model learns from. Ten images of each class per page, captioned with the
// class's name; the class select (every class by name) narrows the grid to one class, "Other
// images" pages through the set.
import { drawDigitGrid, digitGridColumns } from './canvas/digit-grid.js';

export const SAMPLES_PER_CLASS = 10;

/**
 * @param {(offset: number) => void} requestSamples  asks the worker for page `offset`
 * @param {ReturnType<import('../i18n/index.js').createI18n>} i18n
 * @param {ReturnType<import('./class-labels.js').createClassLabels>} classes
 */
export function createSamplesView(root, requestSamples, i18n, classes) {
  const canvas = root.getElementById('sample-grid');
  const select = root.getElementById('sample-digit');
  const more = root.getElementById('more-samples');
  let items = [];
  let offset = 0;

  /** "All" (as the markup has it), then every class by name; a chosen class stays chosen if it still exists. */
  function fillSelect() {
    const chosen = select.value;
    const names = classes.names();
    select.replaceChildren(select.options[0], ...names.map((name, c) => new Option(name, String(c))));
    select.value = Number(chosen) < names.length ? chosen : 'all';
  }

  function render() {
    const shown = select.value === 'all' ? items : items.filter((item) => item.label === Number(select.value));
    // Ten a row where they fit; fewer on a narrow screen, so captions stay readable.
    drawDigitGrid(canvas, shown, { columns: Math.min(10, digitGridColumns(canvas)), cellSize: 44, labels: classes.names(), t: i18n.t });
  }
  // Other names, or another language.
  classes.onChange(() => {
    fillSelect();
    if (items.length) render();
  });
  fillSelect();

  select.addEventListener('change', render);
  more.addEventListener('click', () => {
    offset += 1;
    requestSamples(offset);
  });

  return {
    /** Draws what it shows again (the theme changed). */
    repaint: render,
    /** @param {import('./protocol.js').SamplesMessage} message */
    show(message) {
      items = message.items;
      offset = message.offset;
      more.disabled = false;
      render();
    },
  };
}
