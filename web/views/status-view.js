// The status line and the engine badge at the top of the playground: what is loading, what is
// ready (with the real image counts), which engine build runs and on how many threads (its
// tooltip also gives the engine's memory, kept in data attributes for leak checks), and what
// failed. Every text is
// kept as a function of the translator, so a change of language shows it again in the new one.
import { formatCount } from './canvas/format.js';
import { ENGINE_LANGUAGE } from '../i18n/index.js';
import { errorKey } from './banner.js';

const BUILD_KEYS = { threads: 'engine.threads', simd: 'engine.simd', scalar: 'engine.scalar' };

/** @param {ShadowRoot} root  @param {ReturnType<import('../i18n/index.js').createI18n>} i18n */
export function createStatusView(root, i18n) {
  const status = root.getElementById('data-status');
  const badge = root.getElementById('build-badge');
  const mb = (n) => (n / 1e6).toFixed(1);
  const fileProgress = new Map();  // file -> {loaded, total} of its download
  let arch = '';
  let build = '';
  const threads = { count: 1, max: 1 };
  let line = (t) => t('status.loadingEngine');    // the status line's text, in any language
  let badgeText = (t) => t('engine.loading');
  let heapBytes = null;
  let dataset = 'MNIST';  // the name of the dataset loading or loaded

  // The line is a live region: a screen reader reads each change, so loading progress (dozens of
  // steps a second) is shown at most every PROGRESS_EVERY_MS, the latest step last; the outcomes
  // (ready, failed, restarting) at once.
  const PROGRESS_EVERY_MS = 2000;
  let shownAt = 0;
  let waiting = 0;
  let latest = line;
  function progress(text) {
    latest = text;
    const wait = shownAt + PROGRESS_EVERY_MS - performance.now();
    if (wait <= 0) {
      show(text);
    } else if (!waiting) {
      waiting = setTimeout(() => show(latest), wait);
    }
  }
  function show(text) {
    clearTimeout(waiting);
    waiting = 0;
    shownAt = performance.now();
    line = text;
    status.textContent = text(i18n.t);
  }
  function setBadge(text, name) {
    badgeText = text;
    badge.textContent = text(i18n.t);
    badge.dataset.build = name;
  }
  /** The running build's badge, with the threads in use (data-threads for tests). */
  function showBuild() {
    badge.dataset.threads = String(threads.count);
    setBadge((t) => (BUILD_KEYS[build] ? t(BUILD_KEYS[build], threads) : t('engine.other', { build })), build);
  }
  function renderTitle() {
    const { t } = i18n;
    badge.title = heapBytes === null ? (arch || t('engine.title'))
      : t('engine.memory', { arch, mib: (heapBytes / 2 ** 20).toFixed(0) });
  }
  i18n.onChange(() => {
    status.textContent = line(i18n.t);
    badge.textContent = badgeText(i18n.t);
    renderTitle();
  });
  status.textContent = line(i18n.t);
  setBadge(badgeText, 'loading');
  renderTitle();

  return {
    engineReady({ build: name, arch: kernels, threads: count = 1, maxThreads = 1 }) {
      arch = kernels;
      build = name;
      Object.assign(threads, { count, max: maxThreads });
      showBuild();
      renderTitle();
      progress((t) => t('status.engineReady', { dataset }));
    },
    /** The engine now uses `count` threads. */
    threadsChanged(count) {
      threads.count = count;
      showBuild();
    },
    /**
     * The engine's memory (protocol.js EngineMemory): in the badge's tooltip, and as
     * data-heap-bytes / data-emval-handles / data-sessions for tests that watch for leaks.
     */
    memory({ heapBytes: bytes, emvalHandles, sessions }) {
      badge.dataset.heapBytes = String(bytes);
      badge.dataset.emvalHandles = String(emvalHandles);
      badge.dataset.sessions = String(sessions);
      heapBytes = bytes;
      renderTitle();
    },
    /** A new worker is starting in place of one that failed. */
    restarting() {
      fileProgress.clear();
      show((t) => t('status.restarting'));
      delete status.dataset.failed;
      delete status.dataset.ready;
      setBadge((t) => t('engine.loading'), 'loading');
    },
    /** @param {{file: string, phase: string, loaded: number, total: number}} p */
    dataProgress({ file, phase, loaded, total }) {
      if (phase === 'download') {
        fileProgress.set(file, { loaded, total });
        let sumLoaded = 0;
        let sumTotal = 0;
        for (const p of fileProgress.values()) {
          sumLoaded += p.loaded;
          sumTotal += p.total || p.loaded;
        }
        progress((t) => t('status.downloading', { dataset, loaded: mb(sumLoaded), total: mb(sumTotal) }));
      } else if (phase === 'inflate' || phase === 'verify') {
        progress((t) => t(phase === 'inflate' ? 'status.unpacking' : 'status.checking', { file }));
      } else if (phase === 'parse') {
        progress((t) => t('status.parsing'));
      }
    },
    /** Another dataset starts loading (the status line names it from now on). */
    loadingDataset(name) {
      dataset = name;
      fileProgress.clear();
      delete status.dataset.ready;
      show((t) => t('status.switching', { dataset }));
    },
    /**
     * @param {{train: number, validation: number, test: number}} counts  @param {string} name
     * @param {boolean} [uploaded]  the data came from the user's files (no pinned checksums)
     */
    dataReady(counts, name = dataset, uploaded = false) {
      dataset = name;
      show((t) => t(uploaded ? 'status.uploadReady' : 'status.ready', {
        dataset,
        train: formatCount(counts.train, i18n.locale),
        validation: formatCount(counts.validation, i18n.locale),
        test: formatCount(counts.test, i18n.locale),
      }));
      status.dataset.ready = 'true';
    },
    /** No engine can run in this browser. */
    unavailable() {
      setBadge((t) => t('engine.unavailable'), 'none');
      show((t) => t('status.unsupported'));
      status.dataset.failed = 'true';
    },
    /**
     * A failure that stops the playground: the line says it (the engine's message where the page
     * speaks its language, else the error's title), the badge too if no engine loaded.
     */
    failed({ code, message }, engineMissing) {
      show((t) => (i18n.lang === ENGINE_LANGUAGE ? message : t(errorKey(code, 'title'))));
      status.dataset.failed = 'true';
      if (engineMissing) setBadge((t) => t('engine.notLoaded'), 'none');
    },
  };
}
