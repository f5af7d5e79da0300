#!/usr/bin/env bash
# The GoogleTest suite (tests/native) compiled to WebAssembly once per engine build and run under
# Node, so the code people run in the browser is unit-tested at its own widths:
#   mnist-tests-simd    -msimd128: xsimd's wasm kernels (4 float lanes), as in engine-simd
#   mnist-tests-scalar  no SIMD: the one-float kernels of engine-scalar
# They link the engines' own core libraries (build/wasm, same flags), GoogleTest built from
# Debian's sources and zlib from deps/zlib (scripts/setup.sh). NODERAWFS gives the tests the host's
# files (MNIST, scratch folders); --no-experimental-fetch makes the loader read the .wasm from
# disk (Node's fetch() cannot open a file path). Tests that need Linux itself (setrlimit, /proc)
# compile themselves out under Emscripten; every other test runs.
# Prints GoogleTest's summary per build and the seconds spent building and running.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${WASM_BUILD_DIR:-build/wasm}
start=$SECONDS
bash scripts/build-wasm.sh mnist-tests-simd mnist-tests-scalar
echo "[wasm tests] built in $((SECONDS - start)) s"
for variant in simd scalar; do
  start=$SECONDS
  echo "== mnist-tests-$variant (node $(node --version))"
  node --no-experimental-fetch "$build/mnist-tests-$variant.cjs" --gtest_brief=1
  echo "[wasm tests] $variant ran in $((SECONDS - start)) s"
done
