#!/usr/bin/env bash
# Native benchmarks (npm run bench): GEMM GFLOP/s at the seed MLP's shapes and at CNN small's
# convolution shapes beside the core's measured FMA peak (bench/conv_bench.cpp), and full training
# epochs.
# Extra arguments go to Google Benchmark, e.g. npm run bench -- --benchmark_filter=Gemm
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build-native.sh --target mnist-bench
exec build/native/mnist-bench "$@"
