#!/usr/bin/env bash
# Puts a built-in dataset's four files (gzip) and their checksums into data/ID (or DEST):
#   bash scripts/fetch-data.sh mnist|fashion-mnist [DEST]
# scripts/datasets/ID.sha256 pins the uncompressed files' SHA-256 (the engine's own list,
# core/data/dataset_registry.cpp, is checked against it by the native tests) and names a local
# source and a public mirror. The local source is used when present (copied, never written to:
# ../shared/data/mnist, or Debian's dataset-fashion-mnist), else the mirror. Whatever the source,
# every file is verified against the pinned sum before it is kept.
# Environment: ID_SOURCE_DIR / ID_MIRROR with ID in capitals and - as _ (MNIST_SOURCE_DIR,
# FASHION_MNIST_MIRROR, ...) replace the local source and the mirror.
set -euo pipefail
cd "$(dirname "$0")/.."
id=${1:?usage: fetch-data.sh mnist|fashion-mnist [DEST]}
pins=scripts/datasets/$id.sha256
[ -f "$pins" ] || { echo "[data] unknown dataset '$id' (see scripts/datasets/)" >&2; exit 1; }
dest=${2:-data/$id}
prefix=$(printf '%s' "$id" | tr 'a-z-' 'A-Z_')
source_var=${prefix}_SOURCE_DIR mirror_var=${prefix}_MIRROR
local_src=${!source_var:-$(awk '$1=="#" && $2=="local" {print $3}' "$pins")}
mirror=${!mirror_var:-$(awk '$1=="#" && $2=="mirror" {print $3}' "$pins")}
sums=$(grep -v '^#' "$pins")

mkdir -p "$dest"
[ -f "$dest/SHA256SUMS.raw" ] || printf '%s\n' "$sums" > "$dest/SHA256SUMS.raw"
for f in $(printf '%s\n' "$sums" | awk '{print $2}'); do
  [ -f "$dest/$f.gz" ] && [ -f "$dest/.verified-$f" ] && continue
  if [ -f "$local_src/$f.gz" ]; then
    cp "$local_src/$f.gz" "$dest/$f.gz.part"
  else
    echo "[data] downloading $id's $f.gz from $mirror"
    curl -fsSL --retry 2 -o "$dest/$f.gz.part" "$mirror/$f.gz" ||
      { echo "[data] could not download $mirror/$f.gz; set $mirror_var or $source_var" >&2; exit 1; }
  fi
  want=$(printf '%s\n' "$sums" | awk -v f="$f" '$2==f{print $1}')
  got=$(gzip -dc "$dest/$f.gz.part" | sha256sum | awk '{print $1}')
  if [ "$want" != "$got" ]; then
    rm -f "$dest/$f.gz.part"
    echo "[data] checksum mismatch for $id's $f: expected $want, got $got" >&2; exit 1
  fi
  mv "$dest/$f.gz.part" "$dest/$f.gz" && touch "$dest/.verified-$f"
done
