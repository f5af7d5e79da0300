#!/usr/bin/env bash
# One setup for every entry point (npm start, npm test, .ci/run): installs what is missing and
# returns quickly when everything is there. Safe to run again at any time.
#   - Debian packages: compilers, GoogleTest, Benchmark, zlib, Emscripten, Chromium
#   - xsimd >= 12 headers (WebAssembly support) into deps/xsimd when the system's is older
#   - npm packages (node_modules)
#   - the MNIST files into data/mnist (from ../shared/data/mnist, else a public mirror, checksummed)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
say() { printf '[setup] %s\n' "$*"; }

# ---------------------------------------------------------------- Debian packages
apt_packages=(build-essential cmake ninja-build googletest libgtest-dev libbenchmark-dev zlib1g-dev
              emscripten chromium clang libclang-rt-14-dev curl)
missing=()
command -v npm >/dev/null || missing+=(nodejs npm)  # any Node.js >= 20 will do; Debian's if none
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then sudo=(); elif command -v sudo >/dev/null; then sudo=(sudo); else
    say "missing Debian packages: ${missing[*]}"
    say "run as root: apt-get update && apt-get install -y ${missing[*]}"; exit 1
  fi
  say "installing Debian packages: ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# ---------------------------------------------------------------- xsimd >= 12
xsimd_version() {  # prints MAJOR of the xsimd headers under $1, or 0
  local f="$1/xsimd/config/xsimd_config.hpp"
  [ -f "$f" ] && awk '/define XSIMD_VERSION_MAJOR/{print $3}' "$f" || echo 0
}
if [ "$(xsimd_version /usr/include)" -ge 12 ] 2>/dev/null; then
  : # the distribution's own xsimd is new enough; CMake finds it
elif [ "$(xsimd_version deps/xsimd/include)" -lt 12 ]; then
  say "fetching xsimd >= 12 headers (Debian trixie's libxsimd-dev) into deps/xsimd"
  tmp=$(mktemp -d)
  mirror=$(grep -hoE '^URIs: *[^ ]+/debian/?$' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1 | awk '{print $2}' || true)
  [ -n "$mirror" ] || mirror=$(awk '$1=="deb" && $2 ~ /\/debian\/?$/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  [ -n "$mirror" ] || { say "cannot find a Debian mirror in the apt configuration"; exit 1; }
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main" > "$tmp/sources.list"
  mkdir -p "$tmp/lists/partial" "$tmp/archives/partial"
  O=(-o Dir::Etc::SourceList="$tmp/sources.list" -o Dir::Etc::SourceParts=/dev/null -o Dir::State::Lists="$tmp/lists"
     -o Dir::Cache="$tmp" -o Dir::Cache::Archives="$tmp/archives" -o APT::Sandbox::User=root)
  apt-get "${O[@]}" -qq update && (cd "$tmp" && apt-get "${O[@]}" -qq download libxsimd-dev)
  dpkg-deb -x "$tmp"/libxsimd-dev_*.deb "$tmp/root"
  rm -rf deps/xsimd && mkdir -p deps/xsimd && cp -r "$tmp/root/usr/include" deps/xsimd/
  rm -rf "$tmp"
fi

# ---------------------------------------------------------------- npm packages
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi

# ---------------------------------------------------------------- MNIST
bash scripts/fetch-mnist.sh data/mnist
