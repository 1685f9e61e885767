#!/bin/sh
# Refreshes webapp/vendor/pdfjs/ from the npm package pdfjs-dist (Mozilla PDF.js, Apache-2.0).
# The files are committed so that building and running the service never needs the network;
# run this by hand to change the version, then commit the result.
#   webapp/vendor/update-pdfjs.sh [version]     (default: the version in webapp/vendor/pdfjs/VERSION)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
version=${1:-$(cat "$here/pdfjs/VERSION")}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "pdfjs-dist@$version" >/dev/null && tar xzf pdfjs-dist-*.tgz)
rm -rf "$here/pdfjs"
mkdir -p "$here/pdfjs"
# The module, its worker, and what the worker loads on demand: CJK character maps (non-embedded
# Chinese fonts), the standard 14 fonts, JPEG 2000 / JBIG2 decoders (wasm) and the ICC profile.
cp "$work/package/build/pdf.min.mjs" "$work/package/build/pdf.worker.min.mjs" "$work/package/LICENSE" "$here/pdfjs/"
cp -r "$work/package/cmaps" "$work/package/standard_fonts" "$work/package/wasm" "$work/package/iccs" "$here/pdfjs/"
rm -f "$here"/pdfjs/wasm/quickjs-eval.* "$here"/pdfjs/wasm/LICENSE_*QUICKJS   # PDF scripting: not used
echo "$version" > "$here/pdfjs/VERSION"
echo "pdfjs-dist $version -> $here/pdfjs"
