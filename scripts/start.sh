#!/usr/bin/env bash
# npm start: installs what is missing, builds the engines, then serves the page with Vite on
# http://127.0.0.1:${PORT:-8080}/ (MNIST and Fashion-MNIST from data/<id>/ at /data/<id>/).
# Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build-wasm.sh
port=${PORT:-8080}
echo "[start] open http://127.0.0.1:$port/"
exec npx vite --host 127.0.0.1 --port "$port" --strictPort
