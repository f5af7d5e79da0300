// A stand-in for the browser's canvas in Node: enough of HTMLCanvasElement, its 2D context and
// the page (getComputedStyle, document.createElement) for the views in web/views/canvas/ to
// draw, recording every text they write. measureText gives each character 0.6 of the font size,
// a fair average for a sans-serif font, so text that fits or not fits roughly as in a browser.

/** Makes the globals the views use; call once before drawing. */
export function installFakePage() {
  globalThis.getComputedStyle = () => ({ getPropertyValue: () => '' });  // the views' fallback colours
  globalThis.document = { createElement: () => fakeCanvas(1, 1) };
}

/**
 * A canvas of `width` x `height` CSS px in a container `parentWidth` px wide. `canvas.texts`
 * lists what was written: {text, font, angle} (angle: the rotation it was written at, radians).
 */
export function fakeCanvas(width, height, { parentWidth = width } = {}) {
  const attributes = new Map();
  const canvas = {
    width, height, style: {}, dataset: {}, texts: [],
    parentElement: { clientWidth: parentWidth },
    setAttribute: (name, value) => attributes.set(name, String(value)),
    getAttribute: (name) => attributes.get(name) ?? null,
    getContext: () => context,
  };
  const context = fakeContext(canvas.texts);
  return canvas;
}

function fakeContext(texts) {
  let angle = 0;
  const saved = [];
  const fontSize = (font) => Number(/(\d+(?:\.\d+)?)px/.exec(font)?.[1] ?? 10);
  const noop = () => {};
  const ctx = {
    font: '10px sans-serif', fillStyle: '#000000', strokeStyle: '#000000',
    lineWidth: 1, textAlign: 'start', textBaseline: 'alphabetic', imageSmoothingEnabled: true,
    measureText: (text) => ({ width: [...String(text)].length * fontSize(ctx.font) * 0.6 }),
    fillText: (text, x, y) => texts.push({ text: String(text), font: ctx.font, angle, x, y }),
    save: () => saved.push(angle),
    restore: () => { angle = saved.pop() ?? 0; },
    rotate: (radians) => { angle += radians; },
    createImageData: (w, h) => ({ width: w, height: h, data: new Uint8ClampedArray(4 * w * h) }),
  };
  for (const name of ['setTransform', 'translate', 'fillRect', 'strokeRect', 'beginPath', 'moveTo',
    'lineTo', 'stroke', 'arc', 'fill', 'setLineDash', 'putImageData', 'drawImage']) ctx[name] = noop;
  return ctx;
}
