/* Client-side helpers, loaded from this file so the CSP needs no inline script. */

var NARROW = 640;  /* CSS pixels: a chart narrower than this is fitted to the screen */
var SLIM_MARGIN = {l: 44, r: 12, t: 40};
var HIDDEN_WHEN_NARROW = ["pole", "event"];  /* annotations by name: words that have no room */
var LANE_TITLE_SIZE = 13;  /* pixels: a lane's title on a narrow screen */

function bottomLane(layout) {
    /* the number of the lowest lane's date axis (x, x2, x3, …: the last one) */
    return Math.max.apply(null, Object.keys(layout).filter(function (key) {
        return /^xaxis\d*$/.test(key);
    }).map(function (key) { return Number(key.slice(5)) || 1; }));
}

function fitToScreen(plot) {
    var layout = plot.layout || {};
    var narrow = plot.clientWidth < NARROW;
    var fitted = layout.margin && layout.margin.l === SLIM_MARGIN.l;
    if (narrow && !fitted && layout.margin) {
        /* no autoexpand: plotly keeps the room of a legend it once drew hung from the
           frame's top (the embed's) after the legend is hidden, and gave it the lanes' */
        var update = {"margin.l": SLIM_MARGIN.l, "margin.r": SLIM_MARGIN.r,
                      "margin.t": Math.min(layout.margin.t, SLIM_MARGIN.t),
                      "margin.autoexpand": false, "legend.visible": false};
        var wide = {"margin.l": layout.margin.l, "margin.r": layout.margin.r,
                    "margin.t": layout.margin.t, "legend.visible": true,
                    "margin.autoexpand": layout.margin.autoexpand === undefined ? null
                        : layout.margin.autoexpand};
        var bottom = bottomLane(layout);
        var narrowRanges = (layout.meta && layout.meta.ranges_without_event_labels) || {};
        Object.keys(layout).forEach(function (key) {
            var axis = layout[key];
            if (/^[xy]axis\d*$/.test(key)) {
                /* the slim margins hold the ticks; plotly's automargin, solving for the
                   middle lanes' date ticks, gave a short chart's top most of its height */
                update[key + ".automargin"] = false;
                wide[key + ".automargin"] = axis.automargin === undefined ? null
                    : axis.automargin;
            }
            if (/^yaxis\d*$/.test(key) && axis.ticktext) {
                update[key + ".ticktext"] = axis.ticktext.map(function (text) {
                    return String(text).split(/\s|<br>/).pop();
                });
                wide[key + ".ticktext"] = axis.ticktext;
                /* without event labels, no empty band above the claims */
                var lower = narrowRanges[key];
                if (lower) {
                    update[key + ".range"] = lower;
                    wide[key + ".range"] = axis.range;
                }
            } else if (/^xaxis\d*$/.test(key)) {
                /* the lanes share their dates: the lowest lane alone writes them, so no
                   date runs into the next lane's title in the narrow gaps */
                update[key + ".nticks"] = 4;
                update[key + ".tickangle"] = 0;
                update[key + ".showticklabels"] = (Number(key.slice(5)) || 1) === bottom;
                wide[key + ".nticks"] = axis.nticks === undefined ? null : axis.nticks;
                wide[key + ".tickangle"] = axis.tickangle === undefined ? null : axis.tickangle;
                wide[key + ".showticklabels"] = axis.showticklabels === undefined ? null
                    : axis.showticklabels;
            }
        });
        (layout.annotations || []).forEach(function (note, i) {
            if ((note.xref === "paper" && note.x > 1) ||
                    HIDDEN_WHEN_NARROW.indexOf(note.name) !== -1) {
                update["annotations[" + i + "].visible"] = false;
                wide["annotations[" + i + "].visible"] = true;
            } else if (note.font && note.font.size > LANE_TITLE_SIZE) {
                update["annotations[" + i + "].font.size"] = LANE_TITLE_SIZE;
                wide["annotations[" + i + "].font.size"] = note.font.size;
            }
        });
        plot.wideLayout = wide;
        /* a chart that fills its frame (the embed's) keeps the height its lanes need
           (their words are placed in pixels) rather than squeeze them: the page scrolls */
        var needed = layout.meta && layout.meta.height;
        plot.parentNode.style.minHeight = layout.height || !needed ? "" : needed + "px";
        window.Plotly.relayout(plot, update);
    } else if (!narrow && fitted && plot.wideLayout) {
        var back = plot.wideLayout;
        plot.wideLayout = null;
        plot.parentNode.style.minHeight = "";
        window.Plotly.relayout(plot, back);
    }
}

/* Enter (or space) on a row of the claims table opens its card, as a click does. */
document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" && event.key !== " ") { return; }
    var row = event.target.closest && event.target.closest("#claims-grid .ag-row[row-id]");
    if (!row || !window.dash_clientside.set_props) { return; }
    event.preventDefault();
    window.dash_clientside.set_props("clicked-cell", {data: {rowId: row.getAttribute("row-id")}});
});

