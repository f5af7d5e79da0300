// Fitting class names into the room a view has for them: a digit always fits, "Ankle boot" or a
// long folder name may not. Text that does not fit is cut and ends with '…' (never squeezed into
// an unreadable width); the full name stays in the view's text alternative.

const ELLIPSIS = '…';

/**
 * `text` as it fits in `width` px with the context's current font: whole, or cut to the longest
 * start that fits with '…' after it (at least one character, so something shows).
 * @param {CanvasRenderingContext2D} ctx  @param {string} text  @param {number} width
 */
export function fitText(ctx, text, width) {
  if (ctx.measureText(text).width <= width) return text;
  const chars = [...text];  // whole characters, not UTF-16 halves
  let keep = chars.length - 1;
  while (keep > 1 && ctx.measureText(chars.slice(0, keep).join('') + ELLIPSIS).width > width) keep -= 1;
  return chars.slice(0, keep).join('').trimEnd() + ELLIPSIS;
}

/**
 * The first of `choices` (fullest first) that fits in `width` px; else the last one, cut to fit.
 * @param {CanvasRenderingContext2D} ctx  @param {string[]} choices  @param {number} width
 */
export function firstThatFits(ctx, choices, width) {
  return choices.find((text) => ctx.measureText(text).width <= width) ?? fitText(ctx, choices.at(-1), width);
}

/** The widest of `texts` in px with the context's current font (0 for none). */
export function widestText(ctx, texts) {
  return Math.max(0, ...texts.map((text) => ctx.measureText(text).width));
}

/** The labels '0'..'n-1': what a view shows when it is given no class names (MNIST's digits). */
export function digitLabels(n) {
  return Array.from({ length: n }, (_, i) => String(i));
}
