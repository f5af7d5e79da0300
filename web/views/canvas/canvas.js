// What every view in web/views/canvas/ shares: a crisp canvas on high-DPI screens, colours from CSS custom
// properties (web/views/styles.js defines them), a text alternative for screen readers, and the
// mapping from a pointer position to the view's own coordinates.
//
// A view is sized in CSS pixels ("logical" pixels): by default the canvas's width/height
// attributes as first seen, or a size the view computes from its data. Its backing store is that
// size times devicePixelRatio, so lines and text stay sharp; the context is scaled so drawing code
// works in logical pixels and never thinks about the ratio.

const naturalSizes = new WeakMap();  // canvas -> {width, height}: its width/height attributes as first seen
const logicalSizes = new WeakMap();  // canvas -> {width, height} in CSS pixels, as last drawn

/**
 * Readies `canvas` for a full redraw and returns its 2D context scaled to logical pixels.
 * Without a size from the view, the canvas is drawn at its natural size, or narrower (same aspect
 * ratio) when its container is narrower: drawn at the width it is shown at, its text keeps the
 * size the view chose instead of being scaled down by CSS.
 * @param {HTMLCanvasElement} canvas
 * @param {number} [width]   logical width; default: the natural size, fitted to the container
 * @param {number} [height]  logical height; default likewise
 * @returns {{ctx: CanvasRenderingContext2D, width: number, height: number}}
 */
export function prepareCanvas(canvas, width, height) {
  if (!naturalSizes.has(canvas)) naturalSizes.set(canvas, { width: canvas.width, height: canvas.height });
  const natural = naturalSizes.get(canvas);
  const available = canvas.parentElement?.clientWidth || natural.width;
  const fit = width === undefined && available < natural.width ? available / natural.width : 1;
  const size = {
    width: width ?? Math.round(natural.width * fit),
    height: height ?? Math.round(natural.height * fit),
  };
  logicalSizes.set(canvas, size);
  const ratio = globalThis.devicePixelRatio || 1;
  const backingWidth = Math.round(size.width * ratio);
  const backingHeight = Math.round(size.height * ratio);
  // Assigning width/height clears the canvas even when unchanged, which a full redraw wants.
  canvas.width = backingWidth;
  canvas.height = backingHeight;
  // Without a CSS width the canvas would show at its (ratio times larger) backing size. Height is
  // left to the aspect ratio, so CSS may shrink the view (max-width: 100%) without distorting it.
  if (!canvas.style.width || canvas.dataset.viewSized === 'auto') {
    canvas.style.width = `${size.width}px`;
    canvas.dataset.viewSized = 'auto';
  }
  const ctx = canvas.getContext('2d');
  ctx.setTransform(backingWidth / size.width, 0, 0, backingHeight / size.height, 0, 0);
  return { ctx, width: size.width, height: size.height };
}

/**
 * Converts a position in CSS pixels relative to the canvas's top-left corner (a pointer event's
 * offsetX/offsetY) to the view's logical pixels, which differ when CSS scales the canvas.
 * @returns {{x: number, y: number}}
 */
export function toLogical(canvas, offsetX, offsetY) {
  const size = logicalSizes.get(canvas) ?? { width: canvas.width, height: canvas.height };
  const shownWidth = canvas.clientWidth || size.width;
  const shownHeight = canvas.clientHeight || size.height;
  return { x: (offsetX * size.width) / shownWidth, y: (offsetY * size.height) / shownHeight };
}

/**
 * The view's colours and font, read from CSS custom properties on the canvas (so a page theme or
 * dark mode reaches the pixels), with fallbacks for a page without those styles.
 */
export function viewTheme(canvas) {
  const style = getComputedStyle(canvas);
  const read = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
  return {
    background: read('--view-bg', '#ffffff'),
    text: read('--view-fg', '#1f2328'),
    muted: read('--view-muted', '#6e7781'),
    grid: read('--view-grid', '#d0d7de'),
    accent: read('--view-accent', '#0072b2'),    // Okabe-Ito blue
    accent2: read('--view-accent-2', '#e69f00'),  // Okabe-Ito orange
    accent3: read('--view-accent-3', '#009e73'),  // Okabe-Ito bluish green
    wrong: read('--view-wrong', '#d55e00'),       // Okabe-Ito vermillion
    font: read('--view-font', 'system-ui, -apple-system, "Segoe UI", sans-serif'),
  };
}

/**
 * Gives the canvas its text alternative: role="img" and an aria-label saying what is drawn.
 * `view` names the view in data-view, a hook for CSS and tests.
 */
export function describeCanvas(canvas, view, label) {
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', label);
  canvas.dataset.view = view;
}

/**
 * Blanks a view: nothing drawn (transparent) at `width` x `height` logical pixels, and a text
 * alternative saying so, e.g. when what it showed belonged to a model that is gone.
 */
export function clearCanvas(canvas, label, width, height) {
  prepareCanvas(canvas, width, height);
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', label);
}

let colorProbe = null;  // a 1x1 context: assigning fillStyle normalises any CSS colour

/**
 * Any CSS colour (a name, #hex, rgb(...)) as [r, g, b] 0..255, for views that mix colours.
 * @param {string} color
 * @returns {number[]}
 */
export function toRgb(color) {
  colorProbe ??= document.createElement('canvas').getContext('2d');
  colorProbe.fillStyle = '#000000';
  colorProbe.fillStyle = color;  // an invalid colour leaves black
  const normal = colorProbe.fillStyle;  // "#rrggbb", or "rgba(r, g, b, a)" when translucent
  if (normal.startsWith('#')) return [1, 3, 5].map((i) => parseInt(normal.slice(i, i + 2), 16));
  return normal.match(/[\d.]+/g).slice(0, 3).map(Number);
}

/** The colour a fraction t in [0, 1] of the way from rgb `from` to rgb `to`, as [r, g, b]. */
export function mixRgb(from, to, t) {
  return from.map((c, i) => Math.round(c + (to[i] - c) * t));
}

/**
 * Black or white, whichever reads better on an sRGB background given as [r, g, b] 0..255
 * (relative luminance, WCAG's formula).
 */
export function textColorOn([r, g, b]) {
  const linear = (c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  return luminance > 0.179 ? '#000000' : '#ffffff';
}

/** Height of a band caption in the banded views (conv filters, feature maps). */
export const BAND_LABEL_HEIGHT = 22;

/**
 * Readies a banded view (one captioned row of small pixel images per layer): sizes the canvas,
 * fills the background and turns smoothing off so scaled-up pixels stay square.
 * @returns {{ctx: CanvasRenderingContext2D, theme: ReturnType<typeof viewTheme>}}
 */
export function prepareBands(canvas, width, height) {
  const { ctx } = prepareCanvas(canvas, width, height);
  const theme = viewTheme(canvas);
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, width, height);
  ctx.imageSmoothingEnabled = false;
  return { ctx, theme };
}

/** Writes a band's caption at `top`; returns the top of the band below it. */
export function drawBandLabel(ctx, theme, text, top, width) {
  ctx.fillStyle = theme.text;
  ctx.font = `600 13px ${theme.font}`;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  ctx.fillText(text, 0, top + BAND_LABEL_HEIGHT / 2, width);
  return top + BAND_LABEL_HEIGHT;
}
