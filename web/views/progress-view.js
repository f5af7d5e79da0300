// The training panel's text: progress bar, counters (epoch, batch, samples/s, ETA, loss), the
// per-epoch summary read out by screen readers (an aria-live list), and the final test accuracy.
import { formatCount, formatDuration, formatPercent, formatRate } from './canvas/format.js';
import { createSmoother } from './canvas/smoothing.js';

// What a screen reader hears when the run state changes (the counters show the state itself).
const ANNOUNCED = {
  running: 'Training started.', paused: 'Training paused.', stopped: 'Training stopped.',
  finished: 'Training finished.', idle: 'Ready to train.',
};
const ANNOUNCE_EVERY = 0.25;  // and the progress at every quarter of a run, not 20 times a second

export function createProgressView(root) {
  const $ = (id) => root.getElementById(id);
  const bar = $('train-progress');
  const label = $('progress-label');
  const log = $('epoch-log');
  const testAccuracy = $('test-accuracy');

  const announcer = $('run-announcer');
  const smoother = createSmoother();  // the same running values as the chart
  let lastSamples = 0;
  let announcedQuarter = 0;
  let runState = '';

  function setRunState(state) {
    $('run-state').textContent = state;
    if (state !== runState && ANNOUNCED[state] && runState !== '' && runState !== 'loading') {
      announcer.textContent = ANNOUNCED[state];
    }
    if (state === 'running' && runState !== 'paused') announcedQuarter = 0;
    runState = state;
  }

  /** @param {import('./protocol.js').ProgressMessage} p */
  function progress(p) {
    const done = p.epoch * p.batchesPerEpoch + p.batch;
    const total = p.epochs * p.batchesPerEpoch;
    bar.max = total;
    bar.value = Math.min(done, total);
    label.textContent = `Progress: ${formatPercent(done / total, 0)}`;
    $('epoch-counter').textContent = `${Math.min(p.epoch + 1, p.epochs)} / ${p.epochs}`;
    $('batch-counter').textContent = `${formatCount(p.batch)} / ${formatCount(p.batchesPerEpoch)}`;
    $('samples-counter').textContent = formatCount(p.samplesSeen);
    $('speed').textContent = formatRate(p.samplesPerSec);
    $('eta').textContent = formatDuration(p.etaSeconds);
    const smoothed = smoother.add(p.samplesSeen - lastSamples, p.loss, p.accuracy);
    lastSamples = p.samplesSeen;
    $('loss-value').textContent = smoothed.loss.toFixed(4);
    $('accuracy-value').textContent = formatPercent(smoothed.accuracy, 1);
    const quarter = Math.floor((done / total) / ANNOUNCE_EVERY);
    if (quarter > announcedQuarter && done < total) {
      announcedQuarter = quarter;
      announcer.textContent = `Training ${formatPercent(quarter * ANNOUNCE_EVERY, 0)} done, loss ${smoothed.loss.toFixed(2)}.`;
    }
    $('first-batch-loss').textContent = Number.isFinite(p.firstBatchLoss) ? p.firstBatchLoss.toFixed(6) : '–';
  }

  /** @param {import('./protocol.js').EpochMessage} e */
  function epoch(e) {
    const item = document.createElement('li');
    item.textContent = `Epoch ${e.epoch}: validation accuracy ${formatPercent(e.valAcc, 2)}, ` +
      `training accuracy ${formatPercent(e.trainAcc, 2)}, training loss ${e.trainLoss.toFixed(4)}, ` +
      `${e.seconds.toFixed(1)} s (${formatRate(e.samplesPerSec)}).`;
    item.dataset.valAcc = String(e.valAcc);
    item.dataset.seconds = String(e.seconds);
    item.dataset.wallSeconds = String(e.wallSeconds);
    item.dataset.samples = String(e.samples);
    item.dataset.samplesPerSec = String(e.samplesPerSec);
    log.append(item);
  }

  function testResult(evaluation) {
    testAccuracy.textContent = `Test accuracy: ${formatPercent(evaluation.accuracy, 2)} on ` +
      `${formatCount(evaluation.count)} test images (${formatCount(evaluation.wrongCount)} wrong).`;
    testAccuracy.dataset.accuracy = String(evaluation.accuracy);
  }

  /** A new run: counters, log and result cleared. */
  function reset() {
    bar.value = 0;
    label.textContent = 'Progress';
    smoother.reset();
    lastSamples = 0;
    for (const id of ['epoch-counter', 'batch-counter', 'speed', 'eta', 'loss-value', 'accuracy-value', 'first-batch-loss']) {
      $(id).textContent = '–';
    }
    $('samples-counter').textContent = '0';
    log.replaceChildren();
    testAccuracy.textContent = '';
    delete testAccuracy.dataset.accuracy;
  }

  return { setRunState, progress, epoch, testResult, reset };
}
