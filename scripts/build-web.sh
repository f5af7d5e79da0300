#!/usr/bin/env bash
# npm run build: dist/, both the static site (index.html, embed.html, embed-demo.html, sw.js) and
# the npm package's files (web/mnist-playground.js and its chunks, engine/, data/mnist/ and
# data/fashion-mnist/), for any
# static host; vite.config.js describes the layout.
# Nothing special is needed from the host: without the COOP/COEP headers the page runs the
# single-threaded SIMD engine (with them, the threaded one: vite preview sends them), and no
# application/wasm MIME type (the worker fetches the .wasm bytes itself). The data files are
# included (about 11 MB for MNIST, 30 MB for Fashion-MNIST); MNIST_NO_DATA=1 leaves them out, then
# put the four .gz files in dist/data/<id>/ yourself, or point the page elsewhere with ?data=URL.
# Preview the result: npx vite preview (http://127.0.0.1:8080/).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build-wasm.sh
npx vite build
echo "[build] static site in dist/ ($(du -sh dist | cut -f1))"