window.dash_clientside = Object.assign({}, window.dash_clientside, {
    timeline: {
        /* Save a chart as PNG or SVG in the browser, framed as the server says (title,
           filters, sources, credit, link: dashboard.publish) and named after the view:
           no server round trip, works offline. */
        saveImage: function (_clicks, frames) {
            var trigger = window.dash_clientside.callback_context.triggered_id;
            if (!trigger || !window.Plotly) {
                return window.dash_clientside.no_update;
            }
            var holder = document.getElementById(trigger.graph);
            var plot = holder && holder.querySelector(".js-plotly-plot");
            var frame = frames && frames[trigger.graph];
            if (!plot || !frame) {
                return window.dash_clientside.no_update;
            }
            var layout = Object.assign({}, plot.layout, {
                title: frame.title, width: frame.width, height: frame.height,
                margin: frame.margin, annotations: (plot.layout.annotations || []).concat([frame.note])
            });
            window.Plotly.downloadImage({data: plot.data, layout: layout}, {
                format: trigger.format, filename: frame.filename, width: frame.width,
                height: frame.height, scale: trigger.format === "png" ? 2 : 1
            });
            return "Saved " + frame.filename + "." + trigger.format;
        },
        /* <html lang>: the data's reading language, which the page's root element names
           (Dash's own page template, kept as it is, declares none). */
        declareLanguage: function (lang) {
            if (lang) { document.documentElement.lang = lang; }
            return window.dash_clientside.no_update;
        },
        /* The filters' button (shown on narrow screens only) opens and closes them. */
        toggleFilters: function (_clicks, className) {
            var open = !/\bopen\b/.test(className || "");
            return [open ? "filters open" : "filters", open ? "true" : "false"];
        },
        /* On a narrow screen the timeline keeps room for its markers: slim margins, the
           stance ticks as numbers (the poles are in the chart's words and the card), no
           notes beside the lanes, no event labels (their words are in their hover), no
           legend (at 320 px it took most of the chart's height; a tapped claim's card
           names its speaker), and fewer, level date ticks that never reach the next lane's
           title. Applied after every draw, and undone when the screen widens. */
        fitChart: function (_figure, graph) {
            var tries = 0;
            var attach = function () {
                var plot = document.querySelector("#" + graph + " .js-plotly-plot");
                if (!plot || !plot.on) {
                    if (tries++ < 50) { setTimeout(attach, 100); }
                    return;
                }
                if (!plot.fitsScreen) {
                    plot.fitsScreen = true;
                    plot.on("plotly_afterplot", function () { fitToScreen(plot); });
                    /* plotly follows the window's size only; an embed's chart gets the
                       height its title and source lines leave, known once they are in */
                    new ResizeObserver(function () {
                        window.Plotly.Plots.resize(plot);
                    }).observe(plot.parentNode);
                }
                fitToScreen(plot);
            };
            attach();
            return window.dash_clientside.no_update;
        },
        /* A card opened by a tap or a key is brought into view (on a narrow screen it lies
           below the chart); the card a link opens with stays where the page puts it. */
        showCard: function (_children, cardId) {
            setTimeout(function () {
                var card = document.querySelector("#" + cardId + " .claim-card");
                var claim = card && card.getAttribute("data-claim-id");
                var seen = window.timelineCardSeen;
                window.timelineCardSeen = claim || "";
                if (!card || seen === undefined || claim === seen) { return; }
                var box = card.getBoundingClientRect();
                if (box.top < 0 || box.top > window.innerHeight - 80) {
                    card.scrollIntoView({block: "start", behavior: "instant"});
                }
            }, 0);
            return window.dash_clientside.no_update;
        },
        /* What a filter of many choices has chosen, for its summary: none means all. */
        countChosen: function (values, options) {
            var chosen = values || [];
            if (!chosen.length) { return "all"; }
            if (chosen.length === 1) {
                var one = (options || []).filter(function (o) { return o.value === chosen[0]; });
                return one.length ? String(one[0].label) : chosen[0];
            }
            return chosen.length + " of " + (options || []).length;
        },
        /* A value as it is: the grid's clicked cell, copied to a store of the page. */
        passOn: function (value) {
            return value;
        },
        /* The chart's relayout events that move its dates (a zoom, a pan, a reset), for
           the server to redraw dense lanes: plotly also reports resizes ("autosize")
           just after a redraw, which would send a newer request for the same callback,
           and Dash drops the answer of an older one, so a reset could be lost. */
        passZoom: function (relayout) {
            var moved = Object.keys(relayout || {}).some(function (key) {
                return /^xaxis\d*\.(range|autorange)/.test(key);
            });
            return moved ? relayout : window.dash_clientside.no_update;
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
