// "Training images": a browsable sample of the training set before (and during) training, so a
// visitor sees what the model learns from. Ten images of each digit per page; the digit select
// narrows the grid to one class, "Other images" pages through the set.
import { drawDigitGrid, digitGridColumns } from './canvas/digit-grid.js';

export const SAMPLES_PER_CLASS = 10;

/**
 * @param {(offset: number) => void} requestSamples  asks the worker for page `offset`
 * @param {ReturnType<import('../i18n/index.js').createI18n>} i18n
 */
export function createSamplesView(root, requestSamples, i18n) {
  const canvas = root.getElementById('sample-grid');
  const digit = root.getElementById('sample-digit');
  const more = root.getElementById('more-samples');
  let items = [];
  let offset = 0;

  function render() {
    const shown = digit.value === 'all' ? items : items.filter((item) => item.label === Number(digit.value));
    // Ten a row where they fit; fewer on a narrow screen, so captions stay readable.
    drawDigitGrid(canvas, shown, { columns: Math.min(10, digitGridColumns(canvas)), cellSize: 44, t: i18n.t });
  }
  i18n.onChange(() => { if (items.length) render(); });

  digit.addEventListener('change', render);
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
