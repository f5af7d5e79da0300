#!/usr/bin/env bash
# The one test command (npm test): setup, native GoogleTest suite, then the headless browser tests,
# then one closing line counting both ("tests: N passed, 0 failed"). Any failure stops with a
# non-zero exit code.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build-native.sh
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

echo "== native tests (GoogleTest via ctest)"
ctest --test-dir build/native --output-on-failure -j2 | tee "$logs/native"
native=$(sed -nE 's/.*tests passed, [0-9]+ tests failed out of ([0-9]+).*/\1/p' "$logs/native")

echo "== browser tests (Playwright, headless Chromium)"
# The engines and dist/: the dev server needs the engines, tests/e2e/package.spec.js packs dist/.
bash scripts/build-web.sh
npx playwright test | tee "$logs/browser"
browser=$(sed -nE 's/^ *([0-9]+) passed.*/\1/p' "$logs/browser" | tail -1)

echo "native tests: ${native:-0}, browser tests: ${browser:-0}"
echo "tests: $(( ${native:-0} + ${browser:-0} )) passed, 0 failed"
