#!/usr/bin/env bash
# Runs every libFuzzer target (tests/fuzz/*_fuzz.cpp) for SECONDS each (default 60) under ASan and
# UBSan. .ci/run calls it with 60; a longer local run is the same command: bash scripts/fuzz.sh 1800
# Each target starts from its seed corpus: tests/fuzz/corpus/<target>/ (committed) plus seeds made
# here from the real MNIST files (a small IDX file, gzip files, a model file). Inputs that reach new
# code are kept in build/fuzz/corpus/<target>/, so the next run goes on from there.
# A crash, a sanitizer report, a leak, a hang (one input over 10 s) or an allocation beyond 2 GiB
# fails the run after all targets have had their turn; the input is saved in build/fuzz/artifacts/
# and belongs, once fixed, in tests/fuzz/corpus/<target>/ as a regression case.
# build/fuzz/summary.txt: one line per target (seconds, executions, corpus size, result).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
bash scripts/setup.sh
[ -f build/fuzz/build.ninja ] || cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ -DMNIST_FUZZ=ON >/dev/null
targets=($(cd tests/fuzz && ls *_fuzz.cpp | sed 's/\.cpp$//'))
cmake --build build/fuzz --target "${targets[@]}"

# Seeds from the real data (what the parsers see in normal use), made once.
seeds=build/fuzz/seeds
if [ ! -f "$seeds/model_file/cnn" ]; then
  mkdir -p "$seeds"/{idx,gzip,model_file}
  # Two real images behind an IDX header that says so (0x0803: unsigned bytes, 3 dimensions).
  gzip -dc data/mnist/t10k-images-idx3-ubyte.gz > "$seeds/images.raw"
  gzip -dc data/mnist/t10k-labels-idx1-ubyte.gz > "$seeds/labels.raw"
  { printf '\x00\x00\x08\x03\x00\x00\x00\x02\x00\x00\x00\x1c\x00\x00\x00\x1c'
    head -c $((16 + 2 * 784)) "$seeds/images.raw" | tail -c +17; } > "$seeds/idx/images"
  head -c 1000 "$seeds/labels.raw" > "$seeds/idx/labels_truncated"  # header says 10,000
  rm "$seeds/images.raw" "$seeds/labels.raw"
  gzip -9 -c "$seeds/idx/images" > "$seeds/gzip/images.gz"
  cp data/mnist/t10k-labels-idx1-ubyte.gz "$seeds/gzip/labels.gz"
  bash scripts/build-native.sh --target mnist-train >/dev/null
  # A 9 KB model file: conv, pooling and dense layers with their Adam state (under -max_len).
  build/native/mnist-train --model conv:2:3x3:relu,maxpool:4,flatten,dense:10:softmax --limit 1000 \
    --batch 100 --no-progress --save "$seeds/model_file/cnn" >/dev/null
fi

summary=build/fuzz/summary.txt
printf '# scripts/fuzz.sh: %s s per target, %s, %s\n' "$seconds" "$(date -u +%Y-%m-%dT%H:%MZ)" \
  "$(clang++ --version | head -1)" > "$summary"
mkdir -p build/fuzz/artifacts build/fuzz/logs
failed=0
for target in "${targets[@]}"; do
  name=${target%_fuzz}
  corpus=build/fuzz/corpus/$name
  mkdir -p "$corpus"
  log=build/fuzz/logs/$target.log
  echo "== $target for ${seconds}s"
  seed_dirs=(tests/fuzz/corpus/"$name" "$seeds/$name")
  existing=()
  for dir in "${seed_dirs[@]}"; do [ -d "$dir" ] && existing+=("$dir"); done
  result=ok
  build/fuzz/"$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="build/fuzz/artifacts/$target-" \
    "$corpus" "${existing[@]}" > "$log" 2>&1 || result=FAILED
  runs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+)/\1/p' "$log" | tail -1)
  if [ "$result" != ok ]; then
    failed=1
    artifact=$(sed -nE 's/.*Test unit written to (.*)/\1/p' "$log" | tail -1)
    result="FAILED: $(grep -m1 -E 'ERROR|SUMMARY|runtime error' "$log" || echo 'see the log')${artifact:+ (input: $artifact)}"
    grep -m 20 -E 'ERROR|SUMMARY|runtime error|#[0-9]+ ' "$log" || true  # -m: no pipe to break
  fi
  line="$target: ${seconds} s, ${runs:-0} executions, corpus $(ls "$corpus" | wc -l) files, $result"
  echo "$line" | tee -a "$summary"
done
exit "$failed"
