#!/usr/bin/env bash
# Installs Debian's Chromium for the end-to-end tests when it is missing (playwright-core drives it; nothing is downloaded
# by a test tool). Runs before `npm test`; without root or sudo it explains and leaves the browser tests to say so.
set -uo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
# Thai, CJK and Devanagari (Hindi) fonts make the saved screenshots readable; the tests themselves read text, not
# pixels. Each language's font package is in its catalogue entry (functions/domain/languages.ts, `font`), which also
# names the family in the inbox's stylesheet; test/unit/languages.test.ts checks every one is listed here.
FONTS=(fonts-thai-tlwg fonts-noto-cjk fonts-noto-core)
PACKAGES=(chromium "${FONTS[@]}")
missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
for font in "${FONTS[@]}"; do
  dpkg-query -W -f='${Status}' "$font" 2>/dev/null | grep -q "install ok installed" || missing+=("$font")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  SUDO="sudo -n"
else
  echo "setup-browser: missing ${missing[*]}; install with: sudo apt-get install ${PACKAGES[*]}" >&2
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
install() {
  $SUDO apt-get install -y --no-install-recommends "$@" >/dev/null 2>&1 ||
    { $SUDO apt-get update -qq && $SUDO apt-get install -y --no-install-recommends "$@" >/dev/null; }
}
echo "setup-browser: installing ${missing[*]} from Debian for the end-to-end tests"
# One package at a time: fonts that fail to install must not keep the browser out.
for package in "${missing[@]}"; do
  install "$package" || echo "setup-browser: apt-get could not install $package" >&2
done
exit 0
