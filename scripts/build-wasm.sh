#!/usr/bin/env bash
# Builds the three WebAssembly engines (npm run build:wasm) and copies them where the page loads them:
#   public/engine/engine-simd.{mjs,wasm}    -msimd128: xsimd's wasm kernels (4 float lanes)
#   public/engine/engine-scalar.{mjs,wasm}  no SIMD: for browsers without WebAssembly SIMD
#   public/engine/engine-threads.{mjs,wasm,worker.js}  SIMD and -pthread: for cross-origin isolated
#                                           pages; the .worker.js starts each pthread's Web Worker
# web/engine/engine.js picks one at run time. public/engine/ is generated (gitignored).
# With arguments, builds those targets of the same build instead and copies nothing
# (scripts/test-wasm.sh: mnist-tests-simd mnist-tests-scalar, which share the engines' libraries).
# Emscripten's JS optimizer needs acorn from Debian's node packages, hence NODE_PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=${NODE_PATH:-/usr/share/nodejs}
build=${WASM_BUILD_DIR:-build/wasm}
command -v emcmake >/dev/null || { echo "[wasm] emcmake not found: run scripts/setup.sh (Debian package emscripten)" >&2; exit 1; }
if [ ! -f "$build/build.ninja" ]; then
  # The Emscripten toolchain confines header searches to its sysroot; BOTH lets CMake find xsimd.
  emcmake cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_FIND_ROOT_PATH_MODE_INCLUDE=BOTH >/dev/null
fi
if [ $# -gt 0 ]; then
  exec cmake --build "$build" --target "$@" -j "${JOBS:-2}"
fi
cmake --build "$build" --target engine-simd engine-scalar engine-threads -j "${JOBS:-2}"
mkdir -p public/engine
for file in engine-{simd,scalar}.{mjs,wasm} engine-threads.{mjs,wasm,worker.js}; do
  cp -f "$build/$file" "public/engine/$file"
done
echo "[wasm] engines in public/engine/: $(cd public/engine && ls -s --block-size=K | tail -n +2 | tr '\n' ' ')"
