#!/usr/bin/env bash
# mnist-train as a user runs it: a short training run with --json, save then load, and bad input
# (missing directory, wrong magic, truncated file, checksum mismatch, bad spec, bad flag), each of
# which must exit non-zero with one line naming the file or flag and the problem.
# Usage: mnist_train_test.sh PATH/TO/mnist-train DATA_DIR
set -uo pipefail
cli=$1
data=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
passed=0

pass() { passed=$((passed + 1)); }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# expect_error NAME REGEX ARGS...: non-zero exit, exactly one line on stderr matching REGEX.
expect_error() {
  local name=$1 regex=$2
  shift 2
  "$cli" "$@" >"$work/out" 2>"$work/err"
  local code=$?
  local lines
  lines=$(wc -l <"$work/err")
  if [ "$code" -eq 0 ]; then fail "$name: exit code 0"; return; fi
  if [ "$lines" -ne 1 ]; then fail "$name: $lines lines on stderr: $(cat "$work/err")"; return; fi
  if ! grep -qE -e "$regex" "$work/err"; then fail "$name: '$(cat "$work/err")' does not match /$regex/"; return; fi
  pass
}

# A broken copy of the data directory: the four files, then $1 applied to one of them.
broken_copy() {
  rm -rf "$work/data" && mkdir -p "$work/data" && cp "$data"/*.gz "$data"/SHA256SUMS.raw "$work/data/"
}

# ---- a short run: JSON lines with the documented fields, then save and load
"$cli" --data "$data" --limit 5000 --epochs 1 --json --save "$work/model.bin" >"$work/run.json" 2>"$work/run.err"
if [ $? -ne 0 ]; then fail "short run: $(cat "$work/run.err")"; else
  epoch_line=$(sed -n 1p "$work/run.json")
  final_line=$(tail -n 1 "$work/run.json")
  for field in epoch train_loss train_acc val_acc seconds samples_per_s; do
    echo "$epoch_line" | grep -q "\"$field\":" && pass || fail "short run: no $field in $epoch_line"
  done
  test_acc=$(echo "$final_line" | sed -nE 's/.*"test_acc":([0-9.]+).*/\1/p')
  awk -v a="$test_acc" 'BEGIN { exit !(a >= 0.85) }' && pass || fail "short run: test_acc '$test_acc' < 0.85"
  loaded=$("$cli" --data "$data" --load "$work/model.bin" --json | tail -n 1 | sed -nE 's/.*"test_acc":([0-9.]+).*/\1/p')
  [ "$loaded" = "$test_acc" ] && pass || fail "load: test_acc $loaded, trained model had $test_acc"
fi

# ---- bad input
expect_error missing-directory "/nonexistent: missing directory" --data /nonexistent
expect_error bad-spec "layer 1 'dense:abc': units must be" --data "$data" --model dense:abc
expect_error bad-flag "unknown option '--epoch'" --data "$data" --epoch 3
expect_error bad-number "--lr: expects a number" --data "$data" --lr fast

broken_copy
head -c 1000 "$data/t10k-labels-idx1-ubyte.gz" >"$work/data/t10k-labels-idx1-ubyte.gz"
expect_error truncated-gzip "t10k-labels-idx1-ubyte.gz: .*truncated" --data "$work/data"

broken_copy
printf 'not an idx file' | gzip >"$work/data/t10k-labels-idx1-ubyte.gz"
expect_error checksum "t10k-labels-idx1-ubyte: checksum mismatch" --data "$work/data"

broken_copy
rm "$work/data/SHA256SUMS.raw"
printf '\x00\x00\x09\x01\x00\x00\x00\x01\x07' | gzip >"$work/data/t10k-labels-idx1-ubyte.gz"
expect_error wrong-type "t10k-labels-idx1-ubyte.*type" --data "$work/data"

broken_copy
rm "$work/data/SHA256SUMS.raw"
printf '\x08\x00\x08\x01\x00\x00\x00\x01\x07' | gzip >"$work/data/t10k-labels-idx1-ubyte.gz"
expect_error wrong-magic "t10k-labels-idx1-ubyte.*magic" --data "$work/data"

printf 'garbage' >"$work/garbage.bin"
expect_error bad-model-file "garbage.bin: not a model file" --data "$data" --load "$work/garbage.bin"

echo "mnist-train: $passed passed, $failures failed"
[ "$failures" -eq 0 ]
