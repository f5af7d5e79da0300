// One neuron's part in one training step, told top to bottom with the engine's own numbers
// (a `unit-explanation` message): forward (x, w, z = w·x + b, a = σ(z), the loss), backward
// (∂L/∂a, ∂L/∂z, ∂L/∂w for this example and for the batch) and the optimizer's update of one
// chosen weight with every intermediate value. Each line is a formula, then the numbers in it.
// Every number is a <data> element holding the full value (dom.js num), named by data-testid.
import { h, num } from './dom.js';
import { activationOf, dot, updateOf } from './explain-math.js';
import { argMaxAbs, formatNumber as fmt } from './numbers.js';
import { drawVector } from './vector-view.js';

/**
 * Builds the story into `container` (replacing what was there).
 * @param {HTMLElement} container
 * @param {object} ex               the unit-explanation message
 * @param {object} context
 * @param {(key: string, params?: object) => string} context.t
 * @param {number} context.weightIndex       the weight followed in the update
 * @param {(index: number|null) => void} context.onWeightChoice  null: the one that moved most
 * @param {boolean} context.crossEntropy      the loss is cross-entropy (softmax's ∂L/∂z = (p − y)/B)
 * @param {number} context.batchSize         B: L is the batch's mean loss
 * @param {(label: number) => string} context.className  a label's class name (the formulas keep the index)
 * @returns {{repaint(): void}}
 */
