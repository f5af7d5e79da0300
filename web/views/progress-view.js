// The training panel's text: progress bar, counters (epoch, batch, samples/s, ETA, loss), the
// per-epoch summary read out by screen readers (an aria-live list), and the final test accuracy.
// What it shows is kept (the last report, every epoch, the test result), so a change of
// language writes it all again in the new one.
import { formatCount, formatDuration, formatPercent, formatRateValue } from './canvas/format.js';
import { createSmoother } from './canvas/smoothing.js';

// What a screen reader hears when the run state changes (the counters show the state itself).
const ANNOUNCED = new Set(['running', 'paused', 'stopped', 'finished', 'idle']);
const ANNOUNCE_EVERY = 0.25;  // and the progress at every quarter of a run, not at every message

/** @param {ShadowRoot} root  @param {ReturnType<import('../i18n/index.js').createI18n>} i18n */
export function createProgressView(root, i18n) {
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
  let shown = null;         // {p, smoothed} of the last progress report
  let test = null;          // the last test evaluation
  const epochs = new Map(); // <li> -> its epoch message
  const count = (n) => formatCount(n, i18n.locale);
  const rate = (perSecond) => i18n.t('progress.rate', { rate: formatRateValue(perSecond) });

  function setRunState(state) {
    const { t } = i18n;
    $('run-state').textContent = t(`state.${state}`);
    $('run-state').dataset.state = state;
    if (state !== runState && ANNOUNCED.has(state) && runState !== '' && runState !== 'loading') {
      announcer.textContent = t(`announce.${state}`);
    }
    if (state === 'running' && runState !== 'paused') announcedQuarter = 0;
    runState = state;
  }

  function renderProgress() {
    if (!shown) {
      label.textContent = i18n.t('progress.label');
      return;
    }
    const { p, smoothed, done, total } = shown;
    label.textContent = i18n.t('progress.labelDone', { percent: formatPercent(done / total, 0) });
    $('epoch-counter').textContent = `${Math.min(p.epoch + 1, p.epochs)} / ${p.epochs}`;
    $('batch-counter').textContent = `${count(p.batch)} / ${count(p.batchesPerEpoch)}`;
    $('samples-counter').textContent = count(p.samplesSeen);
    $('speed').textContent = rate(p.samplesPerSec);
    $('eta').textContent = formatDuration(p.etaSeconds);
    $('loss-value').textContent = smoothed.loss.toFixed(4);
    $('accuracy-value').textContent = formatPercent(smoothed.accuracy, 1);
    $('first-batch-loss').textContent = Number.isFinite(p.firstBatchLoss) ? p.firstBatchLoss.toFixed(6) : '–';
  }

  /** @param {import('./protocol.js').ProgressMessage} p */
  function progress(p) {
    const done = p.epoch * p.batchesPerEpoch + p.batch;
    const total = p.epochs * p.batchesPerEpoch;
    bar.max = total;
    bar.value = Math.min(done, total);
    const smoothed = smoother.add(p.samplesSeen - lastSamples, p.loss, p.accuracy);
    lastSamples = p.samplesSeen;
    shown = { p, smoothed, done, total };
    renderProgress();
    const quarter = Math.floor((done / total) / ANNOUNCE_EVERY);
    if (quarter > announcedQuarter && done < total) {
      announcedQuarter = quarter;
      announcer.textContent = i18n.t('announce.progress',
        { percent: formatPercent(quarter * ANNOUNCE_EVERY, 0), loss: smoothed.loss.toFixed(2) });
    }
  }

  function epochText(e) {
    return i18n.t('epochs.line', {
      epoch: e.epoch, validation: formatPercent(e.valAcc, 2), training: formatPercent(e.trainAcc, 2),
      loss: e.trainLoss.toFixed(4), seconds: e.seconds.toFixed(1), rate: rate(e.samplesPerSec),
    });
  }

  /** @param {import('./protocol.js').EpochMessage} e */
  function epoch(e) {
    const item = document.createElement('li');
    item.textContent = epochText(e);
    item.dataset.valAcc = String(e.valAcc);
    item.dataset.seconds = String(e.seconds);
    item.dataset.wallSeconds = String(e.wallSeconds);
    item.dataset.samples = String(e.samples);
    item.dataset.samplesPerSec = String(e.samplesPerSec);
    epochs.set(item, e);
    log.append(item);
  }

  function renderTest() {
    testAccuracy.textContent = test ? i18n.t('progress.test', {
      accuracy: formatPercent(test.accuracy, 2), count: count(test.count), wrong: count(test.wrongCount),
    }) : '';
  }

  function testResult(evaluation) {
    test = evaluation;
    renderTest();
    testAccuracy.dataset.accuracy = String(evaluation.accuracy);
  }

  /** A new run: counters, log and result cleared. */
  function reset() {
    bar.value = 0;
    shown = null;
    test = null;
    smoother.reset();
    lastSamples = 0;
    for (const id of ['epoch-counter', 'batch-counter', 'speed', 'eta', 'loss-value', 'accuracy-value', 'first-batch-loss']) {
      $(id).textContent = '–';
    }
    $('samples-counter').textContent = '0';
    renderProgress();
    epochs.clear();
    log.replaceChildren();
    renderTest();
    delete testAccuracy.dataset.accuracy;
  }

  i18n.onChange(() => {
    if (runState) $('run-state').textContent = i18n.t(`state.${runState}`);
    renderProgress();
    for (const [item, e] of epochs) item.textContent = epochText(e);
    renderTest();
  });
  renderProgress();
  setRunState('loading');
  return { setRunState, progress, epoch, testResult, reset };
}
