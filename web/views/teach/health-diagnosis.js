// Signs of the classic ways training fails, read from one `health` message (no DOM): each sign is
// a catalogue key (teach.health.sign.*) and its parameters.
//   symmetric   every weight of a layer has the same value (zero init): all its units compute the
//               same thing, get the same gradient, and stay the same
//   dead        more than half of a layer's ReLUs output 0 for every probe image: no gradient
//               passes them, so they stop learning
//   saturated   more than half of a layer's sigmoid/tanh units sit near their bounds, where the
//               slope is about 0
//   vanishing   the first layer's gradient norm is over 1000 times smaller than the last's
//   exploding   NaN or infinite values, or gradients or weights grown huge
export const LIMITS = Object.freeze({ deadPercent: 50, saturatedPercent: 50, vanishingRatio: 1e-3, hugeGradient: 1e3, hugeWeight: 1e3 });

/**
 * @param {{layers: object[]}} health
 * @returns {{key: string, params: object}[]}  empty: no sign of trouble
 */
export function diagnose({ layers }) {
  const signs = [];
  const number = (layer) => layer.index + 1;
  const finite = (h) => !h || (Number.isFinite(h.min) && Number.isFinite(h.max));
  const exploding = layers.find((l) => !finite(l.weights) || !finite(l.activations) || !finite(l.gradients)
    || (l.gradientNorm !== null && l.gradientNorm !== undefined && !(l.gradientNorm <= LIMITS.hugeGradient))
    || (l.weights && Math.max(Math.abs(l.weights.min), Math.abs(l.weights.max)) > LIMITS.hugeWeight));
  if (exploding) signs.push({ key: 'exploding', params: { layer: number(exploding) } });

  for (const l of layers) {
    if (l.weights && l.weights.min === l.weights.max) {
      signs.push({ key: 'symmetric', params: { layer: number(l), value: l.weights.min } });
    }
    if (l.deadPercent > LIMITS.deadPercent) signs.push({ key: 'dead', params: { layer: number(l), percent: l.deadPercent.toFixed(0) } });
    if (l.saturatedPercent > LIMITS.saturatedPercent) {
      signs.push({ key: 'saturated', params: { layer: number(l), percent: l.saturatedPercent.toFixed(0) } });
    }
  }

  const learning = layers.filter((l) => l.weights && Number.isFinite(l.gradientNorm));
  if (learning.length >= 2) {
    const first = learning[0];
    const last = learning[learning.length - 1];
    if (last.gradientNorm > 0 && first.gradientNorm < last.gradientNorm * LIMITS.vanishingRatio) {
      signs.push({ key: 'vanishing', params: { first: number(first), last: number(last), ratio: ratioText(last.gradientNorm / first.gradientNorm) } });
    }
  }
  return signs;
}

// "1,000×", "3×10⁵×"-like but plain: a power of ten reads well enough.
function ratioText(ratio) {
  if (!Number.isFinite(ratio)) return '∞';
  return ratio >= 1e4 ? `10^${Math.floor(Math.log10(ratio))}` : Math.round(ratio).toLocaleString('en-US');
}
