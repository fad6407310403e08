#!/usr/bin/env bash
# Install the dashboard's browser assets from the npm registry into
# lagebild/web/static/vendor/ (generated, not committed).
#
# Runs `npm ci` in lagebild/web/assets (pinned by package-lock.json) only when
# node_modules is missing or older than the lock file, then copies:
#   d3.min.js, topojson-client.min.js   (ISC)
#   countries-50m.json                  (world-atlas: Natural Earth 1:50m, ISC / public domain)
#   iso-numeric.json                    ISO 3166-1 numeric -> {iso3, name}, from i18n-iso-countries (MIT)
#   swagger-ui/swagger-ui-bundle.js, swagger-ui.css, favicon-32x32.png
#                                       Swagger UI for the API docs at /docs (swagger-ui-dist, Apache-2.0)
#   LICENSES.txt                        the licence texts of the copied packages
# Nothing is fetched at run time: the app serves these files from /static/vendor/.
# axe-core (a devDependency) stays in node_modules: the browser tests read it from there.
# npm runs no package install scripts (--ignore-scripts): none is needed, and
# swagger-ui-dist's dependency @scarf/scarf would otherwise try to report the install.
# Without node and npm, vendor files already in place (e.g. from a release) are
# kept and the script succeeds with a note; without either, it fails.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ASSETS="$ROOT/lagebild/web/assets"
VENDOR="$ROOT/lagebild/web/static/vendor"
MODULES="$ASSETS/node_modules"
STAMP="$MODULES/.lagebild-lock.sha256"
VENDOR_FILES=(d3.min.js topojson-client.min.js countries-50m.json iso-numeric.json LICENSES.txt
              swagger-ui/swagger-ui-bundle.js swagger-ui/swagger-ui.css swagger-ui/favicon-32x32.png)

vendor_complete() {  # true when every vendor file is present and non-empty
    local name
    for name in "${VENDOR_FILES[@]}"; do
        [ -s "$VENDOR/$name" ] || return 1
    done
}

if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
    if vendor_complete; then
        echo "install_assets.sh: node/npm not found; keeping the vendor assets already in lagebild/web/static/vendor/." >&2
        exit 0
    fi
    echo "install_assets.sh: node and npm are needed to fetch the dashboard assets (Debian: apt-get install -y nodejs npm)." >&2
    exit 1
fi

lock_sum="$(sha256sum "$ASSETS/package-lock.json" "$ASSETS/package.json" | sha256sum | cut -d' ' -f1)"
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$lock_sum" ]; then
    echo "install_assets.sh: npm ci in lagebild/web/assets ..."
    (cd "$ASSETS" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
    echo "$lock_sum" > "$STAMP"
fi

mkdir -p "$VENDOR"
copy() {  # copy SRC DEST only when the content differs (keeps mtimes stable)
    if ! cmp -s "$1" "$2"; then cp "$1" "$2"; fi
}
copy "$MODULES/d3/dist/d3.min.js" "$VENDOR/d3.min.js"
copy "$MODULES/topojson-client/dist/topojson-client.min.js" "$VENDOR/topojson-client.min.js"
copy "$MODULES/world-atlas/countries-50m.json" "$VENDOR/countries-50m.json"
mkdir -p "$VENDOR/swagger-ui"
for name in swagger-ui-bundle.js swagger-ui.css favicon-32x32.png; do
    copy "$MODULES/swagger-ui-dist/$name" "$VENDOR/swagger-ui/$name"
done

# ISO 3166-1 numeric (the ids world-atlas uses) -> alpha-3 and English name.
(cd "$ASSETS" && node - "$VENDOR/iso-numeric.json.tmp") <<'JS'
const fs = require("fs");
const countries = require("i18n-iso-countries");
countries.registerLocale(require("i18n-iso-countries/langs/en.json"));
const out = {};
for (const [numeric, alpha2] of Object.entries(countries.getNumericCodes())) {
  out[numeric] = {
    iso3: countries.alpha2ToAlpha3(alpha2),
    name: countries.getName(alpha2, "en", { select: "official" }) || alpha2,
  };
}
fs.writeFileSync(process.argv[2], JSON.stringify(out));
JS
copy "$VENDOR/iso-numeric.json.tmp" "$VENDOR/iso-numeric.json"
rm -f "$VENDOR/iso-numeric.json.tmp"

licences="$VENDOR/LICENSES.txt.tmp"
: > "$licences"
for pkg in d3 topojson-client world-atlas i18n-iso-countries swagger-ui-dist; do
    version="$(node -p "require('$MODULES/$pkg/package.json').version")"
    printf '==== %s %s ====\n' "$pkg" "$version" >> "$licences"
    cat "$MODULES/$pkg"/LICEN[CS]E* >> "$licences" 2>/dev/null || echo "(see package.json)" >> "$licences"
    if [ -f "$MODULES/$pkg/NOTICE" ]; then cat "$MODULES/$pkg/NOTICE" >> "$licences"; fi
    printf '\n' >> "$licences"
done
copy "$licences" "$VENDOR/LICENSES.txt"
rm -f "$licences"
echo "install_assets.sh: vendor assets ready in lagebild/web/static/vendor/"
