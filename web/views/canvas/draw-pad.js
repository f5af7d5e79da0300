// The drawing pad: white ink on black, like MNIST, by mouse, pen or finger through Pointer Events.
// It reports the drawing as grayscale bytes once per animation frame while ink changes; turning
// that into a 28x28 MNIST digit is the engine's job (core/data/digit_preprocess.h), not this one's.
//
// Strokes are smooth: each new pointer position extends a quadratic curve through the midpoints
// of the positions so far (the corners of a polyline rounded off), and the browser's coalesced
// events add the positions it sampled between frames. Pressure is ignored: MNIST strokes have
// one width. The default width, 7% of the pad's side (about 20 px on a 280 px pad), gives
// strokes as thick relative to the digit as MNIST's once the digit is scaled to 20x20 pixels.
//
// From the keyboard (the pad takes focus): the arrow keys move a pen (a ring drawn over the pad,
// not into it), Space puts it down or lifts it, and moving it while down draws; Shift moves it
// in small steps. So a digit can be drawn without a pointer.
//
// Usage:
//   const pad = createDrawPad(canvas, { onChange: (gray, w, h) => worker.postMessage(...) });
//   clearButton.onclick = () => pad.clear();
// The canvas's width/height attributes are its size in CSS px; CSS may scale it.

import { describeCanvas, prepareCanvas } from './canvas.js';
import { DEFAULT_LANGUAGE, createI18n } from '../../i18n/index.js';

/**
 * @param {HTMLCanvasElement} canvas
 * @param {{onChange?: (gray: Uint8Array, width: number, height: number) => void,
 *          lineWidth?: number, i18n?: ReturnType<createI18n>}} [options]
 *   onChange: the whole pad as (height, width) grayscale bytes, 255 = ink, at the canvas's
 *     backing size (CSS size times devicePixelRatio); at most once per animation frame, and once
 *     more when a stroke ends. lineWidth: stroke width in CSS px. i18n: the interface's language
 *     (the pad's text alternative and the keyboard pen's position follow it).
 * @returns {{clear(): void, isEmpty(): boolean, showDigit(pixels: Uint8Array): void}}
 *   clear() blanks the pad without calling onChange (whoever clears knows the pad is blank).
 */
export function createDrawPad(canvas, { onChange = () => {}, lineWidth, i18n = createI18n(DEFAULT_LANGUAGE) } = {}) {
  // willReadFrequently keeps the pixels in memory where getImageData is cheap; it only counts on
  // the first getContext call, hence before prepareCanvas asks for the same context.
  canvas.getContext('2d', { willReadFrequently: true });
  const { ctx, width, height } = prepareCanvas(canvas);
  canvas.style.touchAction = 'none';  // a finger draws instead of scrolling or zooming the page
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.lineWidth = lineWidth ?? Math.round(Math.min(width, height) * 0.07);
  ctx.strokeStyle = '#ffffff';
  ctx.fillStyle = '#ffffff';

  let empty = true;
  let pointerId = null;  // the pointer drawing now: a second finger is ignored
  let last = null;       // latest position
  let lastMid = null;    // where the drawn curve ends: midpoint of the last two positions
  let frame = 0;

  function blank() {
    ctx.save();
    ctx.fillStyle = '#000000';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
    empty = true;
    describe();
  }
  const describe = () => describeCanvas(canvas, 'draw-pad', i18n.t(empty ? 'pad.empty' : 'pad.drawn'));
  i18n.onChange(describe);

  // Client coordinates to the pad's CSS-px coordinates, however CSS has scaled the canvas.
  function position(event) {
    const rect = canvas.getBoundingClientRect();
    return {
      x: ((event.clientX - rect.left - canvas.clientLeft) * width) / (canvas.clientWidth || width),
      y: ((event.clientY - rect.top - canvas.clientTop) * height) / (canvas.clientHeight || height),
    };
  }

  function report() {
    frame = 0;
    const { data, width: w, height: h } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const gray = new Uint8Array(w * h);  // gray: (h, w); ink is white, so red alone is the value
    for (let i = 0; i < gray.length; ++i) gray[i] = data[4 * i];
    onChange(gray, w, h);
  }

  function scheduleReport() {
    if (!frame) frame = requestAnimationFrame(report);
  }

  function inked() {
    if (empty) {
      empty = false;
      describe();
    }
  }

  canvas.addEventListener('pointerdown', (event) => {
    if (pointerId !== null || event.button !== 0) return;
    event.preventDefault();  // no text selection or focus change while drawing
    pointerId = event.pointerId;
    canvas.setPointerCapture(pointerId);  // keep the stroke when the pointer leaves the pad
    last = lastMid = position(event);
    ctx.beginPath();  // a tap leaves a dot
    ctx.arc(last.x, last.y, ctx.lineWidth / 2, 0, 2 * Math.PI);
    ctx.fill();
    inked();
    scheduleReport();
  });

  canvas.addEventListener('pointermove', (event) => {
    if (event.pointerId !== pointerId) return;
    const events = event.getCoalescedEvents?.() ?? [];
    ctx.beginPath();
    ctx.moveTo(lastMid.x, lastMid.y);
    for (const e of events.length ? events : [event]) {
      const p = position(e);
      const mid = { x: (last.x + p.x) / 2, y: (last.y + p.y) / 2 };
      ctx.quadraticCurveTo(last.x, last.y, mid.x, mid.y);
      last = p;
      lastMid = mid;
    }
    ctx.stroke();
    scheduleReport();
  });

  function endStroke(event) {
    if (event.pointerId !== pointerId) return;
    ctx.beginPath();  // the curve stops at the last midpoint: finish at the last position
    ctx.moveTo(lastMid.x, lastMid.y);
    ctx.lineTo(last.x, last.y);
    ctx.stroke();
    pointerId = null;
    scheduleReport();
  }
  canvas.addEventListener('pointerup', endStroke);
  canvas.addEventListener('pointercancel', endStroke);
  canvas.addEventListener('lostpointercapture', endStroke);

  const keyboardPen = createKeyboardPen(canvas, {
    size: { width, height },
    i18n,
    dot(p) {
      ctx.beginPath();
      ctx.arc(p.x, p.y, ctx.lineWidth / 2, 0, 2 * Math.PI);
      ctx.fill();
      inked();
      scheduleReport();
    },
    line(from, to) {
      ctx.beginPath();
      ctx.moveTo(from.x, from.y);
      ctx.lineTo(to.x, to.y);
      ctx.stroke();
      scheduleReport();
    },
  });

  blank();
  return {
    clear() {
      cancelAnimationFrame(frame);
      frame = 0;
      blank();
      keyboardPen.lift();
    },
    isEmpty: () => empty,
    /** Puts a 28x28 digit (bytes, white ink on black, as MNIST) on the pad, as if drawn there. */
    showDigit(pixels) {
      const small = new OffscreenCanvas(28, 28);
      const image = new ImageData(28, 28);
      for (let i = 0; i < 784; i++) image.data.set([pixels[i], pixels[i], pixels[i], 255], i * 4);
      small.getContext('2d').putImageData(image, 0, 0);
      blank();
      ctx.save();
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(small, 0, 0, width, height);
      ctx.restore();
      inked();
      scheduleReport();
    },
  };
}

