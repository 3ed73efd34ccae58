// site: a log-scale bar chart, from plain structs to one SVG string (no I/O)
// Index: [SECTION] Bars
//
// [X] log-scale bars (with ranges)  [X] rows that link  [X] hatched bars (the site's reading)  [ ] a linear axis (waterfall.h has one)
//
// The output keeps the contract at the top of render/charts/svg.h: every string escaped,
// byte-identical for equal input, role="img" with <title>/<desc>, colours from page variables.
#pragma once
#include <string>
#include <vector>

#include "costbook/format.h"
#include "render/charts/axis.h"

namespace costbook::site {

// ---- [SECTION] Bars ----
struct Bar {
    std::string label;        // left of the bar: "DeepSeek-V3"
    double value = 0;         // where the bar ends, in the axis unit (USD for format_usd)
    std::string value_text;   // at the bar's end, from format.h: "$5.576M"
    std::string note;         // under the label, smaller: what the figure counts ("final run")
    std::string href;         // "" = not a link; javascript:/data:/vbscript: are dropped
    bool muted = false;       // grey instead of the accent: a figure of another kind
    double value_high = 0;    // > value: a range value..value_high, drawn as a lighter extension
    bool hatched = false;     // hatched, "(costbook's reading)" in its text: a number the source did not give
};
// One row per bar, a decade grid with ticks at the top (labels thinned when crowded).
std::string bar_chart_log(const std::string& title, const std::string& desc, const std::vector<Bar>& bars,
                          TickFormat tick_text = format_usd);

}  // namespace costbook::site
