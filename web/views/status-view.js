// The status line and the engine badge at the top of the playground: what is loading, what is
// ready (with the real image counts), which engine build runs (its tooltip also gives the
// engine's memory, kept in data attributes for leak checks), and what failed.
import { formatCount } from './canvas/format.js';

const BUILD_NAMES = { simd: 'Engine: WebAssembly SIMD', scalar: 'Engine: WebAssembly (scalar)' };

export function createStatusView(root) {
  const status = root.getElementById('data-status');
  const badge = root.getElementById('build-badge');
  const mb = (n) => (n / 1e6).toFixed(1);
  const fileProgress = new Map();  // file -> {loaded, total} of its download
  let arch = '';

  // The line is a live region: a screen reader reads each change, so loading progress (dozens of
  // steps a second) is shown at most every PROGRESS_EVERY_MS, the latest step last; the outcomes
  // (ready, failed, restarting) at once.
  const PROGRESS_EVERY_MS = 2000;
  let shownAt = 0;
  let waiting = 0;
  let latest = '';
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
    status.textContent = text;
  }

  return {
    engineReady({ build, arch: kernels }) {
      arch = kernels;
      badge.textContent = BUILD_NAMES[build] ?? `Engine: ${build}`;
      badge.dataset.build = build;
      badge.title = arch;
      progress('Engine ready. Downloading MNIST…');
    },
    /**
     * The engine's memory (protocol.js EngineMemory): in the badge's tooltip, and as
     * data-heap-bytes / data-emval-handles / data-sessions for tests that watch for leaks.
     */
    memory({ heapBytes, emvalHandles, sessions }) {
      badge.dataset.heapBytes = String(heapBytes);
      badge.dataset.emvalHandles = String(emvalHandles);
      badge.dataset.sessions = String(sessions);
      badge.title = `${arch}; WebAssembly memory ${(heapBytes / 2 ** 20).toFixed(0)} MiB`;
    },
    /** A new worker is starting in place of one that failed. */
    restarting() {
      fileProgress.clear();
      show('Starting a new engine…');
      delete status.dataset.failed;
      delete status.dataset.ready;
      badge.textContent = 'Engine: loading…';
      badge.dataset.build = 'loading';
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
        progress(`Downloading MNIST: ${mb(sumLoaded)} of ${mb(sumTotal)} MB…`);
      } else if (phase === 'inflate' || phase === 'verify') {
        progress(`${phase === 'inflate' ? 'Unpacking' : 'Checking'} ${file}…`);
      } else if (phase === 'parse') {
        progress('Reading the images…');
      }
    },
    dataReady(counts) {
      show(`MNIST ready: ${formatCount(counts.train)} training, ` +
        `${formatCount(counts.validation)} validation and ${formatCount(counts.test)} test images ` +
        '(SHA-256 checked by the engine).');
      status.dataset.ready = 'true';
    },
    /** No engine can run in this browser. */
    unavailable(message) {
      badge.textContent = 'Engine: unavailable';
      badge.dataset.build = 'none';
      show(message);
      status.dataset.failed = 'true';
    },
    /** A failure that stops the playground: the line says it, the badge too if no engine loaded. */
    failed(message, engineMissing) {
      show(message);
      status.dataset.failed = 'true';
      if (engineMissing) {
        badge.textContent = 'Engine: not loaded';
        badge.dataset.build = 'none';
      }
    },
  };
}
