// The runs the comparison keeps, as plain data (no DOM, no worker): what a finished run's record
// (web/app/run-record.js) becomes when it is kept, the labels that tell kept runs apart, and the
// overfitting gap. web/app/comparison.js keeps the list; the compare-* views draw it.
//
// A kept run:
//   {id, slot, name, settings, outcome: 'finished'|'stopped'|'diverged',
//    curve: [[samplesSeen, loss, accuracy], ...]   running values (as the training chart shows
//                                                  them), at most MAX_CURVE_POINTS
//    epochs: [{epoch, samplesSeen, trainLoss, trainAcc, valAcc, valLoss}],
//    final: {samplesSeen, trainLoss, trainAcc, valAcc, valLoss, testAcc, testLoss, epochs,
//            seconds, samplesPerSec, gap, gapGrowing}}
// `slot` (0..MAX_RUNS-1) picks the run's colour and dash pattern; it stays while the run is kept.
import { createSmoother } from '../canvas/smoothing.js';
import { specDescription } from '../../settings/spec-answers.js';

/** Runs kept at most; the oldest goes when a new one comes (8 colours tell 8 runs apart). */
export const MAX_RUNS = 8;
/** Points kept per batch curve: plenty for a chart a few hundred pixels wide, small to store. */
export const MAX_CURVE_POINTS = 400;

const finite = (v) => (Number.isFinite(v) ? v : null);

/**
 * The running values of a record's batches (the same smoothing as the training chart), thinned
 * to at most `max` points, the last point always kept.
 * @param {number[][]} batches  [[samplesSeen, loss, accuracy], ...] per progress report
 */
export function smoothCurve(batches, max = MAX_CURVE_POINTS) {
  const smoother = createSmoother();
  let previous = 0;
  const all = batches.map(([seen, loss, accuracy]) => {
    const s = smoother.add(seen - previous, loss, accuracy);
    previous = seen;
    return [seen, s.loss, s.accuracy];
  });
  const every = Math.max(1, Math.ceil(all.length / max));
  return all.filter((_, i) => (i + 1) % every === 0 || i === all.length - 1);
}

/** Train − validation accuracy per epoch (how far validation falls behind). */
export function gaps(epochs) {
  return epochs.filter((e) => Number.isFinite(e.trainAcc) && Number.isFinite(e.valAcc)).map((e) => e.trainAcc - e.valAcc);
}

/**
 * Training accuracy is ahead of validation and the gap widened by at least `by` over the epochs:
 * the run has started to overfit. (Early on validation is often ahead: the training figure is
 * the mean over an epoch during which the model was still learning.)
 */
export function gapGrows(epochs, by = 0.01) {
  const g = gaps(epochs);
  const last = g[g.length - 1];
  return g.length >= 2 && last >= by && last - Math.min(...g.slice(0, -1)) >= by;
}

/**
 * A kept run from the record of a run that ended.
 * @param {{batches: number[][], epochs: object[], test: object|null}} record
 * @param {{id: number, slot: number, settings: string, outcome?: string, samplesPerSec?: number}} about
 *   samplesPerSec: the last progress report's throughput (used when no epoch finished)
 */
export function keptRun(record, { id, slot, settings, outcome = 'finished', samplesPerSec = NaN }) {
  const curve = smoothCurve(record.batches);
  const epochs = record.epochs.map(({ epoch, samplesSeen, trainLoss, trainAcc, valAcc, valLoss }) =>
    ({ epoch, samplesSeen, trainLoss, trainAcc, valAcc, valLoss }));
  const lastBatch = record.batches.at(-1);
  const samplesSeen = lastBatch ? lastBatch[0] : 0;
  const lastEpoch = epochs.at(-1);
  // The last epoch's figures when the run ended with it; the running values when it stopped mid-epoch.
  const endedWithEpoch = lastEpoch && lastEpoch.samplesSeen >= samplesSeen;
  const lastPoint = curve.at(-1);
  const seconds = record.epochs.reduce((sum, e) => sum + (e.seconds ?? 0), 0);
  const samples = record.epochs.reduce((sum, e) => sum + (e.samples ?? 0), 0);
  const rate = seconds > 0 ? samples / seconds : samplesPerSec;
  const g = gaps(epochs);
  return {
    id, slot, name: '', settings, outcome, curve, epochs,
    final: {
      samplesSeen,
      trainLoss: finite(endedWithEpoch ? lastEpoch.trainLoss : lastPoint?.[1]),
      trainAcc: finite(endedWithEpoch ? lastEpoch.trainAcc : lastPoint?.[2]),
      valAcc: finite(lastEpoch?.valAcc),
      valLoss: finite(lastEpoch?.valLoss),
      testAcc: finite(record.test?.accuracy),
      testLoss: finite(record.test?.loss),
      epochs: lastEpoch?.epoch ?? 0,
      // Engine time of the finished epochs; a run stopped in its first epoch: from its throughput.
      seconds: finite(seconds > 0 ? seconds : samplesSeen / rate),
      samplesPerSec: finite(rate),
      gap: g.length ? g[g.length - 1] : null,
      gapGrowing: gapGrows(epochs),
    },
  };
}

