// The benchmark's plan and figures (web/benchmark/runs.js, report.js): which builds run where,
// and the report's ratios to the baseline build, which the view shows and the download saves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { benchmarkRuns } from '../../web/benchmark/runs.js';
import { newReport, recordMessage, reportFileName, reportJson, resultsFor, REPORT_KIND } from '../../web/benchmark/report.js';

test('scalar always and first, SIMD where supported, threads (1 and every thread) only when isolated', () => {
  const keys = (browser) => benchmarkRuns(browser).map((r) => r.key);
  assert.deepEqual(keys({ simd: false, isolated: false }), ['scalar']);
  assert.deepEqual(keys({ simd: true, isolated: false }), ['scalar', 'simd']);
  assert.deepEqual(keys({ simd: true, isolated: true }), ['scalar', 'simd', 'threads-1', 'threads-max']);
  const threads = benchmarkRuns({ simd: false, isolated: true }).filter((r) => r.build === 'threads');
  assert.deepEqual(threads.map((r) => r.threads), [1, 'max']);
});

const result = (imagesPerSecond) => ({
  spec: 'dense:256:relu,dense:10:softmax', batchSize: 32, optimizer: 'adam', batches: 10, images: 320,
  seconds: 320 / imagesPerSecond, engineSeconds: 0.9 * 320 / imagesPerSecond, imagesPerSecond,
  flopsPerImage: 895651.75, gflopsPerSecond: imagesPerSecond * 895651.75 / 1e9,
});

test('ratios are images/s over the baseline\'s on the same model; the file is the report as shown', () => {
  const runs = benchmarkRuns({ simd: true, isolated: false });
  const report = newReport({ runs, presets: ['mlp'], batches: 10, warmup: 2, date: '2026-12-01T23:59:01.000Z',
    machine: { hardwareConcurrency: 2, userAgent: 'test', crossOriginIsolated: false } });
  assert.equal(report.kind, REPORT_KIND);
  assert.equal(report.baseline, 'scalar');
  const [scalar, simd] = runs;
  recordMessage(report, simd, { type: 'loaded', build: 'simd', arch: 'xsimd kernels: wasm', threads: 1, seconds: 0.4 });
  recordMessage(report, simd, { type: 'data', seconds: 1.5 });
  recordMessage(report, simd, { type: 'result', preset: 'mlp', result: result(9000) });
  assert.equal(resultsFor(report, 'mlp')[0].ratioToBaseline, null);  // no baseline yet
  recordMessage(report, scalar, { type: 'result', preset: 'mlp', result: result(3000) });
  const [first, second] = resultsFor(report, 'mlp');
  assert.equal(first.key, 'simd');
  assert.equal(first.ratioToBaseline, 3);
  assert.equal(second.ratioToBaseline, 1);
  assert.deepEqual(report.builds.find((b) => b.key === 'simd'),
    { key: 'simd', build: 'simd', threads: 1, arch: 'xsimd kernels: wasm', loadSeconds: 0.4, dataSeconds: 1.5 });
  assert.deepEqual(JSON.parse(reportJson(report)), report);
  assert.equal(reportFileName(report), 'mnist-benchmark-2026-12-01T23-59-01.json');
});
