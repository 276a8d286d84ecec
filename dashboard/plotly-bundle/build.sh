#!/usr/bin/env bash
# Rebuild dashboard/assets/vendor/plotly-timeline-strict.min.js: plotly.js 4.1.1 with only the
# traces the dashboard draws (scatter, scattergl, heatmap), CSP-strict like plotly's own
# strict bundle (scattergl's shaders precompiled, no `new Function`), and
# plotly-timeline-svg-strict.min.js, the same without scattergl. Needs Node and npm.
#
# build.mjs repeats plotly.js's own build settings (esbuild-config.js, the attribute
# compression and UMD wrapper of its tasks/), which its npm package does not ship.
# package.json pins every tool and repeats plotly.js's pin of to-px@1.0.1 (npm honours
# overrides only from the root project; to-px 1.1.0 fails when loaded from <head>);
# package-lock.json fixes the rest, so `npm ci` rebuilds the same file. build.mjs also makes one
# change to plotly's code (markers styled once per draw, not twice) and fails if it no longer applies.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
node build.mjs
for bundle in ../assets/vendor/plotly-timeline-*strict.min.js; do
    if grep -q "new Function\|eval(" "$bundle"; then
        echo "$bundle compiles code at run time: the dashboard's CSP would block it" >&2
        exit 1
    fi
done
