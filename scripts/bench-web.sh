#!/usr/bin/env bash
# npm run bench:web: in headless Chromium, seconds per epoch and samples/s of the seed MLP (SIMD
# and scalar engines) and of the CNN small preset, and the engine's GEMM GFLOP/s at the seed MLP's
# shapes; beside each, the native benchmark's figure and the ratio; and the threaded engine's
# samples/s on one thread and on all, for both models (tests/e2e/bench-web.mjs).
# Prints one JSON line on stdout (progress goes to stderr).
#   BENCH_NATIVE=0  do not build the native benchmark (an existing build/native/mnist-bench is used)
#   CNN_SCALAR=0    skip the CNN epoch with the scalar engine (the slowest part)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >&2
bash scripts/build-wasm.sh >&2
if [ "${BENCH_NATIVE:-1}" != 0 ]; then
  bash scripts/build-native.sh --target mnist-bench >&2 ||
    echo "[bench:web] the native benchmark did not build: no native comparison" >&2
fi
exec node tests/e2e/bench-web.mjs
