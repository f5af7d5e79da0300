#!/usr/bin/env bash
# The thread pool and everything that runs on it under ThreadSanitizer (build/tsan, clang): the
# pool's own tests, GEMM, the layers and full training runs on every core, so a data race between
# the threads fails the build's check. Prints GoogleTest's summary and the seconds spent.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
start=$SECONDS
[ -f build/tsan/build.ninja ] || cmake -S . -B build/tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_CXX_FLAGS="-fsanitize=thread" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread" >/dev/null
cmake --build build/tsan --target mnist-tests
echo "[threads] built in $((SECONDS - start)) s"
start=$SECONDS
TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 build/tsan/mnist-tests --gtest_brief=1 \
  --gtest_filter='Parallel*:KernelsGemm*:Conv2D*:Pool2D*:Cnn*:GradientCheck*:Optimizer*:Trainer*:Sequential*'
echo "[threads] ran in $((SECONDS - start)) s"
