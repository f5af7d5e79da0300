// The training panel's text: progress bar, counters (epoch, batch, samples/s, ETA, loss), the
// per-epoch summary read out by screen readers (an aria-live list), and the final test accuracy.
import { formatCount, formatDuration, formatPercent, formatRate } from './canvas/format.js';

export function createProgressView(root) {
  const $ = (id) => root.getElementById(id);
  const bar = $('train-progress');
  const label = $('progress-label');
  const log = $('epoch-log');
  const testAccuracy = $('test-accuracy');

  function setRunState(state) {
    $('run-state').textContent = state;
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
    $('loss-value').textContent = p.loss.toFixed(4);
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
    for (const id of ['epoch-counter', 'batch-counter', 'speed', 'eta', 'loss-value', 'first-batch-loss']) {
      $(id).textContent = '–';
    }
    $('samples-counter').textContent = '0';
    log.replaceChildren();
    testAccuracy.textContent = '';
    delete testAccuracy.dataset.accuracy;
  }

  return { setRunState, progress, epoch, testResult, reset };
}
