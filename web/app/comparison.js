// Run comparison: the curves of finished runs, kept and overlaid on one chart with a legend and a
// table of final figures; one click trains a compared configuration again, and a quick
// comparison trains 2-3 configurations from one seed one after another (a queue).
//
// A run ends when the worker's state becomes finished (after the run's final test evaluation) or
// stopped (Stop, a divergence) after it trained; the current record (run-record.js) is then kept
// (compare-runs.js keptRun). Training a kept model further (Train, not from scratch) extends the
// same record: its run is updated in place instead of kept twice.
//
// Kept runs live in sessionStorage (this tab, this page and element id): a reload keeps the
// comparison a lesson built, and another tab or page starts empty. localStorage would mix the
// runs of every tab and keep curves of models long gone.
import { ErrorCode, FromWorker, RunState } from '../engine/protocol.js';
import { freeSlot, keptRun, runLabels, withRun, METRICS } from '../views/teach/compare-runs.js';
import { planSettings } from '../views/teach/compare-plans.js';
import { createComparePanel } from '../views/teach/compare-panel.js';

const STORE_VERSION = 1;

/**
 * @param {ShadowRoot} root  @param {object} extension (controller.js)
 * @returns {{destroy(): void, runs: object[], keepCurrent(): object|null, clear(): void,
 *   compare(plan: string): Promise<object[]>, cancel(): void, trainAgain(id: number): void,
 *   remove(id: number): void, show(ids: number[]): void, setMetric(metric: string): void,
 *   repaint(): void, onChange(listener: (runs: object[]) => void): () => void}}
 */
