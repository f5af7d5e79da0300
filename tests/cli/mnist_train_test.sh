#!/usr/bin/env bash
# mnist-train as a user runs it: a short training run with --json, save then load, and bad input
# (missing directory, wrong magic, truncated file, checksum mismatch, bad spec, bad flag, a model
# too big for the memory limit, an unwritable --save path, a model file from a newer version, a
# gzip bomb), each of which must exit non-zero with one line naming the file or flag and the
# problem; the hostile ones also quickly and with little memory.
# Usage: mnist_train_test.sh PATH/TO/mnist-train DATA_DIR
set -uo pipefail
cli=$1
data=$2
source "$(dirname "$0")/cli_test_lib.sh"

# peak_rss_kib ARGS...: the CLI's peak resident memory in KiB for these arguments ("" without
# GNU time, in which case the memory checks are skipped).
peak_rss_kib() {
  [ -x /usr/bin/time ] || { echo ""; return; }
  /usr/bin/time -f %M -o "$work/rss" "$cli" "$@" >/dev/null 2>&1
  tail -n 1 "$work/rss"
}

# expect_small NAME KIB ARGS...: the run peaks below KIB KiB of resident memory.
expect_small() {
  local name=$1 limit=$2
  shift 2
  local rss
  rss=$(peak_rss_kib "$@")
  if [ -z "$rss" ]; then return; fi
  if [ "$rss" -lt "$limit" ]; then pass; else fail "$name: peak RSS $rss KiB, expected < $limit KiB"; fi
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
  # --limit 5000: the epoch is 5000 images, and samples/s counts those (not 55,000).
  echo "$epoch_line" | grep -q '"samples":5000,' && pass || fail "short run: samples is not 5000 in $epoch_line"
  seconds=$(echo "$epoch_line" | sed -nE 's/.*"seconds":([0-9.]+).*/\1/p')
  rate=$(echo "$epoch_line" | sed -nE 's/.*"samples_per_s":([0-9.]+).*/\1/p')
  awk -v s="$seconds" -v r="$rate" 'BEGIN { n = s * r; exit !(n > 4800 && n < 5200) }' && pass ||
    fail "short run: samples_per_s $rate x seconds $seconds is not ~5000 images"
  # The save was atomic: no temporary file beside the model.
  leftovers=$(ls "$work" | grep -c '\.tmp-' || true)
  [ "$leftovers" -eq 0 ] && pass || fail "save left $leftovers temporary files: $(ls "$work")"
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

# A model file from a newer engine: magic, version 7, then bytes this version cannot know.
{ printf 'MNISTPG\x00\x07\x00\x00\x00'; head -c 16 /dev/zero; } >"$work/newer.bin"
expect_error newer-model-file \
  "newer.bin: model file version 7 is newer than this engine reads \(version 1\): update mnist-playground" \
  --data "$data" --load "$work/newer.bin"

# ---- hostile sizes: refused before the data is read, in well under a second, with ~4 MB
hostile=(--data "$data" --model conv:4096:5x5:same,flatten,dense:10:softmax --batch 4096)
start=$(date +%s%N)
expect_error memory-limit \
  "^mnist-train: this model needs [0-9.]+ GiB at batch 4096; the limit is 8 GiB: lower the batch size or the filters$" \
  "${hostile[@]}"
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$elapsed_ms" -lt 2000 ] && pass || fail "memory-limit: took $elapsed_ms ms"
expect_small memory-limit 65536 "${hostile[@]}"
expect_error memory-limit-flag "needs [0-9.]+ MiB at batch 32; the limit is 10.2 MiB: lower the units" \
  --data "$data" --memory-limit 0.01 --model dense:1024:relu,dense:10:softmax
expect_error memory-limit-value "--memory-limit: expects a size in GiB" --data "$data" --memory-limit 0

# ---- --save is checked before training: nothing is trained, nothing written
expect_error save-unwritable "^mnist-train: --save $work/nope/model.bin: cannot write: No such file or directory$" \
  --data "$data" --limit 1000 --save "$work/nope/model.bin"
[ ! -s "$work/out" ] && pass || fail "save-unwritable: trained anyway: $(head -c 200 "$work/out")"

# ---- a gzip bomb: a valid header for 10 images, then 200 MiB of zeros (~200 KiB compressed)
broken_copy
rm "$work/data/SHA256SUMS.raw"
{ printf '\x00\x00\x08\x03\x00\x00\x00\x0a\x00\x00\x00\x1c\x00\x00\x00\x1c'; head -c 200M /dev/zero; } |
  gzip -1 >"$work/data/train-images-idx3-ubyte.gz"
expect_error gzip-bomb "train-images-idx3-ubyte.gz: inflates past the 7856 bytes its IDX header declares" \
  --data "$work/data"
expect_small gzip-bomb 65536 --data "$work/data"

# ---- --dataset: Fashion-MNIST by name (Debian's dataset-fashion-mnist or data/fashion-mnist),
# its class names, and a folder of other files refused by the pinned sums
fashion=""
for dir in "$(dirname "$data")/fashion-mnist" /usr/share/datasets/fashion-mnist; do
  [ -f "$dir/train-labels-idx1-ubyte.gz" ] && { fashion=$dir; break; }
done
if [ -n "$fashion" ]; then
  "$cli" --dataset fashion-mnist --data "$fashion" --limit 2000 --epochs 1 --limit-test 1000 --no-progress \
    >"$work/out" 2>"$work/err"
  grep -q "^data: Fashion-MNIST in $fashion: 55000 train (training on the first 2000), 5000 validation, 1000 test images$" "$work/out" &&
    grep -q "^classes: T-shirt/top, Trouser, Pullover, Dress, Coat, Sandal, Shirt, Sneaker, Bag, Ankle boot$" "$work/out" &&
    grep -q "^test accuracy: " "$work/out" && pass || fail "fashion-mnist: $(cat "$work/out" "$work/err" | head -5)"
  expect_error fashion-pinned "is not Fashion-MNIST's train-images-idx3-ubyte" --dataset fashion-mnist --data "$data"
else
  echo "SKIP: no Fashion-MNIST files (scripts/setup.sh installs dataset-fashion-mnist)"
fi
expect_error unknown-dataset "--dataset: unknown dataset 'cifar': choose mnist, fashion-mnist" --dataset cifar

echo "mnist-train: $passed passed, $failures failed"
[ "$failures" -eq 0 ]