export function renderStory(container, ex, { t, weightIndex, onWeightChoice, crossEntropy, batchSize, className }) {
  const painters = [];
  const shape = ex.inputShape;

  /** A figure: a canvas drawn by drawVector (again on repaint), with its caption. */
  function figure(testid, values, palette, caption, label, { pick = false } = {}) {
    const canvas = h('canvas', { 'data-testid': testid, width: 120, height: 120 });
    let view = null;
    const paint = () => { view = drawVector(canvas, values, shape, { palette, label, highlight: pick ? weightIndex : -1, maxWidth: 180 }); };
    painters.push(paint);
    if (pick) {
      canvas.classList.add('pickable');
      canvas.addEventListener('click', (event) => {
        const index = view?.hitIndex(event.offsetX, event.offsetY) ?? -1;
        if (index >= 0) onWeightChoice(index);
      });
    }
    return h('figure', { class: 'vector-figure' }, canvas, h('figcaption', {}, caption));
  }

  /** A line of the story: what it is, the formula, then the numbers. */
  function line(testid, title, formula, ...numbers) {
    return h('li', { class: 'story-line', 'data-testid': testid },
      h('span', { class: 'story-title' }, title),
      formula ? h('code', { class: 'formula' }, formula) : null,
      numbers.length ? h('span', { class: 'numbers' }, ...numbers) : null);
  }

  const conv = ex.kind === 'conv';  // one filter at one output position; its gradients sum over all positions
  const activation = activationOf(ex.activation);
  const wx = dot(ex.w, ex.x);
  const where = describeInput(t, shape, weightIndex);

  // ---------------------------------------------------------------- forward
  const forward = h('ol', { class: 'story' },
    h('li', { class: 'story-figures' },
      figure('explain-x-image', ex.x, 'gray', conv
        ? t('teach.explain.xCaptionConv', { channels: shape[0], height: shape[1], width: shape[2], row: ex.position[0], column: ex.position[1] })
        : t('teach.explain.xCaption', { count: ex.x.length }),
        t('teach.explain.xLabel', { count: ex.x.length, example: ex.example + 1, label: className(ex.label) })),
      figure('explain-w-image', ex.w, 'diverging', t('teach.explain.wCaption', { unit: ex.unit }),
        t('teach.explain.wLabel', { unit: ex.unit, count: ex.w.length }), { pick: true })),
    termsTable(t, ex, shape),
    line('explain-z', t('teach.explain.zTitle'), 'z = Σᵢ wᵢ·xᵢ + b = w·x + b',
      '= ', num(wx, 'explain-wx'), ' + ', num(ex.b, 'explain-b'), ' = ', num(ex.z, 'explain-z-value')),
    line('explain-a', t('teach.explain.aTitle', { name: t(`teach.act.${activation.key}.name`) }),
      t(`teach.act.${activation.key}.formula`),
      '= ', num(ex.a, 'explain-a-value')),
    lossLine(t, ex, crossEntropy, line, className),
  );

  // ---------------------------------------------------------------- backward
  const softmaxShortcut = activation.slope === null && crossEntropy;
  const slope = activation.slope ? activation.slope(ex.z, ex.a) : null;
  const backward = h('ol', { class: 'story' },
    softmaxShortcut ? null : line('explain-dLda', t('teach.explain.dLdaTitle'), '∂L/∂a', '= ', num(ex.dLda, 'explain-dLda-value')),
    softmaxShortcut
      ? line('explain-dLdz', t('teach.explain.dLdzSoftmaxTitle'), '∂L/∂z = (p − y) / B',
        '= (', num(ex.probabilities[ex.unit], 'explain-p'), ' − ', num(ex.unit === ex.label ? 1 : 0, 'explain-y'),
        ') / ', num(batchSize, 'explain-batch-size'), ' = ', num(ex.dLdz, 'explain-dLdz-value'))
      : line('explain-dLdz', t('teach.explain.dLdzTitle', { slope: t(`teach.act.${activation.key}.slope`) }),
        "∂L/∂z = ∂L/∂a · σ'(z)",
        ...(slope === null ? [] : ['= ', num(ex.dLda), ' × ', num(slope, 'explain-slope'), ' ']),
        '= ', num(ex.dLdz, 'explain-dLdz-value')),
    h('li', { class: 'story-figures' },
      figure('explain-dLdw-image', ex.dLdw, 'diverging', t(conv ? 'teach.explain.dLdwCaptionConv' : 'teach.explain.dLdwCaption'), t('teach.explain.dLdwLabel')),
      figure('explain-batch-grad-image', ex.batchGradW, 'diverging',
        t('teach.explain.batchGradCaption'), t('teach.explain.batchGradLabel'))),
    line('explain-dLdb', t(conv ? 'teach.explain.dLdbTitleConv' : 'teach.explain.dLdbTitle'), conv ? '∂L/∂b = Σₚ ∂L/∂zₚ' : '∂L/∂b = ∂L/∂z',
      '= ', num(ex.dLdb, 'explain-dLdb-value'), ' · ', t('teach.explain.batchMean'), ' ', num(ex.batchGradB, 'explain-batch-grad-b')),
  );

  // ---------------------------------------------------------------- update
  const update = updateLines(t, ex, weightIndex, line);
  const picker = h('div', { class: 'inline-controls weight-picker' },
    h('label', { for: 'explain-weight-index' }, t('teach.explain.weightIndex')),
    h('input', {
      id: 'explain-weight-index', type: 'number', min: 0, max: ex.w.length - 1, step: 1, value: weightIndex,
      inputmode: 'numeric', 'aria-describedby': 'explain-weight-where',
      on: { change: (event) => onWeightChoice(clampIndex(event.target.value, ex.w.length)) },
    }),
    h('button', { type: 'button', class: 'secondary', 'aria-pressed': String(weightIndex === argMaxAbs(ex.deltaW)), on: { click: () => onWeightChoice(null) } },
      t('teach.explain.largestDelta')),
    h('span', { id: 'explain-weight-where', class: 'hint' }, where));

  container.replaceChildren(
    h('h4', {}, t('teach.explain.forward')), forward,
    h('h4', {}, t('teach.explain.backward')), backward,
    h('h4', {}, t('teach.explain.update', { optimizer: t(`teach.opt.${ex.optimizer.kind}`) })),
    h('p', { class: 'hint' }, t('teach.explain.updateHint')),
    picker, update,
    h('div', { class: 'story-figures' },
      figure('explain-delta-image', ex.deltaW, 'diverging', t('teach.explain.deltaCaption'), t('teach.explain.deltaLabel'), { pick: true })));
  const repaint = () => painters.forEach((paint) => paint());
  repaint();
  return { repaint };
}

