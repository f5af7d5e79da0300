// "Draw something": the draw pad, what the model sees (the engine's MNIST-style 28x28
// preprocessing, core/data/digit_preprocess.h, shown enlarged), live probability bars and the
// answer in the classes' names ("Prediction: Sneaker (97%)").
// Drawing sends the pad's pixels to the worker at most once per answer, so a fast stroke never
// queues up work: the latest drawing is sent when the previous prediction arrives, or when the
// worker reports that request failed (each request has an id, echoed in its answer or error).
import { createDrawPad } from './canvas/draw-pad.js';
import { drawProbabilityBars } from './canvas/probability-bars.js';
import { formatPercent } from './canvas/format.js';

/**
 * @param {(id: number, gray: Uint8Array, width: number, height: number) => void} requestPrediction
 * @param {{onClear?: () => void, requestTestDigit?: () => void, i18n: object, classes: object}} options
 *   onClear: the drawing was cleared; requestTestDigit: "Use a test digit" was pressed (answer
 *   with showTestDigit); i18n: the interface's language; classes: the class names (class-labels.js)
 */
export function createDrawSection(root, requestPrediction, { onClear = () => {}, requestTestDigit = () => {}, i18n, classes }) {
  const $ = (id) => root.getElementById(id);
  const preview = $('draw-input28');
  const text = $('draw-prediction');
  const bars = $('probability-bars');
  let shownProbabilities = null;  // the bars drawn, to draw again in another theme or language
  let pending = null;   // the newest drawing not yet sent
  let last = null;      // the drawing most recently sent, to ask again after training
  let inFlight = 0;      // id of the request awaiting its answer, 0 for none
  let lastId = 0;
  let trained = false;
  let message = (t) => t('draw.prompt');  // the line under the preview, in any language
  const say = (next) => {
    message = next;
    text.textContent = message(i18n.t);
  };
  // A name per probability: the model's outputs, whatever the data loaded since.
  const drawBars = (probabilities) => drawProbabilityBars(bars, probabilities,
    { labels: Array.from(probabilities, (_, c) => classes.label(c)), t: i18n.t });
  const noBars = () => new Float32Array(classes.count());  // nothing predicted: every bar empty

  const pad = createDrawPad($('draw-pad'), {
    i18n,
    onChange(gray, width, height) {
      pending = { gray: gray.slice(), width, height };
      flush();
    },
  });

  function flush() {
    if (inFlight || !pending) return;
    const { gray, width, height } = pending;
    pending = null;
    last = { gray, width, height };
    inFlight = ++lastId;
    requestPrediction(inFlight, gray.slice(), width, height);
  }

  function drawInput(input28) {
    const ctx = preview.getContext('2d');
    const image = ctx.createImageData(28, 28);
    for (let i = 0; i < 784; i++) {
      const v = Math.round(input28[i] * 255);
      image.data.set([v, v, v, 255], i * 4);  // white ink on black, as the MNIST files store it
    }
    const small = new OffscreenCanvas(28, 28);
    small.getContext('2d').putImageData(image, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(small, 0, 0, preview.width, preview.height);
  }

  function clearOutputs() {
    shownProbabilities = null;
    drawInput(new Float32Array(784));
    drawBars(noBars());
    say((t) => t('draw.prompt'));
    delete text.dataset.predicted;
  }

  // A way to the prediction without drawing at all (keyboard, screen reader, or just curious).
  $('test-digit').addEventListener('click', () => requestTestDigit());
  $('draw-pad').addEventListener('keydown', (event) => {
    if (event.key === 'Delete' || event.key === 'Backspace') $('clear-drawing').click();
  });
  $('clear-drawing').addEventListener('click', () => {
    pad.clear();
    pending = null;
    last = null;
    clearOutputs();
    onClear();
  });
  clearOutputs();

  /** Draws the bars again (the theme changed); the pad and the 28x28 image are black and white. */
  function repaint() {
    drawBars(!pad.isEmpty() && shownProbabilities ? shownProbabilities : noBars());
  }
  // Other names, or another language.
  classes.onChange(() => {
    repaint();
    text.textContent = message(i18n.t);
  });

  return {
    repaint,
    /** @param {import('../engine/protocol.js').PredictionMessage} message */
    show({ id, probabilities, input28 }) {
      if (id !== inFlight) return;  // not the answer awaited (its request was given up)
      inFlight = 0;
      if (pad.isEmpty()) {
        clearOutputs();
      } else {
        drawInput(input28);
        if (probabilities) {
          shownProbabilities = probabilities;
          drawBars(probabilities);
          let best = 0;
          for (let c = 1; c < probabilities.length; c++) if (probabilities[c] > probabilities[best]) best = c;
          const percent = formatPercent(probabilities[best], 0);
          const key = trained ? 'draw.prediction' : 'draw.predictionUntrained';
          say((t) => t(key, { name: classes.label(best), percent }));
          text.dataset.predicted = String(best);
        } else {
          drawBars(noBars());
          say((t) => t('draw.notReady'));
        }
      }
      flush();
    },
    /**
     * Request `id` could not be answered (undefined: whichever is in flight, e.g. the worker
     * died). `notReady`: there is no engine yet; the drawing is asked again by refresh().
     */
    failed(id, notReady = false) {
      if (id !== undefined && id !== inFlight) return;
      inFlight = 0;
      if (notReady && !pad.isEmpty()) say((t) => t('draw.notReady'));
      flush();
    },
    setTrained(value) {
      trained = value;
    },
    /** The data is loaded: test digits can be asked for. */
    setDataReady(ready) {
      $('test-digit').disabled = !ready;
    },
    /** A test image for the pad (the answer to requestTestDigit). @param {{pixels: Uint8Array, label: number}} item */
    showTestDigit({ pixels, label }) {
      pad.showDigit(pixels);
      $('test-digit').dataset.label = String(label);
    },
    /** Asks again for the current drawing (after training changed the model). */
    refresh() {
      if (last && !pad.isEmpty()) {
        pending = pending ?? last;
        flush();
      }
    },
  };
}
