#!/usr/bin/env bash
# Configures (once) and builds the native targets: core library, mnist-train, mnist-tests, mnist-bench.
# Extra arguments go to cmake --build (e.g. --target mnist-bench).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${NATIVE_BUILD_DIR:-build/native}
[ -f "$build/build.ninja" ] || cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" "$@"
