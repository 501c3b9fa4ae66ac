#!/usr/bin/env bash
# Installs Debian's Chromium for the end-to-end tests when it is missing (playwright-core drives it; nothing is downloaded
# by a test tool). Runs before `npm test`; without root or sudo it explains and leaves the browser tests to say so.
set -uo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  SUDO="sudo -n"
else
  echo "setup-browser: Chromium is not at $CHROMIUM; install it with: sudo apt-get install chromium" >&2
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
echo "setup-browser: installing Debian's chromium for the end-to-end tests"
$SUDO apt-get install -y --no-install-recommends chromium >/dev/null 2>&1 ||
  { $SUDO apt-get update -qq && $SUDO apt-get install -y --no-install-recommends chromium >/dev/null; } ||
  echo "setup-browser: apt-get could not install chromium" >&2
exit 0
