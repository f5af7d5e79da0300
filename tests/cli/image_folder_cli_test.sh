#!/usr/bin/env bash
# mnist-train --data DIR with a user's own images, as a user runs it: a generated folder of PNGs
# per class (tests/tools/make_png_folder.cpp: rings, horizontal and vertical bars, 32x32, dark on
# light) trains to a high test accuracy with a 3-unit output layer, and the run reports the classes,
# the split and what was done to the images, in the human output and in --json. The same with
# train/ and test/ folders and under a wrapping folder; save then load. Bad uploads (a corrupt
# image, one class, eleven, an empty class folder, mixed sizes, an image at the top, a 10-unit
# model) exit non-zero with one line naming the file or folder.
# Usage: image_folder_cli_test.sh PATH/TO/mnist-train PATH/TO/make-png-folder
set -uo pipefail
cli=$1
make_pngs=$2
source "$(dirname "$0")/cli_test_lib.sh"

# expect_output NAME FILE PATTERN: FILE has a line containing PATTERN (fixed string).
expect_output() {
  grep -qF -e "$3" "$2" && pass || fail "$1: no '$3' in: $(cat "$2")"
}

three=(--model dense:64:relu,dense:3:softmax --no-progress)
"$make_pngs" "$work/shapes" 60 || { echo "FAIL: make-png-folder"; exit 1; }

# ---- training: 60 images per class -> 9 test (1 in 7) and 51 train each; validation 153/12 -> 13
"$cli" --data "$work/shapes" "${three[@]}" --epochs 8 --batch 16 --save "$work/model.bin" \
  >"$work/run.txt" 2>"$work/run.err"
if [ $? -ne 0 ]; then fail "human run: $(cat "$work/run.err")"; else
  expect_output human "$work/run.txt" "images per class: horizontal 60, ring 60, vertical 60"
  expect_output human "$work/run.txt" "test images: 1 in 7 of each class"
  expect_output human "$work/run.txt" "images: 32x32, scaled to fit 28x28, inverted (dark ink on a light background)"
  expect_output human "$work/run.txt" "not images (skipped): README.txt"
  expect_output human "$work/run.txt" "140 train, 13 validation, 27 test images"
  expect_output human "$work/run.txt" "classes: horizontal, ring, vertical"
  test_acc=$(sed -nE 's/^test accuracy: ([0-9.]+)%.*/\1/p' "$work/run.txt")
  awk -v a="$test_acc" 'BEGIN { exit !(a >= 90) }' && pass || fail "human run: test accuracy '$test_acc' < 90%"
  "$cli" --data "$work/shapes" --load "$work/model.bin" >"$work/load.txt" 2>&1
  expect_output load "$work/load.txt" "test accuracy: $test_acc%"
fi

"$cli" --data "$work/shapes" "${three[@]}" --epochs 1 --json >"$work/run.json" 2>"$work/run.err"
if [ $? -ne 0 ]; then fail "json run: $(cat "$work/run.err")"; else
  expect_output json "$work/run.json" '{"data":"'"$work/shapes"'","classes":["horizontal","ring","vertical"],"class_images":[60,60,60],"train":140,"validation":13,"test":27,"test_from_folder":false,"width":32,"height":32,"resized":true,"inverted":true,"skipped":1}'
  expect_output json "$work/run.json" '"test_acc":'
fi

# ---- train/ and test/ folders, inside one wrapping folder
"$make_pngs" "$work/split/pets/train" 24 >/dev/null && "$make_pngs" "$work/split/pets/test" 5 >/dev/null
"$cli" --data "$work/split" "${three[@]}" >"$work/split.txt" 2>"$work/split.err"
if [ $? -ne 0 ]; then fail "train/test: $(cat "$work/split.err")"; else
  expect_output train/test "$work/split.txt" "test images: the test/ folder"
  expect_output train/test "$work/split.txt" "66 train, 6 validation, 15 test images"
fi

# ---- bad uploads
bad() { rm -rf "$work/bad" && cp -r "$work/shapes" "$work/bad"; }
expect_error model-outputs "3 classes: end the model with dense:3:softmax" --data "$work/shapes"
bad; printf 'not a png' >"$work/bad/ring/x.png"
expect_error corrupt-image "bad: ring/x.png: not a PNG or JPEG file" --data "$work/bad" "${three[@]}"
bad; rm -rf "$work/bad/horizontal" "$work/bad/vertical"
expect_error one-class "only 1 class folder \(ring/\)" --data "$work/bad" "${three[@]}"
bad; mkdir "$work/bad/empty"
expect_error empty-class "class folder empty/ has no images" --data "$work/bad" "${three[@]}"
bad; cp "$work/bad/ring/000.png" "$work/bad/loose.png"
expect_error image-at-top "loose.png is directly at the top" --data "$work/bad" "${three[@]}"
bad; "$make_pngs" "$work/big" 1 40 >/dev/null && cp "$work/big/ring/000.png" "$work/bad/ring/zzz.png"
expect_error mixed-sizes "ring/zzz.png is 40x40 but horizontal/000.png is 32x32" --data "$work/bad" "${three[@]}"
bad; for k in 1 2 3 4 5 6 7 8; do cp -r "$work/bad/ring" "$work/bad/ring$k"; done
expect_error eleven-classes "11 class folders \(horizontal, ring, ring1, ring2, .*\): at most 10" --data "$work/bad" "${three[@]}"

echo "image_folder_cli_test: $passed passed, $failures failed"
[ "$failures" -eq 0 ]
