// The quick comparisons: from the current settings (a query string), the 2-3 configurations a
// queue trains one after another. Every configuration keeps the seed, so the runs start from
// the same weights (same model) and see the images in the same order: what differs is only what
// the comparison is about. The model's layers are edited as the engine's rows (readSpec: the
// worker's parse-spec, see web/engine/protocol.js). No DOM here.

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
 * @param {(request: object) => Promise<object>} readSpec  the engine's reading of a spec
 * @returns {Promise<string[]>}
 */
export async function planSettings(plan, base, readSpec) {
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
      const plain = await withoutDropout(params.get('model') ?? '', readSpec);
      return [
        variant(base, { limit, l2: 0, model: plain }),
        variant(base, { limit, l2: L2, model: plain }),
        variant(base, { limit, l2: 0, model: await withDropout(plain, DROPOUT, readSpec) }),
      ];
    }
    default:
      throw new Error(`unknown comparison plan ${plan}`);
  }
}

/** `spec` with its rows changed by `edit` (rows -> rows, or null: no change), as the engine writes it. */
async function editRows(spec, readSpec, edit) {
  const { rows, input, error } = await readSpec({ text: spec });
  const next = error ? null : edit(rows);
  if (!next) return spec;
  const answer = await readSpec({ rows: next, input });
  return answer.error ? spec : answer.text;
}

/** The spec without its dropout layers (a spec the engine cannot read: as it is). */
export function withoutDropout(spec, readSpec) {
  return editRows(spec, readSpec, (rows) => rows.filter((r) => r.kind !== 'dropout'));
}

/** The spec with a dropout layer before its output (last dense) layer; without one: as it is. */
export function withDropout(spec, rate, readSpec) {
  return editRows(spec, readSpec, (rows) => {
    const output = rows.findLastIndex((r) => r.kind === 'dense');
    return output < 1 ? null : [...rows.slice(0, output), { kind: 'dropout', params: { rate } }, ...rows.slice(output)];
  });
}