export function mountComparison(root, extension) {
  const container = root.getElementById('compare-panel');
  if (!container) return { destroy() {} };
  const { i18n, actions } = extension;
  const storeKey = `mnist-playground/compare${globalThis.location?.pathname ?? ''}#${root.host?.id ?? ''}`;
  const stored = load(storeKey);
  let runs = stored.runs;
  let metric = stored.metric in METRICS ? stored.metric : 'train-loss';
  let nextId = Math.max(0, ...runs.map((r) => r.id)) + 1;
  const records = new Map();  // run id -> the record it came from (while training may extend it)
  let trainedSinceKept = false;  // progress arrived since the last run was kept
  let diverged = false;          // the run under way ended in a divergence (not the reader's Stop)
  let samplesPerSec = NaN;       // the last progress report's throughput
  let awaitingTest = null;       // a stopped run whose test evaluation is on its way
  let queue = null;              // {settings: string[], index, kept: [], resolve}
  let status = '';
  const changeListeners = new Set();

  const panel = createComparePanel(container, {
    t: () => i18n.t,
    plan: (id) => { compare(id); },
    cancel,
    toggle: (id, shown) => update(id, { shown }),
    rename: (id, name) => update(id, { name: name.trim() }),
    trainAgain,
    remove,
    clear,
    metric: (id) => setMetric(id),
  });

  const unsubscribe = [
    extension.on(FromWorker.PROGRESS, (p) => {
      trainedSinceKept = true;
      awaitingTest = null;
      samplesPerSec = p.samplesPerSec;
    }),
    extension.on(FromWorker.STATE, onState),
    extension.on(FromWorker.EVALUATION, onEvaluation),
    extension.on(FromWorker.ERROR, onError),
    extension.on(FromWorker.DATA_READY, render),
    extension.on(FromWorker.CONFIGURED, render),
    i18n.onChange(render),
  ];
  // The chart's colours follow the theme: the element's `theme` attribute or the reader's preference.
  const media = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
  const repaint = () => requestAnimationFrame(() => panel.applyTheme());
  media?.addEventListener('change', repaint);
  const themeObserver = root.host ? new MutationObserver(repaint) : null;
  themeObserver?.observe(root.host, { attributes: true, attributeFilter: ['theme'] });

  function onState({ state }) {
    if (state === RunState.RUNNING) diverged = false;
    if ((state === RunState.FINISHED || state === RunState.STOPPED) && trainedSinceKept && worthKeeping(state)) {
      const run = keepCurrent(state === RunState.FINISHED ? 'finished' : diverged ? 'diverged' : 'stopped');
      if (state === RunState.STOPPED) awaitingTest = run?.id ?? null;
      if (queue) {
        queue.kept.push(run);
        // The reader's Stop ends the whole comparison; a diverging configuration is a result.
        if (state === RunState.STOPPED && !diverged) endQueue(i18n.t('compare.queue.cancelled'));
        else if (++queue.index < queue.settings.length) queueMicrotask(runQueued);
        else endQueue(i18n.t('compare.queue.done', { total: queue.kept.length }));
      }
    }
    render();
  }

  /**
   * A run is kept when it finished, diverged, belongs to a queued comparison or trained at least
   * one whole epoch: a few Steps (a lesson's, or a reader's) are not a run to compare.
   */
  function worthKeeping(state) {
    return state === RunState.FINISHED || diverged || Boolean(queue) || extension.record.epochs.length > 0;
  }

  /** The test evaluation that follows a Stop completes the stopped run's figures. */
  function onEvaluation(evaluation) {
    if (evaluation.split !== 'test' || awaitingTest === null) return;
    const run = runs.find((r) => r.id === awaitingTest);
    awaitingTest = null;
    if (run) update(run.id, { final: { ...run.final, testAcc: evaluation.accuracy, testLoss: evaluation.loss } });
  }

  // A configuration the engine refuses, or a failed engine, ends the queue: its next run would wait forever.
  function onError(error) {
    if (error.code === ErrorCode.DIVERGED) diverged = true;
    else if (queue && (error.fatal || error.code === ErrorCode.BAD_CONFIG || error.request === 'start')) {
      endQueue(i18n.t('compare.queue.failed', { message: error.message }));
    }
  }

  /** Keeps the current model's record as a run now (or updates its run); null if it has none. */
  function keepCurrent(outcome = 'stopped') {
    const record = extension.record;
    if (!record?.batches.length) return null;
    trainedSinceKept = false;
    const same = runs.find((r) => records.get(r.id) === record);
    const run = keptRun(record, {
      id: same?.id ?? nextId++, slot: same?.slot ?? freeSlot(runs), settings: extension.settings, outcome, samplesPerSec,
    });
    if (same) {
      runs = runs.map((r) => (r === same ? { ...run, name: same.name, shown: same.shown } : r));
    } else {
      runs = withRun(runs, { ...run, shown: true });
      for (const id of records.keys()) if (!runs.some((r) => r.id === id)) records.delete(id);
    }
    records.set(run.id, record);
    status = i18n.t('compare.kept', { label: runLabels(runs).get(run.id) });
    changed();
    return runs.find((r) => r.id === run.id);
  }

  // ---------------------------------------------------------------- the queue

  const canStart = () => extension.dataReady && !queue &&
    extension.runState !== RunState.RUNNING && extension.runState !== RunState.PAUSED;

  /**
   * Trains the plan's configurations (compare-plans.js) one after another from the current
   * settings; resolves with the runs kept when the last one ends (or the queue is cancelled).
   */
  async function compare(plan) {
    if (!canStart()) return [];
    // The worker edits the model for a plan; a worker that failed meanwhile has its own banner.
    const settings = await planSettings(plan, extension.settings, extension.readSpec).catch(() => null);
    if (!settings || !canStart()) return [];
    return new Promise((resolve) => {
      queue = { settings, index: 0, kept: [], resolve };
      runQueued();
    });
  }

  function runQueued() {
    if (!queue) return;
    status = '';
    actions.applySettings(queue.settings[queue.index]);
    actions.train({ fromScratch: true });
    render();
  }

  function endQueue(message) {
    const { resolve, kept } = queue;
    queue = null;
    status = message;
    render();
    resolve(kept.filter(Boolean));
  }

  /**
   * Stops the queue: the run under way stops (kept as stopped; its state ends the queue, as the
   * reader's Stop does), the rest never start.
   */
  function cancel() {
    if (!queue) return;
    const running = extension.runState === RunState.RUNNING || extension.runState === RunState.PAUSED;
    if (running) actions.stop();
    else endQueue(i18n.t('compare.queue.cancelled'));
  }

  // ---------------------------------------------------------------- runs

  /** The run's settings in the form, then a fresh model trained with them. */
  function trainAgain(id) {
    const run = runs.find((r) => r.id === id);
    if (!run || !canStart()) return;
    actions.applySettings(run.settings);
    actions.train({ fromScratch: true });
  }

  function remove(id) {
    runs = runs.filter((r) => r.id !== id);
    records.delete(id);
    changed();
  }

  function clear() {
    runs = [];
    records.clear();
    status = '';
    changed();
  }

  function update(id, fields) {
    runs = runs.map((r) => (r.id === id ? { ...r, ...fields } : r));
    changed();
  }

  function setMetric(id) {
    if (!(id in METRICS)) return;
    metric = id;
    save(storeKey, runs, metric);
    render();
  }

  function changed() {
    save(storeKey, runs, metric);
    render();
    for (const listener of changeListeners) listener(runs);
  }

  function render() {
    const labels = runLabels(runs);
    const current = queue && {
      index: queue.index, total: queue.settings.length,
      label: runLabels([...runs, { id: -1, name: '', settings: queue.settings[queue.index] }]).get(-1),
    };
    panel.render({ runs, labels, metric, canStart: canStart(), queue: current, status, locale: i18n.locale });
  }

  render();
  return {
    /** The kept runs, oldest first (see compare-runs.js for their shape). */
    get runs() { return runs; },
    /** The labels the panel shows: run id -> label. */
    labels: () => runLabels(runs),
    keepCurrent,
    clear,
    compare,
    cancel,
    trainAgain,
    remove,
    /** Shows exactly these runs on the chart. */
    show: (ids) => { runs = runs.map((r) => ({ ...r, shown: ids.includes(r.id) })); changed(); },
    /** 'train-loss' | 'train-accuracy' | 'val-accuracy' | 'val-loss' | 'gap' */
    setMetric,
    repaint: () => panel.applyTheme(),
    /** Hears every change of the kept runs; returns an unsubscribe. */
    onChange(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    destroy() {
      if (queue) endQueue('');
      for (const off of unsubscribe) off();
      media?.removeEventListener('change', repaint);
      themeObserver?.disconnect();
      changeListeners.clear();
      panel.destroy();
    },
  };
}

function load(key) {
  try {
    const saved = JSON.parse(globalThis.sessionStorage?.getItem(key) ?? 'null');
    if (saved?.version === STORE_VERSION && Array.isArray(saved.runs)) return saved;
  } catch { /* unreadable or no storage: start empty */ }
  return { runs: [], metric: 'train-loss' };
}

function save(key, runs, metric) {
  try {
    globalThis.sessionStorage?.setItem(key, JSON.stringify({ version: STORE_VERSION, runs, metric }));
  } catch { /* full or not allowed (private mode): the runs stay in memory only */ }
}
