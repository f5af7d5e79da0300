// The comparison's kept runs: final figures from a run's record, the overfitting gap, the labels
// that tell runs apart and the colour slots (web/views/teach/compare-runs.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keptRun, runLabels, smoothCurve, gapGrows, freeSlot, withRun, METRICS, MAX_CURVE_POINTS }
  from '../../web/views/teach/compare-runs.js';
import { rememberSpec } from '../../web/settings/spec-answers.js';

const epoch = (n, samplesSeen, trainAcc, valAcc, extra = {}) =>
  ({ epoch: n, samplesSeen, trainLoss: 1 / n, trainAcc, valAcc, valLoss: 0.5, seconds: 2, samples: 1000, ...extra });

function record({ batches = [[500, 1.2, 0.6], [1000, 0.8, 0.75]], epochs = [epoch(1, 1000, 0.8, 0.78)], test = { accuracy: 0.79, loss: 0.7 } } = {}) {
  return { batches, epochs, test };
}

test('a finished run keeps its last epoch, its test accuracy and its engine time', () => {
  const run = keptRun(record(), { id: 1, slot: 0, settings: 'opt=sgd&lr=0.1' });
  assert.equal(run.final.trainLoss, 1);
  assert.equal(run.final.trainAcc, 0.8);
  assert.equal(run.final.valAcc, 0.78);
  assert.equal(run.final.testAcc, 0.79);
  assert.equal(run.final.epochs, 1);
  assert.equal(run.final.seconds, 2);
  assert.equal(run.final.samplesPerSec, 500);
  assert.equal(run.final.samplesSeen, 1000);
  assert.ok(Math.abs(run.final.gap - 0.02) < 1e-12);
  assert.equal(run.final.gapGrowing, false);
});

test('a run stopped mid-epoch reports its running values, and its speed from the last report', () => {
  const run = keptRun(record({ epochs: [], test: null }), { id: 2, slot: 1, settings: '', outcome: 'stopped', samplesPerSec: 250 });
  assert.equal(run.outcome, 'stopped');
  assert.equal(run.final.trainLoss, run.curve.at(-1)[1]);
  assert.equal(run.final.valAcc, null);
  assert.equal(run.final.testAcc, null);
  assert.equal(run.final.seconds, 4);  // 1,000 images at 250/s
  assert.equal(run.final.gap, null);
});

test('the running curve is smoothed like the training chart and thinned, ending at the last report', () => {
  const batches = Array.from({ length: 1000 }, (_, i) => [(i + 1) * 64, 2 - i / 1000, i / 1000]);
  const curve = smoothCurve(batches);
  assert.ok(curve.length <= MAX_CURVE_POINTS);
  assert.equal(curve.at(-1)[0], 64000);
  assert.equal(curve[0][1] > curve.at(-1)[1], true);
  assert.deepEqual(smoothCurve([[10, 1, 0.5]]), [[10, 1, 0.5]]);
});

test('the gap grows when validation falls further behind training', () => {
  assert.equal(gapGrows([epoch(1, 1, 0.8, 0.79), epoch(2, 2, 0.9, 0.85), epoch(3, 3, 0.97, 0.86)]), true);
  assert.equal(gapGrows([epoch(1, 1, 0.8, 0.79), epoch(2, 2, 0.85, 0.845)]), false);
  assert.equal(gapGrows([epoch(1, 1, 0.99, 0.5)]), false);  // one epoch: no trend yet
  assert.equal(gapGrows([epoch(1, 1, 0.5, 0.8), epoch(2, 2, 0.8, 0.85)]), false);  // validation still ahead
});

test('labels name the settings that differ, else optimizer and learning rate; names win', () => {
  const runs = [
    { id: 1, name: '', settings: 'model=dense:32:relu,dense:10:softmax&opt=sgd&lr=0.1&seed=1' },
    { id: 2, name: '', settings: 'model=dense:32:relu,dense:10:softmax&opt=adam&lr=0.001&seed=1' },
    { id: 3, name: 'mine', settings: 'model=dense:32:relu,dense:10:softmax&opt=adam&lr=0.001&seed=1' },
  ];
  const labels = runLabels(runs);
  assert.equal(labels.get(1), 'opt=sgd lr=0.1');
  assert.equal(labels.get(2), 'opt=adam lr=0.001');
  assert.equal(labels.get(3), 'mine');
  assert.equal(runLabels([runs[0]]).get(1), 'opt=sgd lr=0.1');
  const same = runLabels([runs[1], { ...runs[1], id: 9 }]);
  assert.equal(same.get(2), 'opt=adam lr=0.001 (1)');
  assert.equal(same.get(9), 'opt=adam lr=0.001 (2)');
  // The engine's descriptions of the two models (spec-parsed answers the page keeps).
  rememberSpec('dense:32:relu,dense:10:softmax', { error: '', text: 'dense:32:relu,dense:10:softmax', description: '784-32-10' });
  rememberSpec('dense:32:relu,dropout:0.5,dense:10:softmax',
    { error: '', text: 'dense:32:relu,dropout:0.5,dense:10:softmax', description: 'dense 32 → dropout 0.5 → dense 10' });
  const models = runLabels([runs[0], { id: 4, name: '', settings: 'model=dense:32:relu,dropout:0.5,dense:10:softmax&opt=sgd&lr=0.1&seed=1' }]);
  assert.equal(models.get(1), 'model=784-32-10');
  assert.equal(models.get(4), 'model=dense 32 → dropout 0.5 → dense 10');
});

test('colour slots: the lowest free one; at most 8 runs, the oldest dropped', () => {
  assert.equal(freeSlot([{ slot: 0 }, { slot: 2 }]), 1);
  let runs = [];
  for (let id = 1; id <= 10; id++) runs = withRun(runs, { id, slot: freeSlot(runs) });
  assert.deepEqual(runs.map((r) => r.id), [3, 4, 5, 6, 7, 8, 9, 10]);
  assert.equal(new Set(runs.map((r) => r.slot)).size, 8);
});

test('metrics: batch curves by samples seen, validation and gap once per epoch', () => {
  const run = keptRun(record({ epochs: [epoch(1, 1000, 0.8, 0.78), epoch(2, 2000, 0.9, 0.8)] }), { id: 1, slot: 0, settings: '' });
  assert.deepEqual(METRICS['val-accuracy'].points(run), [{ x: 1000, y: 0.78 }, { x: 2000, y: 0.8 }]);
  assert.equal(METRICS.gap.points(run).length, 2);
  assert.equal(METRICS['train-loss'].points(run).at(-1).x, 1000);
  assert.equal(METRICS['train-loss'].perEpoch, false);
});