/** The lowest colour slot no kept run uses (the oldest run's slot when all are taken). */
export function freeSlot(runs) {
  for (let slot = 0; slot < MAX_RUNS; slot++) if (!runs.some((r) => r.slot === slot)) return slot;
  return runs[0]?.slot ?? 0;
}

/** `runs` with `run` added at the end, the oldest dropped past MAX_RUNS. */
export function withRun(runs, run, max = MAX_RUNS) {
  const next = [...runs, run];
  return next.slice(Math.max(0, next.length - max));
}

// Settings that say the most about a run, in the order a label lists them.
const LABEL_ORDER = ['model', 'opt', 'lr', 'l2', 'batch', 'epochs', 'limit', 'init', 'loss', 'schedule', 'augment', 'seed'];
const orderOf = (key) => (LABEL_ORDER.includes(key) ? LABEL_ORDER.indexOf(key) : LABEL_ORDER.length);
const shown = (key, value) => (key === 'model' && value ? specDescription(value) : value);

/**
 * Each run's label: its settings that differ from another kept run's ("opt=adam lr=0.001"), or
 * its optimizer and learning rate when nothing differs; the name the reader gave wins. Runs
 * with the same label are numbered ("opt=sgd lr=0.1 (2)").
 * @returns {Map<number, string>} run id -> label
 */
export function runLabels(runs) {
  const params = runs.map((r) => new URLSearchParams(r.settings));
  const keys = [...new Set(params.flatMap((p) => [...p.keys()]))].sort((a, b) => orderOf(a) - orderOf(b));
  const differing = keys.filter((k) => new Set(params.map((p) => p.get(k) ?? '')).size > 1);
  const use = differing.length ? differing : ['opt', 'lr'];
  const labels = runs.map((run, i) => run.name.trim() ||
    use.map((k) => `${k}=${shown(k, params[i].get(k) ?? '–')}`).join(' '));
  const seen = new Map();
  const total = new Map();
  for (const label of labels) total.set(label, (total.get(label) ?? 0) + 1);
  return new Map(runs.map((run, i) => {
    const label = labels[i];
    if (total.get(label) === 1) return [run.id, label];
    seen.set(label, (seen.get(label) ?? 0) + 1);
    return [run.id, `${label} (${seen.get(label)})`];
  }));
}

/** The points of one metric of a run, {x: samples seen, y}, and whether they are per epoch. */
export const METRICS = Object.freeze({
  'train-loss': { perEpoch: false, axis: 'loss', points: (run) => run.curve.map(([x, y]) => ({ x, y })) },
  'train-accuracy': { perEpoch: false, axis: 'accuracy', points: (run) => run.curve.map(([x, , y]) => ({ x, y })) },
  'val-accuracy': { perEpoch: true, axis: 'accuracy', points: (run) => epochPoints(run, (e) => e.valAcc) },
  'val-loss': { perEpoch: true, axis: 'loss', points: (run) => epochPoints(run, (e) => e.valLoss) },
  gap: { perEpoch: true, axis: 'gap', points: (run) => epochPoints(run, (e) => e.trainAcc - e.valAcc) },
});

function epochPoints(run, value) {
  return run.epochs.map((e) => ({ x: e.samplesSeen, y: value(e) })).filter((p) => Number.isFinite(p.y));
}
