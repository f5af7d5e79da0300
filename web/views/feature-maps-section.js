// "Feature maps" under the draw pad: what each convolution and pooling layer makes of the digit
// being drawn. It asks the worker (get-feature-maps, protocol.js) for the maps of the 28x28 image
// the model saw, with at most one request in flight and at most one every MIN_INTERVAL_MS, the
// newest drawing always sent last, so a fast stroke never queues work and the maps keep up. Each
// request has an id, echoed in its answer or in the worker's error, which releases the next.
import { drawFeatureMaps, featureMapAt, featureMapRows } from './canvas/feature-maps.js';

const MIN_INTERVAL_MS = 120;

/**
 * @param {(id: number, pixels: Float32Array) => void} requestMaps  sends get-feature-maps
 * @param {ReturnType<import('../i18n/index.js').createI18n>} i18n
 * @param {(pick: {layer: number, unit: number, position: number[]}) => void} [onPickFilter]
 *   a convolution's map was clicked: explain that filter at that place
 */
export function createFeatureMapsSection(root, requestMaps, i18n, onPickFilter) {
  const canvas = root.getElementById('feature-maps');
  const hint = root.getElementById('feature-maps-hint');
  let spatial = false;   // the model has conv or pooling layers
  let pending = null;    // the newest image not yet sent
  let inFlight = 0;      // id of the request awaiting its answer, 0 for none
  let lastId = 0;
  let lastSent = 0;
  let timer = 0;
  let wanted = false;    // false after clear(): an answer still in flight is not drawn

  function flush() {
    if (inFlight || !pending) return;
    const wait = MIN_INTERVAL_MS - (performance.now() - lastSent);
    if (wait > 0) {
      timer ||= setTimeout(() => { timer = 0; flush(); }, wait);
      return;
    }
    const pixels = pending;
    pending = null;
    inFlight = ++lastId;
    lastSent = performance.now();
    requestMaps(inFlight, pixels);
  }

  let shownRows = null;  // the maps on the canvas, to draw again in another theme
  let drawnWidth = 0;    // the logical width they were drawn at, for finding a clicked map
  function draw() {
    drawnWidth = Math.max(280, Math.min(960, canvas.parentElement.clientWidth || 720));
    drawFeatureMaps(canvas, shownRows, { width: drawnWidth, t: i18n.t });
  }

  // A convolution's map is one filter's answer at every place: a click explains that filter.
  canvas.addEventListener('click', (event) => {
    if (!shownRows || !onPickFilter || !canvas.clientWidth) return;
    const scale = drawnWidth / canvas.clientWidth;  // the canvas may be shown narrower than drawn
    const hit = featureMapAt(shownRows, drawnWidth, event.offsetX * scale, event.offsetY * scale);
    if (hit?.kind === 'Conv2D') onPickFilter({ layer: hit.layer, unit: hit.channel, position: hit.position });
  });

  let hintKey = '';  // the hint shown, to show again in another language
  function setHint(key) {
    hintKey = key;
    hint.textContent = i18n.t(key);
  }

  function idleHint() {
    setHint(spatial ? 'maps.hintDraw' : 'maps.hintNoConv');
    canvas.hidden = true;
  }
  idleHint();
  i18n.onChange(() => {
    setHint(hintKey);
    if (!canvas.hidden && shownRows) draw();
  });

  return {
    /** The model changed: `hasSpatial` says whether it has maps to show. */
    setModel(hasSpatial) {
      spatial = hasSpatial;
      pending = null;
      if (!spatial || canvas.hidden) idleHint();
    },
    /** The draw pad's image as the model sees it, (28, 28) in [0, 1]. */
    request(input28) {
      if (!spatial) return;
      wanted = true;
      pending = Float32Array.from(input28);
      flush();
    },
    /** @param {import('./protocol.js').FeatureMapsMessage} message */
    show({ id, maps }) {
      if (id !== inFlight) return;  // not the answer awaited (its request was given up)
      inFlight = 0;
      const rows = featureMapRows(maps);
      if (rows.length && spatial && wanted) {
        canvas.hidden = false;
        shownRows = rows;
        draw();
        setHint('maps.hintShown');
      }
      flush();
    },
    /** Nothing drawn (or no model): the hint instead of stale maps. */
    clear() {
      pending = null;
      wanted = false;
      idleHint();
    },
    /** Draws what it shows again (the theme changed). */
    repaint() {
      if (!canvas.hidden && shownRows) draw();
    },
    /** Request `id` could not be answered (undefined: whichever is in flight). */
    failed(id) {
      if (id !== undefined && id !== inFlight) return;
      inFlight = 0;
      flush();
    },
  };
}
