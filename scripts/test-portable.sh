#!/usr/bin/env bash
# The native suite at the widths the default build (-march=native) may not run, on x86-64:
#   build/native-avx2    -DMNIST_ARCH=x86-64-v3: xsimd's AVX2 + FMA kernels (8 float lanes), the
#                        common desktop CPU (skipped on a CPU without AVX2)
#   build/native-sse2    -DMNIST_ARCH=x86-64: any x86-64 CPU, xsimd's SSE2 kernels (4 float lanes)
#   build/native-scalar  -DMNIST_ARCH=x86-64 -DMNIST_SCALAR=ON: the kernels' no-SIMD path
# Together with scripts/test-wasm.sh every kernel width the project ships is unit-tested.
# Prints GoogleTest's summary per build and the seconds spent building and running.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(uname -m)" != x86_64 ]; then
  echo "[portable tests] not an x86-64 machine: skipped"
  exit 0
fi
for variant in avx2 sse2 scalar; do
  build=build/native-$variant
  if [ "$variant" = avx2 ] && ! grep -qw avx2 /proc/cpuinfo; then
    echo "[portable tests] this CPU has no AVX2: avx2 skipped"
    continue
  fi
  scalar=OFF; [ "$variant" = scalar ] && scalar=ON
  arch=x86-64; [ "$variant" = avx2 ] && arch=x86-64-v3
  start=$SECONDS
  [ -f "$build/build.ninja" ] || cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DMNIST_ARCH=$arch -DMNIST_SCALAR=$scalar >/dev/null
  cmake --build "$build" --target mnist-tests
  echo "[portable tests] $variant built in $((SECONDS - start)) s"
  start=$SECONDS
  echo "== $build/mnist-tests"
  "$build/mnist-tests" --gtest_brief=1
  echo "[portable tests] $variant ran in $((SECONDS - start)) s"
done
