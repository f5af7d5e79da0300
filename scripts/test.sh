#!/usr/bin/env bash
# The one test command (npm test): setup, then
#   1. the native GoogleTest suite and the CLI test (ctest, -march=native: AVX2/AVX-512 kernels),
#   2. the same suite compiled to WebAssembly, SIMD and scalar, under Node (scripts/test-wasm.sh),
#   3. the JavaScript unit tests (node --test tests/js: catalogues, lessons, comparison),
#   4. the headless browser tests (Playwright + Chromium),
# then one closing line counting them all ("tests: N passed, 0 failed"). Any failure stops with a
# non-zero exit code. The suite at SSE2 and scalar width (scripts/test-portable.sh), the sanitizer
# and the fuzzing runs are in .ci/run (slower).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build-native.sh
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
# The sum of GoogleTest's "[  PASSED  ] N tests." lines in a log.
gtest_passed() { sed -nE 's/^\[  PASSED  \] ([0-9]+) tests?\..*/\1/p' "$1" | awk '{n += $1} END {print n + 0}'; }

echo "== native tests (GoogleTest via ctest)"
ctest --test-dir build/native --output-on-failure -j2 | tee "$logs/native"
native=$(sed -nE 's/.*tests passed, [0-9]+ tests failed out of ([0-9]+).*/\1/p' "$logs/native")

echo "== WebAssembly unit tests (Node: SIMD and scalar)"
bash scripts/test-wasm.sh | tee "$logs/wasm"
wasm=$(gtest_passed "$logs/wasm")

echo "== JavaScript unit tests (node --test)"
node --test tests/js/ 2>&1 | tee "$logs/js"
js=$(sed -nE 's/^# pass ([0-9]+)$/\1/p' "$logs/js")

echo "== browser tests (Playwright, headless Chromium)"
# The engines and dist/: the dev server needs the engines, tests/e2e/package.spec.js packs dist/.
bash scripts/build-web.sh
npx playwright test | tee "$logs/browser"
browser=$(sed -nE 's/^ *([0-9]+) passed.*/\1/p' "$logs/browser" | tail -1)

echo "native tests: ${native:-0}, wasm unit tests: $wasm, JavaScript unit tests: ${js:-0}, browser tests: ${browser:-0}"
echo "tests: $(( ${native:-0} + wasm + ${js:-0} + ${browser:-0} )) passed, 0 failed"
