'use strict';

// Custom CSP-strict partial bundle: scatter (registered by core), scattergl (strict
// variant with precompiled regl shaders, no `new Function`) and heatmap.
// Mirrors plotly.js/lib/index-strict.js, reduced to the traces the dashboard uses.
var Plotly = require('plotly.js/lib/core');

Plotly.register([
    // traces
    require('plotly.js/lib/scatter'),
    require('plotly.js/lib/heatmap'),
    require('plotly.js/src/traces/scattergl/strict')
]);

module.exports = Plotly;
