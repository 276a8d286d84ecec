'use strict';

// The same bundle as index-timeline-strict.js without scattergl: for pages whose charts
// never draw WebGL (see build.mjs).
var Plotly = require('plotly.js/lib/core');

Plotly.register([
    // traces
    require('plotly.js/lib/scatter'),
    require('plotly.js/lib/heatmap')
]);

module.exports = Plotly;