/** The inputs that are not zero, with their weights and products: the numbers behind z. */
function termsTable(t, ex, shape) {
  const rows = [];
  for (let i = 0; i < ex.x.length; i++) {
    if (ex.x[i] === 0) continue;
    rows.push(h('tr', { 'data-index': i },
      h('th', { scope: 'row' }, describeInput(t, shape, i)),
      h('td', {}, h('data', { value: String(ex.x[i]), 'data-role': 'x' }, fmt(ex.x[i]))),
      h('td', {}, h('data', { value: String(ex.w[i]), 'data-role': 'w' }, fmt(ex.w[i]))),
      h('td', {}, fmt(ex.w[i] * ex.x[i]))));
  }
  return h('li', { class: 'story-terms' }, h('details', {},
    h('summary', {}, t('teach.explain.terms', { count: rows.length, total: ex.x.length })),
    h('div', { class: 'data-table' }, h('table', { 'data-testid': 'explain-terms' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('teach.explain.termInput')),
        h('th', { scope: 'col' }, 'xᵢ'), h('th', { scope: 'col' }, 'wᵢ'), h('th', { scope: 'col' }, 'wᵢ·xᵢ'))),
      h('tbody', {}, rows)))));
}

function lossLine(t, ex, crossEntropy, line, className) {
  if (!crossEntropy) return line('explain-loss', t('teach.explain.lossTitle'), 'L', '= ', num(ex.loss, 'explain-loss-value'));
  const p = ex.probabilities[ex.label];
  return line('explain-loss', t('teach.explain.lossCeTitle', { label: className(ex.label), index: ex.label }), `L = −log p${subscript(ex.label)}`,
    '= −log(', num(p, 'explain-p-label'), ') = ', num(ex.loss, 'explain-loss-value'));
}

