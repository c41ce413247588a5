#!/bin/sh
# Rebuild static/vendor/blindrsa-ts-0.4.4.min.js (the ballot page's blind-signature client) from
# npm: Cloudflare's RFC 9474 implementation and esbuild, in a scratch directory. Run by hand
# when upgrading; the bundle is committed, so neither `make run` nor CI needs node.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund @cloudflare/blindrsa-ts@0.4.4 esbuild@0.28.2 >/dev/null
cp "$here/tools/blindrsa_entry.js" entry.js
./node_modules/.bin/esbuild entry.js --bundle --minify --format=iife --target=es2019 --outfile=bundle.js
{
  printf '/*! @cloudflare/blindrsa-ts 0.4.4 (Apache-2.0, https://github.com/cloudflare/blindrsa-ts) with the parts of sjcl 1.0.8 it uses\n'
  printf '    (BSD-2-Clause, https://github.com/bitwiseshiftleft/sjcl). Bundled once by tools/build_blindrsa.sh:\n'
  printf '    window.CunliBlindRSA is RFC 9474 RSABSSA-SHA384-PSS-Randomized. Loaded only by the ballot page. */\n'
  cat bundle.js
} > "$here/static/vendor/blindrsa-ts-0.4.4.min.js"
rm -rf "$work"
