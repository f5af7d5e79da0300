// Which engine builds the benchmark runs, decided here and nowhere else: SIMD where the browser
// runs it, scalar always, and the multithreaded build where the page is cross-origin isolated
// (the only place WebAssembly threads can start), once on one thread and once on every thread it
// offers. A build that appears in a browser just appears in the benchmark.

/**
 * @typedef {object} BenchmarkRun
 * @property {string} key            unique per run, e.g. 'simd' or 'threads-max'
 * @property {'simd'|'scalar'|'threads'} build  the engine build (web/engine/engine.js loadEngine)
 * @property {1|'max'} threads       1, or every thread the build offers ('max': its maxThreads())
 */

/**
 * @param {{simd: boolean, isolated: boolean}} browser  WebAssembly SIMD (engine.js simdSupported)
 *   and self.crossOriginIsolated
 * @returns {BenchmarkRun[]}  scalar first: the other builds' ratios are relative to it
 */
export function benchmarkRuns({ simd, isolated }) {
  const runs = [{ key: 'scalar', build: 'scalar', threads: 1 }];
  if (simd) runs.push({ key: 'simd', build: 'simd', threads: 1 });
  if (isolated) {
    runs.push({ key: 'threads-1', build: 'threads', threads: 1 },
      { key: 'threads-max', build: 'threads', threads: 'max' });
  }
  return runs;
}
