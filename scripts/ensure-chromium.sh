#!/usr/bin/env bash
# Finds the Chromium the end-to-end tests drive, installing Debian's package when it is missing and we may.
# Playwright cannot download its own browser here (no internet but the package registries).
set -euo pipefail
browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
# Debian's wrapper script writes a shell warning to stderr on some machines: the version is on stdout.
say_browser() { echo "End-to-end tests run in: $browser ($("$browser" --version 2>/dev/null || echo 'version unknown'))"; }
if [ -x "$browser" ]; then
  say_browser
  exit 0
fi
echo "Chromium not found at $browser: installing Debian's chromium package..."
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  if apt-get install -y --no-install-recommends chromium >/dev/null 2>&1 \
    || { apt-get update >/dev/null && apt-get install -y --no-install-recommends chromium >/dev/null; }; then
    [ -x "$browser" ] && { say_browser; exit 0; }
  fi
fi
cat >&2 <<MSG
Cannot install Chromium here. Do one of:
  - as root on Debian/Ubuntu:  apt-get update && apt-get install -y chromium
  - or point the tests at an existing Chromium or Chrome:  CHROMIUM_PATH=/path/to/chrome npm test
MSG
exit 1
