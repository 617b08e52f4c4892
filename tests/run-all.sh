#!/usr/bin/env bash
# The whole test suite: types, import boundaries, unit/integration/fault tests, then end-to-end in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Chromium is missing: installing Debian's chromium and poppler-utils…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium poppler-utils >/dev/null
  else
    echo "The end-to-end tests need Debian's Chromium. Install it with:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium poppler-utils" >&2
    exit 1
  fi
fi

step() { printf '\n== %s\n' "$1"; }
step "types";        npx tsc -p tsconfig.json
step "lint";         npx eslint .
step "unit";         npx vitest run
step "end-to-end";   npx playwright test
