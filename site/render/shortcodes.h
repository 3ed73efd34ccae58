// site: shortcodes — how prose asks for computed numbers and widgets
// Index: [SECTION] Syntax  [SECTION] Parse  [SECTION] Missing data
//
// ---- [SECTION] Syntax ----
//   {{< figure "deepseek-v3.total_cost_usd" >}}          a number from core, linked to its source
//   {{< calc tab="counted" scenario="count=rl,final" >}}  the calculator, with a static table
//   {{< chart "ladder" >}}   {{< ledger "deepseek-r1" >}}   {{< sources >}}   {{< models >}}
//   {{< assumptions >}}      every assumption in data/ with its value, range and reason
//   {{< note kind="x" >}}   an author's own: templates/shortcodes/note.mustache
// Every built-in with its arguments: render/shortcode_registry.h (`costbook help shortcodes`).
// Hugo's delimiters, which Markdown leaves alone. A shortcode alone on its line is a block
// (no <p> around it); inside a line it is inline. In code spans and blocks it stays literal.
// Hugo's escape, {{</* figure "x" */>}}, renders as the text {{< figure "x" >}} and is never run
// (its name is not checked): how a page shows a shortcode's syntax.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "diag.h"

namespace costbook::site {

struct Shortcode {
    std::string name;                          // figure, calc, chart, ... or an author shortcode's
    std::vector<std::string> args;             // positional, quoted
    std::map<std::string, std::string> named;  // key="value"
    std::string text;                          // as written, for code spans
    int line = 0, col = 0;                     // in the source file
    bool block = false;
    bool literal = false;                      // {{</* name */>}}: `text` is shown as it is, never run
};

// ---- [SECTION] Parse ----
// Replaces each shortcode with a marker (markdown.h) and appends it to `out`. Syntax errors
// and names neither built in (render/shortcode_registry.h) nor in `author` (the site's
// templates/shortcodes/) are diagnostics at the shortcode's file:line:col. A value is quoted, or
// a bare true or false (unit=false). An escaped shortcode is `literal`, always inline, with `text`
// the shortcode it shows.
std::string extract_shortcodes(const std::string& body, const std::string& path, int first_line,
                               std::vector<Shortcode>& out, Diagnostics& diags, const std::vector<std::string>& author = {});

// ---- [SECTION] Missing data ----
// The one error for a figure or a chart a page or a template names whose data this site's data/ lacks:
// "figure `serve.revenue_usd` needs <needs>, which this site's data/ does not have", and a help line.
// `needs` is compute/figures.h's wording (SiteContext::figure_needs): "[pue] in data/scenario.toml".
struct NeedsError { std::string message, help; };
NeedsError needs_error(const std::string& kind, const std::string& name, const std::string& needs);   // kind: "figure", "chart"

}  // namespace costbook::site
