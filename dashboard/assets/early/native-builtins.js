/* Runs before Dash's scripts (the page template names it ahead of them; it is not one of
   the assets Dash loads by itself). Dash loads @babel/polyfill 7 first, whose core-js 2
   replaces String.prototype.trim and parseInt/parseFloat in every current browser: it
   still counts U+180E as white space, which ES2016 dropped. Its replacements are many
   times slower, and plotly.js calls them for every colour of every marker it styles (a
   second of a 10,000-claim chart here). This keeps the browser's own functions so that
   dashboard.js can put them back once the polyfill has run. */
window.timelineNativeBuiltins = {
    trim: String.prototype.trim,
    parseInt: window.parseInt,
    parseFloat: window.parseFloat
};
