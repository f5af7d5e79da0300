#!/usr/bin/env bash
# Puts the four MNIST files (gzip) and their checksums into DIR (default data/mnist).
# Source: ../shared/data/mnist when present (read-only, copied), else a public mirror.
# The uncompressed bytes are verified against SHA256SUMS.raw whatever the source.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=${1:-data/mnist}
files=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte)
local_src=${MNIST_SOURCE_DIR:-../shared/data/mnist}
mirror=${MNIST_MIRROR:-https://storage.googleapis.com/cvdf-datasets/mnist}
sums='0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7  t10k-images-idx3-ubyte
ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2  t10k-labels-idx1-ubyte
ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db  train-images-idx3-ubyte
65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5  train-labels-idx1-ubyte'

mkdir -p "$dest"
[ -f "$dest/SHA256SUMS.raw" ] || printf '%s\n' "$sums" > "$dest/SHA256SUMS.raw"
for f in "${files[@]}"; do
  [ -f "$dest/$f.gz" ] && [ -f "$dest/.verified-$f" ] && continue
  if [ -f "$local_src/$f.gz" ]; then
    cp "$local_src/$f.gz" "$dest/$f.gz.part"
  else
    echo "[mnist] downloading $f.gz from $mirror"
    curl -fsSL --retry 2 -o "$dest/$f.gz.part" "$mirror/$f.gz" ||
      { echo "[mnist] could not download $mirror/$f.gz; set MNIST_MIRROR or MNIST_SOURCE_DIR" >&2; exit 1; }
  fi
  want=$(printf '%s\n' "$sums" | awk -v f="$f" '$2==f{print $1}')
  got=$(gzip -dc "$dest/$f.gz.part" | sha256sum | awk '{print $1}')
  if [ "$want" != "$got" ]; then
    rm -f "$dest/$f.gz.part"
    echo "[mnist] checksum mismatch for $f: expected $want, got $got" >&2; exit 1
  fi
  mv "$dest/$f.gz.part" "$dest/$f.gz" && touch "$dest/.verified-$f"
done
