#!/usr/bin/env bash
# Installs Debian's Chromium and ChromeDriver for the browser tests, if they are missing. Idempotent.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  echo "browser.sh: $(chromium --version 2>/dev/null) and chromedriver present" >&2
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "browser.sh: chromium and chromedriver are missing; run as root or: sudo apt-get install -y chromium chromium-driver" >&2
  exit 1
fi
echo "browser.sh: installing chromium and chromium-driver..." >&2
apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >&2
echo "browser.sh: $(chromium --version 2>/dev/null) installed" >&2
