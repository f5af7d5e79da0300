#!/usr/bin/env bash
# The native suite built with clang under AddressSanitizer and UndefinedBehaviorSanitizer
# (build/asan). Slower than npm test; run it after touching memory-heavy code.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
[ -f build/asan/build.ninja ] || cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_CXX_FLAGS="-fsanitize=address,undefined -fno-sanitize-recover=undefined" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
cmake --build build/asan --target mnist-tests
build/asan/mnist-tests --gtest_brief=1
