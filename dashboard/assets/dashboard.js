/* Client-side helpers, loaded from this file so the CSP needs no inline script. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
    timeline: {
        /* Save a chart as PNG or SVG in the browser: no server round trip, works offline. */
        saveImage: function () {
            var trigger = window.dash_clientside.callback_context.triggered_id;
            if (!trigger || !window.Plotly) {
                return window.dash_clientside.no_update;
            }
            var holder = document.getElementById(trigger.graph);
            var plot = holder && holder.querySelector(".js-plotly-plot");
            if (!plot) {
                return window.dash_clientside.no_update;
            }
            window.Plotly.downloadImage(plot, {
                format: trigger.format,
                filename: trigger.graph,
                scale: trigger.format === "png" ? 2 : 1
            });
            return "Saved " + trigger.graph + "." + trigger.format;
        }
    }
});
