/* Cell renderers of the claims table (dash-ag-grid looks them up here by name). */
var dagcomponentfuncs = (window.dashAgGridComponentFunctions =
    window.dashAgGridComponentFunctions || {});

/* A text cell with the search's matches as <mark>: the server sends where they are
   (`marks`, in the browser's string offsets), found by the same rule as the filters', so
   the table never highlights what the count did not count. A quote's cell carries its
   language (`lang`); a translation's is the page's. Text only: React escapes it. */
dagcomponentfuncs.Marked = function (props) {
    var text = props.value == null ? "" : String(props.value);
    var data = props.data || {};
    var spans = (data.marks && data.marks[props.colDef.field]) || [];
    var parts = [];
    var at = 0;
    spans.forEach(function (span, i) {
        if (span[0] < at) { return; }
        parts.push(text.slice(at, span[0]));
        parts.push(React.createElement("mark", {key: i}, text.slice(span[0], span[1])));
        at = span[1];
    });
    parts.push(text.slice(at));
    var lang = props.lang === "row" && data.language ? data.language : undefined;
    return React.createElement("span", {lang: lang}, parts);
};
