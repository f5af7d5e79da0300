// The page's end of the benchmark: runs each BenchmarkRun (runs.js) in a fresh dedicated worker
// (bench-worker.js), one after another so they never share the processor, and hands every
// message to onEvent with the run it belongs to, after a {type: 'start'} of its own as each run
// begins. cancel() ends the worker under way at once.

/** The benchmark was cancelled: `done` rejects with this; `reason` is the canceller's. */
export class Cancelled extends Error {
  constructor(reason) {
    super('the benchmark was cancelled');
    this.code = 'cancelled';
    this.reason = reason;
  }
}

/**
 * @param {object} options
 * @param {import('./runs.js').BenchmarkRun[]} options.runs
 * @param {string} options.engineUrl  @param {string} options.dataUrl  (MNIST's folder)
 * @param {string[]} options.presets   @param {number} options.batches  @param {number} options.warmup
 * @param {(run: import('./runs.js').BenchmarkRun, message: object) => void} onEvent
 * @returns {{done: Promise<void>, cancel: (reason?: string) => void}}  done rejects with the
 *   first run's error ({code, message, hint}) or a Cancelled
 */
export function startBenchmark({ runs, engineUrl, dataUrl, presets, batches, warmup }, onEvent) {
  let current = null;  // {fail(error)}: ends the run under way
  let cancelled = null;

  function runOne(run) {
    return new Promise((resolve, reject) => {
      // Written out literally so Vite bundles the worker (and its imports) as a module worker.
      const worker = new Worker(new URL('./bench-worker.js', import.meta.url), { type: 'module' });
      const end = (settle) => {
        worker.terminate();
        current = null;
        settle();
      };
      current = { fail: (error) => end(() => reject(error)) };
      worker.addEventListener('message', ({ data }) => {
        if (data.type === 'error') end(() => reject(data));
        else if (data.type === 'done') end(resolve);
        else onEvent(run, data);
      });
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        end(() => reject({ code: 'internal', message: `The benchmark worker failed: ${event.message || 'it could not start'}.`, hint: 'Reload the page.' }));
      });
      worker.postMessage({ type: 'run', engineUrl, dataUrl, build: run.build, threads: run.threads, presets, batches, warmup });
    });
  }

  const done = (async () => {
    for (const run of runs) {
      if (cancelled) throw cancelled;
      onEvent(run, { type: 'start' });
      await runOne(run);
    }
  })();
  done.catch(() => {});  // the caller awaits it; an unawaited rejection is not an error here
  return {
    done,
    cancel(reason) {
      cancelled = new Cancelled(reason);
      current?.fail(cancelled);
    },
  };
}
