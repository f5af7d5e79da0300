#!/usr/bin/env bash
# The one test command (npm test): setup, native GoogleTest suite, then the headless browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build-native.sh
echo "== native tests (GoogleTest via ctest)"
ctest --test-dir build/native --output-on-failure -j2
if [ -f playwright.config.js ]; then
  echo "== browser tests (Playwright, headless Chromium)"
  bash scripts/build-wasm.sh
  npx playwright test
fi
