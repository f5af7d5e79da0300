#!/usr/bin/env bash
# One setup for every entry point (npm start, npm test, .ci/run): installs what is missing and
# returns quickly when everything is there. Safe to run again at any time.
#   - Debian packages: compilers, GoogleTest, Benchmark, zlib, Emscripten, Chromium, and Python's
#     onnx and numpy (tests/interop checks the ONNX export with them)
#   - xsimd >= 12 headers (WebAssembly support) into deps/xsimd when the system's is older
#   - the stb image headers (libstb-dev) into deps/stb, for native and WebAssembly builds alike
#   - npm packages (node_modules)
#   - the MNIST files into data/mnist (from ../shared/data/mnist, else a public mirror, checksummed)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
say() { printf '[setup] %s\n' "$*"; }

# ---------------------------------------------------------------- Debian packages
apt_packages=(build-essential cmake ninja-build googletest libgtest-dev libbenchmark-dev zlib1g-dev
              emscripten chromium clang libclang-rt-14-dev curl python3-onnx python3-numpy
              python3-torch libstb-dev dataset-fashion-mnist)
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

# ---------------------------------------------------------------- files from the Debian archive
# apt-get with a private configuration in a temporary folder (the system's apt setup is left alone):
# debian_apt SUITE ARGS... runs apt-get ARGS in that folder with SUITE's binary and source lists.
apt_tmp=
debian_apt() {
  local suite=$1; shift
  if [ -z "$apt_tmp" ]; then
    apt_tmp=$(mktemp -d)
    trap 'rm -rf "$apt_tmp"' EXIT
  fi
  local mirror dir="$apt_tmp/$suite"
  mirror=$(grep -hoE '^URIs: *[^ ]+/debian/?$' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1 | awk '{print $2}' || true)
  [ -n "$mirror" ] || mirror=$(awk '$1=="deb" && $2 ~ /\/debian\/?$/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  [ -n "$mirror" ] || { say "cannot find a Debian mirror in the apt configuration"; exit 1; }
  local O=(-o Dir::Etc::SourceList="$dir/sources.list" -o Dir::Etc::SourceParts=/dev/null -o Dir::State::Lists="$dir/lists"
           -o Dir::Cache="$dir" -o Dir::Cache::Archives="$dir/archives" -o APT::Sandbox::User=root)
  if [ ! -d "$dir" ]; then
    mkdir -p "$dir/lists/partial" "$dir/archives/partial"
    printf 'deb%s [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] %s %s main\n' '' "$mirror" "$suite" -src "$mirror" "$suite" \
      > "$dir/sources.list"
    apt-get "${O[@]}" -qq update
  fi
  (cd "$dir" && apt-get "${O[@]}" -qq "$@")
}

# ---------------------------------------------------------------- xsimd >= 12
xsimd_version() {  # prints MAJOR of the xsimd headers under $1, or 0
  local f="$1/xsimd/config/xsimd_config.hpp"
  [ -f "$f" ] && awk '/define XSIMD_VERSION_MAJOR/{print $3}' "$f" || echo 0
}
if [ "$(xsimd_version /usr/include)" -ge 12 ] 2>/dev/null; then
  : # the distribution's own xsimd is new enough; CMake finds it
elif [ "$(xsimd_version deps/xsimd/include)" -lt 12 ]; then
  say "fetching xsimd >= 12 headers (Debian trixie's libxsimd-dev) into deps/xsimd"
  debian_apt trixie download libxsimd-dev
  dpkg-deb -x "$apt_tmp"/trixie/libxsimd-dev_*.deb "$apt_tmp/xsimd"
  rm -rf deps/xsimd && mkdir -p deps/xsimd && cp -r "$apt_tmp/xsimd/usr/include" deps/xsimd/
fi

# ---------------------------------------------------------------- zlib sources (WebAssembly tests)
# The unit tests compiled to WebAssembly (scripts/test-wasm.sh) read the gzip'd MNIST files with the
# CLI's zlib code; Emscripten's zlib port cannot be downloaded here, so zlib is compiled from the
# sources of Debian's own package (CMakeLists.txt builds the .c files in deps/zlib).
if [ ! -f deps/zlib/inflate.c ]; then
  say "fetching zlib sources (Debian source package zlib) into deps/zlib"
  codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
  debian_apt "$codename" source --download-only zlib
  rm -rf deps/zlib && mkdir -p deps/zlib
  tar -xf "$apt_tmp/$codename"/zlib_*.orig.tar.* -C deps/zlib --strip-components=1
fi

# ---------------------------------------------------------------- stb headers (image decoding)
# Only the stb headers the engine uses, copied from Debian's libstb-dev into deps/stb/stb: the wasm
# build must not see the host's /usr/include, so CMake adds deps/stb alone (as a system directory).
for h in stb_image.h stb_image_write.h; do
  cmp -s /usr/include/stb/$h deps/stb/stb/$h || { mkdir -p deps/stb/stb && cp /usr/include/stb/$h deps/stb/stb/; }
done

# ---------------------------------------------------------------- npm packages
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi

# ---------------------------------------------------------------- MNIST and Fashion-MNIST
bash scripts/fetch-data.sh mnist
bash scripts/fetch-data.sh fashion-mnist
