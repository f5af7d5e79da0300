// The quick comparisons: from the current settings (a query string), the 2-3 configurations a
// queue trains one after another. Every configuration keeps the seed, so the runs start from
// the same weights (same model) and see the images in the same order: what differs is only what
// the comparison is about. No DOM here.
import { formatSpec, parseSpec } from '../../settings/model-spec.js';

/** Plan ids, in the order the panel offers them. */
export const PLANS = Object.freeze(['optimizers', 'learning-rates', 'regularization']);

// Learning rates that suit each optimizer on MNIST (momentum takes ~10x smaller steps than
// plain SGD for the same effect, with mu = 0.9; Adam scales its own steps).
const OPTIMIZERS = [['sgd', 0.1], ['momentum', 0.01], ['adam', 0.001]];
// Enough images to learn something, few enough that a model soon fits them by heart.
const OVERFIT_LIMIT = 1000;
// At λ = 0.001 the gap of a small MLP on 1,000 images hardly moves in 15 epochs; 0.01 narrows it.
const L2 = 0.01;
const DROPOUT = 0.5;

/** A readable query (':' and ',' unescaped, as the page writes its own links). */
const toQuery = (params) => params.toString().replace(/%3A/gi, ':').replace(/%2C/gi, ',');
const roundRate = (x) => Number(x.toPrecision(3));

function variant(base, changes) {
  const params = new URLSearchParams(base);
  for (const [key, value] of Object.entries(changes)) params.set(key, String(value));
  return toQuery(params);
}

/**
 * The settings a plan trains, in order.
 * @param {'optimizers'|'learning-rates'|'regularization'} plan
 * @param {string} base  the current settings (query string)
 * @returns {string[]}
 */
export function planSettings(plan, base) {
  const params = new URLSearchParams(base);
  switch (plan) {
    case 'optimizers':
      return OPTIMIZERS.map(([opt, lr]) => variant(base, { opt, lr }));
    case 'learning-rates': {
      // A tenth of the current rate, the rate, ten times it: too slow, about right, too fast.
      const lr = Number(params.get('lr')) || 0.01;
      return [lr / 10, lr, Math.min(100, lr * 10)].map((rate) => variant(base, { lr: roundRate(rate) }));
    }
    case 'regularization': {
      // The same small training set three ways: plain, with L2 weight decay, with dropout.
      const limit = Number(params.get('limit')) || OVERFIT_LIMIT;
      const plain = withoutDropout(params.get('model') ?? '');
      return [
        variant(base, { limit, l2: 0, model: plain }),
        variant(base, { limit, l2: L2, model: plain }),
        variant(base, { limit, l2: 0, model: withDropout(plain, DROPOUT) }),
      ];
    }
    default:
      throw new Error(`unknown comparison plan ${plan}`);
  }
}

/** The spec without its dropout layers (text the grammar does not know: as it is). */
export function withoutDropout(spec) {
  const { layers, input, error } = parseSpec(spec);
  return error ? spec : formatSpec(layers.filter((l) => l.type !== 'dropout'), input);
}

/** The spec with a dropout layer before its output (last dense) layer; without one: as it is. */
export function withDropout(spec, rate) {
  const { layers, input, error } = parseSpec(spec);
  const output = layers.findLastIndex((l) => l.type === 'dense');
  if (error || output < 1) return spec;
  return formatSpec([...layers.slice(0, output), { type: 'dropout', rate }, ...layers.slice(output)], input);
}
