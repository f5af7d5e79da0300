// The quick comparisons' configurations (web/views/teach/compare-plans.js): each keeps the seed
// and everything else, and changes only what the comparison is about.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planSettings, withDropout, withoutDropout, PLANS } from '../../web/views/teach/compare-plans.js';

const base = 'model=dense:32:relu,dense:10:softmax&loss=cross_entropy&opt=sgd&lr=0.1&batch=64&epochs=1&seed=7&limit=1000';
const read = (query) => Object.fromEntries(new URLSearchParams(query));

// The engine's readings (spec-parsed) of the specs these tests use: a stand-in for the worker.
const row = (kind, params = {}, activation = '') => ({ kind, params, activation });
const dense = (units, activation) => row('dense', { units }, activation);
const convNet = (...middle) => [row('conv', { filters: 8, kernel: [5, 5], stride: 1, padding: 'valid' }, 'relu'),
  row('maxpool', { size: 2, stride: 2 }), row('flatten'), ...middle, dense(10), row('activation', {}, 'softmax')];
const SPECS = {
  'dense:32:relu,dense:10:softmax': [dense(32, 'relu'), dense(10, 'softmax')],
  'dense:32:relu,dropout:0.5,dense:10:softmax': [dense(32, 'relu'), row('dropout', { rate: 0.5 }), dense(10, 'softmax')],
  'dense:64:relu,dropout:0.2,dense:10:softmax': [dense(64, 'relu'), row('dropout', { rate: 0.2 }), dense(10, 'softmax')],
  'dense:64:relu,dense:10:softmax': [dense(64, 'relu'), dense(10, 'softmax')],
  'dense:10:softmax': [dense(10, 'softmax')],
  'conv:8:5x5:relu,maxpool:2,flatten,dense:10,softmax': convNet(),
  'conv:8:5x5:relu,maxpool:2,flatten,dropout:0.5,dense:10,softmax': convNet(row('dropout', { rate: 0.5 })),
};
const rowsKey = (rows) => JSON.stringify(rows.map((r) => [r.kind, r.params, r.activation ?? '']));
async function readSpec({ text, rows }) {
  const found = rows ? Object.keys(SPECS).find((k) => rowsKey(SPECS[k]) === rowsKey(rows)) : (text in SPECS ? text : null);
  return found ? { error: '', text: found, input: '', rows: SPECS[found] } : { error: 'unknown to this test', text: text ?? '' };
}

test('optimizers: SGD, momentum and Adam, each at a rate that suits it, same seed', async () => {
  const runs = (await planSettings('optimizers', base, readSpec)).map(read);
  assert.deepEqual(runs.map((r) => [r.opt, r.lr]), [['sgd', '0.1'], ['momentum', '0.01'], ['adam', '0.001']]);
  for (const r of runs) assert.deepEqual({ ...r, opt: '', lr: '' }, { ...read(base), opt: '', lr: '' });
});

test('learning rates: a tenth, the rate, ten times it (at most the engine\'s 100)', async () => {
  const rates = async (query) => (await planSettings('learning-rates', query, readSpec)).map((q) => read(q).lr);
  assert.deepEqual(await rates(base), ['0.01', '0.1', '1']);
  assert.deepEqual(await rates(base.replace('lr=0.1', 'lr=30')), ['3', '30', '100']);
  assert.equal(read((await planSettings('learning-rates', base, readSpec))[0]).seed, '7');
});

test('regularization: plain, L2, dropout, on a small training set', async () => {
  const [plain, l2, dropout] = (await planSettings('regularization', base.replace('&limit=1000', ''), readSpec)).map(read);
  assert.equal(plain.limit, '1000');
  assert.equal(plain.l2, '0');
  assert.equal(l2.l2, '0.01');
  assert.equal(l2.model, 'dense:32:relu,dense:10:softmax');
  assert.equal(dropout.model, 'dense:32:relu,dropout:0.5,dense:10:softmax');
  const [small] = await planSettings('regularization', base.replace('limit=1000', 'limit=5000'), readSpec);
  assert.equal(read(small).limit, '5000');
});

test('dropout goes before the output layer, once', async () => {
  assert.equal(await withDropout('conv:8:5x5:relu,maxpool:2,flatten,dense:10,softmax', 0.5, readSpec),
    'conv:8:5x5:relu,maxpool:2,flatten,dropout:0.5,dense:10,softmax');
  assert.equal(await withDropout('dense:10:softmax', 0.5, readSpec), 'dense:10:softmax');
  assert.equal(await withoutDropout('dense:64:relu,dropout:0.2,dense:10:softmax', readSpec), 'dense:64:relu,dense:10:softmax');
  assert.equal(await withoutDropout('not a spec', readSpec), 'not a spec', 'a spec the engine cannot read: as it is');
  await assert.rejects(() => planSettings('nonsense', base, readSpec));
  assert.equal(PLANS.length, 3);
});
