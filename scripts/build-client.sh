#!/usr/bin/env bash
# Builds the client into dist/ unless dist/ already holds the build of exactly these sources:
# `npm start` and every e2e script ask for a build, and CI runs twenty of them on one checkout.
set -euo pipefail
cd "$(dirname "$0")/.."
sources=$(
  {
    find client server geodata -type f -print0 | sort -z | xargs -0 sha1sum
    sha1sum vite.config.ts scripts/pwa-plugin.ts package-lock.json tsconfig.json
  } | sha1sum | cut -d' ' -f1
)
stamp=dist/.sources-sha1
if [[ -f dist/index.html && -f $stamp && $(<"$stamp") == "$sources" ]]; then
  echo "dist/ is the build of these sources already (${sources:0:12}), not building again"
  exit 0
fi
npx vite build
echo "$sources" >"$stamp"
