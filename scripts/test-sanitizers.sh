#!/usr/bin/env bash
# The native suite built with clang under AddressSanitizer (with LeakSanitizer) and
# UndefinedBehaviorSanitizer (build/asan). Any report fails the run: UBSan does not recover, ASan
# and LSan exit non-zero. Too slow for every local npm test, so .ci/run runs it after npm test;
# run it yourself after touching memory-heavy code. Prints GoogleTest's summary and the seconds
# spent building and running.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
start=$SECONDS
[ -f build/asan/build.ninja ] || cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_CXX_FLAGS="-fsanitize=address,undefined -fno-sanitize-recover=undefined" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
cmake --build build/asan --target mnist-tests
echo "[sanitizers] built in $((SECONDS - start)) s"
start=$SECONDS
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
  build/asan/mnist-tests --gtest_brief=1
echo "[sanitizers] ran in $((SECONDS - start)) s"
