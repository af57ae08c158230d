#!/usr/bin/env bash
# Refresh the JavaScript libraries the deck pages load, from the npm registry,
# untouched: `scripts/refresh_vendored.sh katex mermaid` (or reveal).
#
#   katex    static/katex/: dist/ and LICENSE (KaTeX's fonts are in dist/fonts/)
#   mermaid  static/mermaid/: dist/mermaid.min.js and LICENSE. Only that file of
#            dist/: it is Mermaid's self-contained build, the one a page (and a
#            --single-file export, and file://) can load; the other 80 MB of
#            dist/ are ES modules, source maps and type declarations no page loads.
#   reveal   static/reveal/: dist/ and LICENSE (as README "Refreshing reveal.js")
#
# Versions: KATEX=0.19.1 MERMAID=11 REVEAL=6 by default; then run the tests
# (tests/test_math_browser.py draws formulas and diagrams offline).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

unpack() {  # unpack NAME@VERSION into $work/NAME
    local spec="$1" name="${1%@*}"
    mkdir -p "$work/$name"
    (cd "$work/$name" && npm pack --silent "$spec" >/dev/null && tar xzf ./*.tgz)
    echo "$work/$name/package"
}

[ "$#" -gt 0 ] || set -- katex mermaid
for lib in "$@"; do
    case "$lib" in
    katex)
        package="$(unpack "katex@${KATEX:-0.19.1}")"
        rm -rf "$repo/static/katex" && mkdir -p "$repo/static/katex"
        cp -r "$package/dist" "$package/LICENSE" "$repo/static/katex/"
        ;;
    mermaid)
        package="$(unpack "mermaid@${MERMAID:-11}")"
        rm -rf "$repo/static/mermaid" && mkdir -p "$repo/static/mermaid/dist"
        cp "$package/dist/mermaid.min.js" "$repo/static/mermaid/dist/"
        cp "$package/LICENSE" "$repo/static/mermaid/"
        ;;
    reveal)
        package="$(unpack "reveal.js@${REVEAL:-6}")"
        rm -rf "$repo/static/reveal/dist"
        cp -r "$package/dist" "$package/LICENSE" "$repo/static/reveal/"
        ;;
    *)
        echo "unknown library: $lib (katex, mermaid or reveal)" >&2
        exit 2
        ;;
    esac
    echo "refreshed $lib: $(sed -n 's/^  "version": "\(.*\)",$/\1/p' "$package/package.json")"
done
