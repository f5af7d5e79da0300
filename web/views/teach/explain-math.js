// The arithmetic the explain panel shows beside the engine's numbers: each activation's formula
// and slope, and each optimizer's update of one weight, with every intermediate value. The engine
// did the real computation (in float32); these repeat it in double precision from the numbers it
// reported, so the page shows how each result follows from the ones before it.

/**
 * Each activation's slope f'(z), from z and a = f(z) (its name, formula and the slope's formula
 * are in the catalogues: teach.act.<name>.*). Softmax's output depends on every unit, so its
 * slope is not one number: with cross-entropy the engine's ∂L/∂z is p − y directly.
 */
const SLOPES = {
  relu: (z) => (z > 0 ? 1 : 0),
  leaky_relu: (z) => (z > 0 ? 1 : 0.01),  // α = 0.01, the engine's default (core/layers/activation.h)
  sigmoid: (z, a) => a * (1 - a),
  tanh: (z, a) => 1 - a * a,
  linear: () => 1,
  softmax: null,
};

/** The activation's catalogue name ('' is linear: a = z) and its slope function (null: softmax). */
export function activationOf(name) {
  const key = name in SLOPES ? name : 'linear';
  return { key, slope: SLOPES[key] };
}

/** w·x in double precision: Σᵢ wᵢ xᵢ. */
export function dot(w, x) {
  let sum = 0;
  for (let i = 0; i < w.length; i++) sum += w[i] * x[i];
  return sum;
}

/**
 * One weight's update, step by step, from the engine's numbers for weight i.
 * @param {object} optimizer  {kind, learningRate, step, momentum, beta1, beta2, epsilon, weightDecay}
 * @param {{w: number, g: number, mBefore?: number, mAfter?: number, vBefore?: number, vAfter?: number}} weight
 *   g is the batch gradient the optimizer used (with λw when weight decay is on)
 * @returns {object} the intermediate values for the optimizer's kind and `delta`, the step the
 *   formula gives
 */
export function updateOf(optimizer, weight) {
  const eta = optimizer.learningRate;
  const lambda = optimizer.weightDecay ?? 0;
  const decay = lambda * weight.w;
  const common = { eta, lambda, decay, lossGradient: weight.g - decay };
  switch (optimizer.kind) {
    case 'momentum':
    case 'nesterov': {
      const mu = optimizer.momentum;
      const velocity = weight.mAfter;  // v ← μ v + g
      const delta = optimizer.kind === 'momentum' ? -eta * velocity : -eta * (weight.g + mu * velocity);
      return { ...common, mu, velocity, velocityBefore: weight.mBefore, delta };
    }
    case 'adam': {
      const { beta1, beta2, epsilon, step: t } = optimizer;
      const c1 = 1 - beta1 ** t;
      const c2 = 1 - beta2 ** t;
      const mHat = weight.mAfter / c1;
      const vHat = weight.vAfter / c2;
      const root = Math.sqrt(vHat);
      return { ...common, beta1, beta2, epsilon, t, c1, c2, mHat, vHat, root, delta: (-eta * mHat) / (root + epsilon) };
    }
    default:
      return { ...common, delta: -eta * weight.g };
  }
}
