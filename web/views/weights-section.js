// "First-layer weights": the first dense layer's weights as images for an MLP, or every
// convolution's filters for a CNN (the worker sends `weights` or `filters` accordingly).
import { drawWeightImages } from './canvas/weights-view.js';
import { drawConvFilters } from './canvas/conv-filters.js';

export function createWeightsSection(root) {
  const $ = (id) => root.getElementById(id);
  const weightsCanvas = $('weights-view');
  const filtersCanvas = $('conv-filters');

  function showKind(kind) {
    const conv = kind === 'conv';
    weightsCanvas.hidden = conv;
    filtersCanvas.hidden = !conv;
    $('weights-heading').textContent = conv ? 'Convolution filters' : 'First-layer weights';
    $('weights-hint').textContent = conv
      ? 'Each framed block is one filter: its weights on each input channel as a small image (blue negative, ' +
        'red positive). The first layer\'s filters look at the digit itself; the next layer\'s combine its feature maps.'
      : 'Each image is one neuron\'s 784 input weights drawn as 28×28 pixels: what it looks for.';
  }

  let last = null;  // [method, message] drawn last, to draw again in another theme
  return {
    /** Draws what it shows again (the theme changed). */
    repaint() {
      if (last) this[last[0]](last[1]);
    },
    /** @param {{weights: Float32Array, rows: number, cols: number}} message  a dense layer */
    showWeights({ weights, rows, cols }) {
      last = ['showWeights', { weights, rows, cols }];
      showKind('dense');
      const square = Math.round(Math.sqrt(cols));
      const options = square * square === cols ? { imageWidth: square, imageHeight: square, maxImages: 64 } : { maxImages: 64 };
      drawWeightImages(weightsCanvas, weights, rows, cols, options);
    },
    /** @param {{layers: object[]}} message  every conv layer's filters */
    showFilters({ layers }) {
      last = ['showFilters', { layers }];
      showKind('conv');
      const width = Math.max(280, Math.min(720, filtersCanvas.parentElement.clientWidth || 560));
      drawConvFilters(filtersCanvas, layers, { width });
    },
  };
}
