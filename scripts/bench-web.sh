#!/usr/bin/env bash
# npm run bench:web: seconds per epoch and samples/s of the seed MLP in headless Chromium, SIMD
# and scalar engines, and the ratio to the native benchmark when build/native/mnist-bench exists.
# Prints one JSON line on stdout (progress goes to stderr).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >&2
bash scripts/build-wasm.sh >&2
exec node tests/e2e/bench-web.mjs
