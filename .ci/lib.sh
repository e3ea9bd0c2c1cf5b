# Shared steps for .ci/start, .ci/test and .ci/run. Sourced, not run.
# Installs only from crates.io, the npm registry and Debian's packages.

set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
WASM_BINDGEN_VERSION=0.2.130
# Two cores: one job per core keeps memory and the machine responsive.
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-2}"
export PATH="$HOME/.cargo/bin:$PATH"

# Tools installed from crates.io (wasm-bindgen-cli, cargo-machete,
# cargo-deny) are built once per machine and run for seconds: a light
# optimisation compiles them in about half the time of their own release
# profiles (fat LTO, one codegen unit) and runs them as fast as CI notices.
cargo_install() {
  CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_LTO=false \
  CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_PROFILE_RELEASE_DEBUG=false \
    cargo install "$@"
}

say() { printf '\n==> %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  if [ ${#missing[@]} -gt 0 ]; then
    say "Installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

ensure_rust() {
  command -v cargo >/dev/null || { echo "cargo not found: install Rust with rustup first (https://rustup.rs)"; exit 1; }
  if ! rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
    say "Adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION"; then
    say "Installing wasm-bindgen-cli $WASM_BINDGEN_VERSION from crates.io (a few minutes, once)"
    # Not --locked: its lockfile does not resolve on this toolchain.
    cargo_install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
  fi
}

# ensure_cargo_tool CRATE VERSION [BINARY]: installs a cargo subcommand from
# crates.io unless that version is already on PATH.
ensure_cargo_tool() {
  local crate="$1" version="$2" bin="${3:-$1}"
  if ! "$bin" --version 2>/dev/null | grep -qw "$version"; then
    say "Installing $crate $version from crates.io (once)"
    cargo_install "$crate" --version "$version" --locked
  fi
}

ensure_node_tools() {
  command -v npm >/dev/null || apt_install nodejs npm
  if [ ! -x end2end/node_modules/.bin/playwright ] || [ ! -x end2end/node_modules/.bin/wasm-opt ] \
     || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
    say "Installing the browser-test packages (npm)"
    (cd end2end && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

ensure_chromium() {
  [ -x /usr/bin/chromium ] || apt_install chromium
}

# build_site debug|release: the hydration bundle and stylesheet in target/site/pkg,
# named after their content (target/site/hash.txt lists the hashes), and the
# static assets of public/ (the favicon, as cargo-leptos's assets-dir) in
# target/site. Release: the wasm-release profile,
# wasm-opt -Oz (npm binaryen; Debian's breaks hydration) and brotli and gzip
# copies of each file. Needs node (ensure_node_tools).
build_site() {
  local profile="$1" dir flag=() pack=()
  if [ "$profile" = release ]; then dir=wasm-release; flag=(--profile wasm-release); pack=(--compress); else dir=debug; fi
  say "Building the browser bundle ($profile)"
  cargo build -p app --lib --target wasm32-unknown-unknown --no-default-features --features hydrate "${flag[@]}"
  mkdir -p target/site/pkg
  cp -R public/. target/site/
  # The steps below take a minute or two in release: skip them when the site
  # was last built from this very wasm and stylesheet.
  local wasm="target/wasm32-unknown-unknown/$dir/app.wasm" stamp=target/site/.built
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$profile" ] && [ "$stamp" -nt "$wasm" ] \
     && [ "$stamp" -nt style/main.css ] && [ "$stamp" -nt .ci/pack_site.mjs ] && [ -f target/site/hash.txt ]; then
    echo "The browser bundle is up to date."
    return
  fi
  rm -f "$stamp"
  wasm-bindgen --target web --no-typescript --out-dir target/site/pkg --out-name panelkit "$wasm"
  if [ "$profile" = release ]; then
    [ -x end2end/node_modules/.bin/wasm-opt ] || { echo "end2end/node_modules/.bin/wasm-opt missing: run ensure_node_tools"; exit 1; }
    # Without -g, wasm-opt also drops the name section.
    end2end/node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
      --strip-producers target/site/pkg/panelkit_bg.wasm -o target/site/pkg/panelkit_bg.wasm
  fi
  cp style/main.css target/site/pkg/panelkit.css
  node .ci/pack_site.mjs target/site "${pack[@]}"
  echo "$profile" > "$stamp"
}

# The whole browser bundle (script and wasm) must fit in this many KB gzipped:
# the size it has now (714 KB, islands: only the interactive parts of pages
# hydrate), rounded up, so that it can only shrink (BENCHMARKS.md, "Browser
# bundle", says what is in it and what is left to cut).
BUNDLE_BUDGET_KB=716

# check_bundle_budget: fails when the release bundle built by
# `build_site release` is over BUNDLE_BUDGET_KB gzipped.
check_bundle_budget() {
  local gz=(target/site/pkg/panelkit.*.js.gz target/site/pkg/panelkit.*.wasm.gz) total=0 f
  for f in "${gz[@]}"; do
    [ -f "$f" ] || { echo "no $f: build the release bundle first (build_site release)"; return 1; }
    total=$((total + $(stat -c %s "$f")))
  done
  local br=0
  for f in target/site/pkg/panelkit.*.js.br target/site/pkg/panelkit.*.wasm.br; do br=$((br + $(stat -c %s "$f"))); done
  printf 'Browser bundle (script + wasm): %d KB gzip, %d KB brotli; budget %d KB gzip\n' \
    $((total / 1024)) $((br / 1024)) "$BUNDLE_BUDGET_KB"
  if [ "$total" -gt $((BUNDLE_BUDGET_KB * 1024)) ]; then
    echo "The browser bundle is over its budget of $BUNDLE_BUDGET_KB KB gzipped."
    return 1
  fi
}

# build_server debug|release: the panelkit binary.
build_server() {
  say "Building the server ($1)"
  if [ "$1" = release ]; then cargo build -p server --release; else cargo build -p server; fi
}
