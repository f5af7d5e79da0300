// The benchmark's figures as one object: what the view shows and what "Download results" saves,
// so the file holds exactly the numbers on screen (unrounded). No DOM here.
//   ratioToBaseline = images/s of a build ÷ images/s of the baseline (the first run: scalar) on
//   the same model; for one model both builds do the same FLOPs per image, so it is also the
//   ratio of their GFLOP/s.

export const REPORT_KIND = 'mnist-playground-benchmark';
export const REPORT_VERSION = 1;

/**
 * A report before any run: each run's entry waits for its figures.
 * @param {{runs: import('./runs.js').BenchmarkRun[], presets: string[], batches: number,
 *   warmup: number, machine: object, date: string}} setup
 */
export function newReport({ runs, presets, batches, warmup, machine, date }) {
  return {
    kind: REPORT_KIND,
    version: REPORT_VERSION,
    date,
    machine,
    settings: { batches, warmupBatches: warmup, presets: [...presets] },
    baseline: runs[0]?.key ?? '',
    builds: runs.map((run) => ({ key: run.key, build: run.build, threads: run.threads, arch: '', loadSeconds: null, dataSeconds: null })),
    results: [],
    complete: false,
  };
}

/** Takes one worker message (bench-worker.js) of `run` into the report. */
export function recordMessage(report, run, message) {
  const entry = report.builds.find((b) => b.key === run.key);
  if (message.type === 'loaded') {
    Object.assign(entry, { arch: message.arch, threads: message.threads, loadSeconds: message.seconds });
  } else if (message.type === 'data') {
    entry.dataSeconds = message.seconds;
  } else if (message.type === 'result') {
    report.results.push({ preset: message.preset, key: run.key, build: run.build, threads: entry.threads, ...message.result });
    updateRatios(report);
  }
}

/** The results of one model, in run order, each with its ratio to the baseline's. */
export function resultsFor(report, preset) {
  return report.results.filter((r) => r.preset === preset);
}

function updateRatios(report) {
  for (const preset of report.settings.presets) {
    const base = report.results.find((r) => r.preset === preset && r.key === report.baseline);
    for (const r of resultsFor(report, preset)) r.ratioToBaseline = base ? r.imagesPerSecond / base.imagesPerSecond : null;
  }
}

/** The report as the downloaded file's text. */
export function reportJson(report) {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** A file name with the date: mnist-benchmark-2026-12-01T23-59-00.json */
export function reportFileName(report) {
  return `mnist-benchmark-${report.date.slice(0, 19).replace(/:/g, '-')}.json`;
}