/** The optimizer's update of weight i, one formula per line. */
function updateLines(t, ex, i, line) {
  const o = ex.optimizer;
  const u = updateOf(o, {
    w: ex.w[i], g: ex.batchGradW[i],
    mBefore: ex.mBefore?.[i], mAfter: ex.mAfter?.[i], vBefore: ex.vBefore?.[i], vAfter: ex.vAfter?.[i],
  });
  const lines = [
    line('explain-update-w', t('teach.explain.wBefore'), `w${subscript(i)}`, '= ', num(ex.w[i], 'explain-update-w-value')),
    u.lambda > 0
      ? line('explain-update-g', t('teach.explain.gDecay'), 'g = ∂L/∂w + λ·w',
        '= ', num(u.lossGradient), ' + ', num(u.lambda, 'explain-update-lambda'), ' × ', num(ex.w[i]), ' = ', num(ex.batchGradW[i], 'explain-update-g-value'))
      : line('explain-update-g', t('teach.explain.g'), 'g = ∂L/∂w', '= ', num(ex.batchGradW[i], 'explain-update-g-value')),
  ];
  const eta = num(o.learningRate, 'explain-update-lr');
  if (o.kind === 'adam') {
    lines.push(
      line('explain-update-m', t('teach.explain.adamM'), 'm ← β₁·m + (1 − β₁)·g',
        '= ', num(o.beta1, 'explain-update-beta1'), ' × ', num(ex.mBefore[i], 'explain-update-m-before'), ' + ', num(1 - o.beta1), ' × ', num(ex.batchGradW[i]),
        ' = ', num(ex.mAfter[i], 'explain-update-m-value')),
      line('explain-update-v', t('teach.explain.adamV'), 'v ← β₂·v + (1 − β₂)·g²',
        '= ', num(o.beta2, 'explain-update-beta2'), ' × ', num(ex.vBefore[i], 'explain-update-v-before'), ' + ', num(1 - o.beta2), ' × ', num(ex.batchGradW[i] ** 2),
        ' = ', num(ex.vAfter[i], 'explain-update-v-value')),
      line('explain-update-mhat', t('teach.explain.adamMhat', { t: o.step }), 'm̂ = m / (1 − β₁ᵗ)',
        '= ', num(ex.mAfter[i]), ' / ', num(u.c1, 'explain-update-c1'), ' = ', num(u.mHat, 'explain-update-mhat-value')),
      line('explain-update-vhat', t('teach.explain.adamVhat'), 'v̂ = v / (1 − β₂ᵗ)',
        '= ', num(ex.vAfter[i]), ' / ', num(u.c2, 'explain-update-c2'), ' = ', num(u.vHat, 'explain-update-vhat-value')),
      line('explain-update-delta', t('teach.explain.delta'), 'Δw = −η · m̂ / (√v̂ + ε)',
        '= −', eta, ' × ', num(u.mHat), ' / (', num(u.root), ' + ', num(o.epsilon, 'explain-update-eps'), ') = ',
        num(ex.deltaW[i], 'explain-update-delta-value')));
  } else if (o.kind === 'momentum' || o.kind === 'nesterov') {
    lines.push(
      line('explain-update-velocity', t('teach.explain.velocity'), 'v ← μ·v + g',
        '= ', num(o.momentum, 'explain-update-mu'), ' × ', num(ex.mBefore[i], 'explain-update-velocity-before'), ' + ', num(ex.batchGradW[i]),
        ' = ', num(ex.mAfter[i], 'explain-update-velocity-value')),
      o.kind === 'momentum'
        ? line('explain-update-delta', t('teach.explain.delta'), 'Δw = −η · v',
          '= −', eta, ' × ', num(ex.mAfter[i]), ' = ', num(ex.deltaW[i], 'explain-update-delta-value'))
        : line('explain-update-delta', t('teach.explain.deltaNesterov'), 'Δw = −η · (g + μ·v)',
          '= −', eta, ' × (', num(ex.batchGradW[i]), ' + ', num(o.momentum), ' × ', num(ex.mAfter[i]), ') = ',
          num(ex.deltaW[i], 'explain-update-delta-value')));
  } else {
    lines.push(line('explain-update-delta', t('teach.explain.delta'), 'Δw = −η · g',
      '= −', eta, ' × ', num(ex.batchGradW[i]), ' = ', num(ex.deltaW[i], 'explain-update-delta-value')));
  }
  lines.push(
    line('explain-update-formula-check', t('teach.explain.formulaCheck'), '', num(u.delta, 'explain-update-delta-formula')),
    line('explain-update-after', t('teach.explain.wAfter'), 'w ← w + Δw',
      '= ', num(ex.w[i]), ' + ', num(ex.deltaW[i]), ' = ', num(ex.wAfter[i], 'explain-update-w-after')),
    line('explain-update-bias', t('teach.explain.bias'), 'b ← b + Δb',
      '= ', num(ex.b), ' + ', num(ex.deltaB ?? ex.bAfter - ex.b), ' = ', num(ex.bAfter, 'explain-update-b-after')));
  return h('ol', { class: 'story' }, lines);
}

/** Where input i sits: a pixel (row, column) of an image, of a channel of a patch, or an index. */
function describeInput(t, [channels, height, width], i) {
  if (height * width <= 1) return t('teach.explain.inputIndex', { index: i });
  const c = Math.floor(i / (height * width));
  const row = Math.floor((i % (height * width)) / width);
  const column = i % width;
  return channels > 1
    ? t('teach.explain.inputChannelPixel', { index: i, channel: c, row, column })
    : t('teach.explain.inputPixel', { index: i, row, column });
}

function clampIndex(value, length) {
  const i = Math.round(Number(value));
  return Number.isFinite(i) ? Math.max(0, Math.min(length - 1, i)) : null;
}

function subscript(n) {
  return String(n).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[d]);
}
