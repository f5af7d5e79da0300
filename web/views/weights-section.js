// "First-layer weights": the first dense layer's weights as images for an MLP, or every
// convolution's filters for a CNN (the worker sends `weights` or `filters` accordingly).
import { drawWeightImages } from './canvas/weights-view.js';
import { drawConvFilters } from './canvas/conv-filters.js';

/** @param {ShadowRoot} root  @param {ReturnType<import('../i18n/index.js').createI18n>} i18n */
export function createWeightsSection(root, i18n) {
  const $ = (id) => root.getElementById(id);
  const weightsCanvas = $('weights-view');
  const filtersCanvas = $('conv-filters');
  let kind = 'dense';

  function showKind(next) {
    kind = next;
    const conv = kind === 'conv';
    weightsCanvas.hidden = conv;
    filtersCanvas.hidden = !conv;
    $('weights-heading').textContent = i18n.t(conv ? 'weights.convHeading' : 'weights.heading');
    $('weights-hint').textContent = i18n.t(conv ? 'weights.convHint' : 'weights.hint');
  }
  showKind(kind);

  let last = null;  // [method, message] drawn last, to draw again in another theme or language
  i18n.onChange(() => {
    showKind(kind);
    if (last) section[last[0]](last[1]);
  });
  const section = {
    /** Draws what it shows again (the theme changed). */
    repaint() {
      if (last) section[last[0]](last[1]);
    },
    /** @param {{weights: Float32Array, rows: number, cols: number}} message  a dense layer */
    showWeights({ weights, rows, cols }) {
      last = ['showWeights', { weights, rows, cols }];
      showKind('dense');
      const square = Math.round(Math.sqrt(cols));
      const options = square * square === cols ? { imageWidth: square, imageHeight: square, maxImages: 64 } : { maxImages: 64 };
      drawWeightImages(weightsCanvas, weights, rows, cols, { ...options, t: i18n.t });
    },
    /** @param {{layers: object[]}} message  every conv layer's filters */
    showFilters({ layers }) {
      last = ['showFilters', { layers }];
      showKind('conv');
      const width = Math.max(280, Math.min(720, filtersCanvas.parentElement.clientWidth || 560));
      drawConvFilters(filtersCanvas, layers, { width, t: i18n.t });
    },
  };
  return section;
}
