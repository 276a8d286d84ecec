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
        },
        /* A value as it is: the grid's clicked cell, copied to a store of the page. */
        passOn: function (value) {
            return value;
        },
        /* The claims table loads its rows from the server block by block (infinite row
           model). When the filters or the table's search change, drop the loaded blocks
           and go back to the first page: the grid asks again, and the server reads the
           new filters when it answers. A grid not mounted or not ready yet has nothing
           to drop: its first request reads the filters as they are then. */
        reloadTable: function (_filters, _search, holder) {
            var grid = document.getElementById(holder);
            var api = null;
            try {
                api = window.dash_ag_grid.getApi(grid.firstElementChild.id);
            } catch (notReadyYet) {
                return window.dash_clientside.no_update;
            }
            if (api && !api.isDestroyed()) {
                api.paginationGoToFirstPage();
                api.purgeInfiniteCache();
            }
            return window.dash_clientside.no_update;
        }
    }
});
