// The benchmark panel (#bench-panel): runs web/benchmark/ on the builds this browser has and
// shows the figures (views/benchmark-view.js). It leaves the training alone: it refuses to start
// while a run is under way, and stops itself when one starts, since the two would share the
// processor and neither would measure true.
import { FromWorker, RunState } from '../engine/protocol.js';
import { simdSupported } from '../engine/engine.js';
import { benchmarkRuns } from '../benchmark/runs.js';
import { BATCHES, BENCHMARK_PRESETS, WARMUP_BATCHES } from '../benchmark/models.js';
import { startBenchmark } from '../benchmark/bench-client.js';
import { newReport, recordMessage, reportFileName, reportJson } from '../benchmark/report.js';
import { createBenchmarkView } from '../views/benchmark-view.js';
import { downloadBlob } from '../views/download.js';

const training = (state) => state === RunState.RUNNING || state === RunState.PAUSED;

/**
 * @param {ShadowRoot} root  @param {object} extension (controller.js)
 * @param {{engineUrl: string, dataUrl: string}} urls  the engines' folder and MNIST's
 */
export function mountBenchmark(root, extension, { engineUrl, dataUrl }) {
  const { i18n } = extension;
  let bench = null;    // the benchmark under way (bench-client.js)
  let report = null;
  const view = createBenchmarkView(root.getElementById('bench-panel'), i18n, { run, cancel: () => stop('bench.status.cancelled'), download, batches: BATCHES });
  const buildName = (build) => i18n.t(`bench.build.${build}`);

  async function run(batches) {
    if (bench) return;
    if (!(Number.isInteger(batches) && batches >= BATCHES.min && batches <= BATCHES.max)) {
      view.show({ status: { key: 'bench.status.badBatches', params: BATCHES } });
      return;
    }
    if (training(extension.runState)) {
      view.show({ status: { key: 'bench.status.busy' } });
      return;
    }
    const runs = benchmarkRuns({ simd: simdSupported(), isolated: globalThis.crossOriginIsolated === true });
    report = newReport({
      runs, presets: BENCHMARK_PRESETS, batches, warmup: WARMUP_BATCHES, date: new Date().toISOString(),
      machine: {
        hardwareConcurrency: navigator.hardwareConcurrency ?? null,
        userAgent: navigator.userAgent,
        crossOriginIsolated: globalThis.crossOriginIsolated === true,
      },
    });
    bench = startBenchmark({ runs, engineUrl, dataUrl, presets: BENCHMARK_PRESETS, batches, warmup: WARMUP_BATCHES }, onMessage);
    view.show({ report, running: true });
    try {
      await bench.done;
      report.complete = true;
      view.show({ status: { key: 'bench.status.done', params: { builds: runs.length, batches } } });
    } catch (error) {
      view.show({ status: error.code === 'cancelled' ? { key: error.reason }
        : { key: 'bench.status.failed', params: { message: `${error.message} ${error.hint ?? ''}`.trim() } } });
    } finally {
      bench = null;
      view.show({ running: false });
    }
  }

  function onMessage(run, message) {
    recordMessage(report, run, message);
    const build = buildName(run.build);
    if (message.type === 'start') {
      view.show({ status: { key: 'bench.status.loading', params: { build } } });
    } else if (message.type === 'progress') {
      view.show({ status: { key: 'bench.status.timing', params: { build, model: i18n.t(`preset.${message.preset}.name`), done: message.batchesDone, total: message.batches } } });
    } else {
      view.show({ report });
    }
  }

  /** Ends the benchmark under way; `why` is the status key to show. */
  function stop(why) {
    bench?.cancel(why);
  }

  function download() {
    if (report) downloadBlob(new Blob([reportJson(report)], { type: 'application/json' }), reportFileName(report));
  }

  const off = extension.on(FromWorker.STATE, ({ state }) => {
    if (training(state)) stop('bench.status.trainingStarted');
  });
  return {
    destroy() {
      off();
      stop('bench.status.cancelled');
      view.destroy();
    },
  };
}
