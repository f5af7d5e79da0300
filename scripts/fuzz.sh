#!/usr/bin/env bash
# Runs each libFuzzer target (tests/fuzz/*_fuzz.cpp) for SECONDS (default 30) under ASan and UBSan.
# Seeds: the real MNIST label file and small valid inputs written here. A crash stops with the
# reproducer saved in build/fuzz/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
bash scripts/setup.sh
[ -f build/fuzz/build.ninja ] || cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ -DMNIST_FUZZ=ON >/dev/null
cmake --build build/fuzz --target idx_fuzz model_file_fuzz model_spec_fuzz
mkdir -p build/fuzz/seeds/{idx,model_file,model_spec}
gzip -dc data/mnist/t10k-labels-idx1-ubyte.gz | head -c 4000 > build/fuzz/seeds/idx/labels
printf 'dense:256:relu,dense:10:softmax' > build/fuzz/seeds/model_spec/mlp
printf 'conv:8:5x5:relu,maxpool:2,conv:16:5x5:s2:same:relu,flatten,dropout:0.5,dense:10:softmax' \
  > build/fuzz/seeds/model_spec/cnn
[ -f build/native/mnist-train ] && [ ! -f build/fuzz/seeds/model_file/small ] &&
  build/native/mnist-train --model dense:10:softmax --epochs 1 --batch 512 --no-progress \
    --save build/fuzz/seeds/model_file/small >/dev/null
for target in idx model_file model_spec; do
  echo "== ${target}_fuzz for ${seconds}s"
  (cd build/fuzz && ./${target}_fuzz -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 \
     -print_final_stats=1 "seeds/$target" 2>&1 | grep -E 'stat::number_of_executed_units|ERROR|SUMMARY|Done' || true)
done
