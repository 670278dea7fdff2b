#!/usr/bin/env bash
# Installs the Debian packages the tests drive (real OGC clients, headless Chromium, a CJK font)
# when they are missing. Idempotent and quick when everything is present; needs root to install.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# not `fc-list | grep -q`: grep -q exits at the first match, fc-list then dies of SIGPIPE and under
# pipefail the pipeline fails (141), so the font looked missing in about half of the runs
fonts=$(fc-list 2>/dev/null || true)
grep -qi 'Noto Sans CJK' <<<"$fonts" || missing+=(fonts-noto-cjk)
command -v ogrinfo >/dev/null 2>&1 || missing+=(gdal-bin)
/usr/bin/python3 -c 'import owslib' >/dev/null 2>&1 || missing+=(python3-owslib)
# 督查 documents: the PDF embeds Noto Serif CJK SC; the golden tests read it back with poppler
[ -f /usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc ] || missing+=(fonts-noto-cjk)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)

if [ ${#missing[@]} -eq 0 ]; then exit 0; fi

echo "Installing test dependencies: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "Not root: install them yourself with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" fontconfig >/dev/null
