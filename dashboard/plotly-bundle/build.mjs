// Reproduces plotly.js 4.1.1 tasks/util/bundle_wrapper.mjs + partial_bundle.mjs
// (esbuild-config.js settings, compress_attributes transform, UMD wrapper, dist header)
// for a custom strict bundle.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { environmentPlugin } = require('esbuild-plugin-environment');
const { glsl } = require('esbuild-plugin-glsl');
const InlineCSSPlugin = require('esbuild-plugin-inline-css');

const here = path.dirname(new URL(import.meta.url).pathname);
const plotlyDir = path.dirname(require.resolve('plotly.js/package.json'));
const version = require('plotly.js/package.json').version;
const vendor = path.join(here, '..', 'assets', 'vendor');
// == Two bundles: every page needs scatter and heatmap, only a page of more than 10,000 claims
// can need scattergl (WebGL), whose code was 0.17 s of the 0.57 s the browser took to
// evaluate the bundle (medians of 10); the dashboard serves each page the one it needs.
const BUNDLES = [
    ['index-timeline-strict.js', 'plotly-timeline-strict.min.js', 'scatter, scattergl, heatmap'],
    ['index-timeline-svg-strict.js', 'plotly-timeline-svg-strict.min.js', 'scatter, heatmap']
];

// == plotly.js tasks/compress_attributes.js (esbuild plugin: strip attribute meta such as
// descriptions from all loaded .js files; copied 1:1 from upstream logic)
const WHITESPACE_BEFORE = '\\s*';
const OPTIONAL_COMMA = ',?';
const makeRegex = (regexStr) => new RegExp(WHITESPACE_BEFORE + regexStr + OPTIONAL_COMMA, 'g');
const makeStringRegex = (attr) => makeRegex(attr + ": '.*'");
const makeJoinedArrayRegex = (attr) => makeRegex(attr + ': \\[[\\s\\S]*?\\]' + '\\.join\\([\\s\\S]*?\\)');
const makeArrayRegex = (attr) => makeRegex(attr + ': \\[[\\s\\S]*?\\]');
const allRegexes = [
    makeStringRegex('description'),
    makeJoinedArrayRegex('description'),
    makeArrayRegex('requiredOpts'),
    makeArrayRegex('otherOpts'),
    makeStringRegex('role'),
    makeStringRegex('hrName')
];
// == This bundle's one change to plotly's code. After drawing a chart, plotly styles every
// marker a second time (drawData's Plots.style, which restyles also call), though the
// scatter trace has just styled each marker it drew. At 10,000 claims that second pass
// was a sixth of the chart's drawing time (plotly alone, medians of 8: 2.10 -> 1.74 s),
// its output identical (the same screenshot, byte for byte). So drawData marks its call,
// and scatter's style skips the markers then; every other call styles them as before.
const PATCHES = [
    [/src[\/]plot_api[\/]subroutines\.js$/,
     '    // styling separate from drawing\n    Plots.style(gd);\n',
     '    // styling separate from drawing\n    gd._markersStyled = true;\n    Plots.style(gd);\n' +
     '    gd._markersStyled = false;\n'],
    [/src[\/]traces[\/]scatter[\/]style\.js$/,
     "    s.selectAll('g.points').each(function(d) {",
     "    if(!gd._markersStyled) s.selectAll('g.points').each(function(d) {"]
];
const patched = new Set();
function patch(file, code) {
    for (const [where, from, to] of PATCHES) {
        if (!where.test(file)) continue;
        if (code.split(from).length !== 2) throw new Error(`${file}: the patched code changed`);
        code = code.replace(from, to);
        patched.add(where);
    }
    return code;
}

const compressAttributes = {
    name: 'strip-meta-attributes',
    setup(b) {
        b.onLoad({ filter: /\.js$/ }, async (file) => ({
            contents: await fs.promises.readFile(file.path, 'utf-8').then((c) => {
                allRegexes.forEach((r) => { c = c.replace(r, ''); });
                return patch(file.path, c);
            }),
            loader: 'js'
        }));
    }
};

// == plotly.js esbuild-config.js (esbuildConfig), minify: true, except the target: plotly's
// es2016 compiles every object spread into a helper (Object.defineProperties over
// getOwnPropertyDescriptors) that plotly runs per point while drawing: at 10,000 claims
// those helpers were a tenth of the page's main-thread time. es2020 keeps spreads native;
// every browser released since 2020 runs it.
async function bundle(entry, name, traces) {
    const outfile = path.join(vendor, name);
    patched.clear();
    await build({
        entryPoints: [path.join(here, 'src', entry)],
        outfile,
        format: 'iife',
        globalName: 'Plotly',
        bundle: true,
        minify: true,
        sourcemap: false,
        plugins: [InlineCSSPlugin(), glsl({ minify: true }), environmentPlugin({ NODE_DEBUG: false }), compressAttributes],
        alias: { regl: '@plotly/regl', stream: 'stream-browserify' },
        define: { global: 'window', 'define.amd': 'false' },
        target: 'es2020',
        logLevel: 'info'
    });

    if (patched.size !== PATCHES.length) throw new Error('a patched plotly.js file was not bundled');

    // == tasks/util/bundle_wrapper.mjs addWrapper() + tasks/partial_bundle.mjs header
    const header = [
        '/**',
        '* plotly.js (timeline-strict: ' + traces + ' - minified) v' + version,
        '* with one change: markers are styled once per draw (see dashboard/plotly-bundle/build.mjs)',
        '* Copyright 2012-2026, Plotly, Inc.',
        '* All rights reserved.',
        '* Licensed under the MIT license',
        '*/',
        '/*! ' + fs.readFileSync(path.join(plotlyDir, 'LICENSE'), 'utf8').trim() + ' */',
        ''
    ].join('\n');
    const pre = [
        '(',
        ' function(root, factory) {',
        '  if (typeof module === "object" && module.exports) {',
        '   module.exports = factory();',
        '  } else {',
        '   root.moduleName = factory();',
        '  }',
        '} (typeof self !== "undefined" ? self : this, () => {',
        ''
    ].join('\n');
    const post = ['', 'window.Plotly = Plotly;', 'return Plotly;', '}));', ''].join('\n');
    const body = fs.readFileSync(outfile, 'utf8');
    fs.writeFileSync(outfile, header + pre + body + post);
    console.log('wrote', outfile, fs.statSync(outfile).size, 'bytes');
}

for (const [entry, name, traces] of BUNDLES) await bundle(entry, name, traces);
