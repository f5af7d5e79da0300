// The quick comparisons' configurations (web/views/teach/compare-plans.js): each keeps the seed
// and everything else, and changes only what the comparison is about.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planSettings, withDropout, withoutDropout, PLANS } from '../../web/views/teach/compare-plans.js';

const base = 'model=dense:32:relu,dense:10:softmax&loss=cross_entropy&opt=sgd&lr=0.1&batch=64&epochs=1&seed=7&limit=1000';
const read = (query) => Object.fromEntries(new URLSearchParams(query));

test('optimizers: SGD, momentum and Adam, each at a rate that suits it, same seed', () => {
  const runs = planSettings('optimizers', base).map(read);
  assert.deepEqual(runs.map((r) => [r.opt, r.lr]), [['sgd', '0.1'], ['momentum', '0.01'], ['adam', '0.001']]);
  for (const r of runs) assert.deepEqual({ ...r, opt: '', lr: '' }, { ...read(base), opt: '', lr: '' });
});

test('learning rates: a tenth, the rate, ten times it (at most the engine\'s 100)', () => {
  assert.deepEqual(planSettings('learning-rates', base).map((q) => read(q).lr), ['0.01', '0.1', '1']);
  assert.deepEqual(planSettings('learning-rates', base.replace('lr=0.1', 'lr=30')).map((q) => read(q).lr), ['3', '30', '100']);
  assert.equal(read(planSettings('learning-rates', base)[0]).seed, '7');
});

test('regularization: plain, L2, dropout, on a small training set', () => {
  const [plain, l2, dropout] = planSettings('regularization', base.replace('&limit=1000', '')).map(read);
  assert.equal(plain.limit, '1000');
  assert.equal(plain.l2, '0');
  assert.equal(l2.l2, '0.01');
  assert.equal(l2.model, 'dense:32:relu,dense:10:softmax');
  assert.equal(dropout.model, 'dense:32:relu,dropout:0.5,dense:10:softmax');
  assert.equal(read(planSettings('regularization', `${base.replace('limit=1000', 'limit=5000')}`)[0]).limit, '5000');
});

test('dropout goes before the output layer, once', () => {
  assert.equal(withDropout('conv:8:5x5:relu,maxpool:2,flatten,dense:10,softmax', 0.5),
    'conv:8:5x5:relu,maxpool:2,flatten,dropout:0.5,dense:10,softmax');
  assert.equal(withDropout('dense:10:softmax', 0.5), 'dense:10:softmax');
  assert.equal(withoutDropout('dense:64:relu,dropout:0.2,dense:10:softmax'), 'dense:64:relu,dense:10:softmax');
  assert.throws(() => planSettings('nonsense', base));
  assert.equal(PLANS.length, 3);
});