const KEY_MOVES = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };

/**
 * The pen for keyboard drawing: its position in the pad's CSS px, shown as a ring over the
 * canvas (an element beside it, so the ink stays clean), and the keys that move and lower it.
 */
function createKeyboardPen(canvas, { size, i18n, dot, line }) {
  const step = size.width / 14;  // two MNIST pixels once the digit is scaled to 28x28
  let at = { x: size.width / 2, y: size.height / 2 };
  let down = false;
  const ring = document.createElement('span');
  ring.className = 'pad-pen';
  ring.hidden = true;
  ring.setAttribute('aria-hidden', 'true');
  const status = document.createElement('span');  // read out as the pen moves (keys only)
  status.className = 'visually-hidden';
  status.setAttribute('role', 'status');
  canvas.after(ring, status);
  canvas.tabIndex = 0;

  function show() {
    const scale = (canvas.clientWidth || size.width) / size.width;
    ring.hidden = false;
    ring.dataset.down = String(down);
    ring.style.left = `${canvas.offsetLeft + at.x * scale}px`;
    ring.style.top = `${canvas.offsetTop + at.y * scale}px`;
    const column = Math.round((at.x / size.width) * 28);
    const row = Math.round((at.y / size.height) * 28);
    status.textContent = i18n.t(down ? 'pad.penDown' : 'pad.penUp', { column, row });
  }

  canvas.addEventListener('focus', () => {
    ring.hidden = false;
    ring.dataset.down = String(down);
    show();
  });
  canvas.addEventListener('blur', () => { ring.hidden = true; });
  canvas.addEventListener('keydown', (event) => {
    const move = KEY_MOVES[event.key];
    if (event.key === ' ') {
      down = !down;
      if (down) dot(at);
    } else if (move) {
      const d = event.shiftKey ? step / 4 : step;
      const next = {
        x: Math.min(size.width, Math.max(0, at.x + move[0] * d)),
        y: Math.min(size.height, Math.max(0, at.y + move[1] * d)),
      };
      if (down) line(at, next);
      at = next;
    } else {
      return;
    }
    event.preventDefault();  // no page scrolling while drawing
    show();
  });
  return {
    lift() {
      down = false;
      if (!ring.hidden) show();
    },
  };
}
