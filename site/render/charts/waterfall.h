// site: a waterfall chart, log or linear, from plain structs to one SVG string (no I/O)
// Index: [SECTION] Waterfall
//
// [X] log or linear axis  [X] steps that are off (outlined)  [X] assumptions hatched  [X] decreases
//
// The output keeps the contract at the top of render/charts/svg.h: every string escaped,
// byte-identical for equal input, role="img" with <title>/<desc>, colours from page variables.
#pragma once
#include <string>
#include <vector>

#include "costbook/format.h"
#include "render/charts/axis.h"

namespace costbook::site {

// ---- [SECTION] Waterfall ----
struct Step {
    std::string label;        // "V3's final training run"
    double add = 0;           // what the step adds (< 0: a decrease); when off, what it would add
    double total = 0;         // running total after the step (when off: the previous total)
    std::string add_text;     // under the label: "+$5.576M"
    std::string total_text;   // at the bar's end: "$5.87M"
    bool on = true;           // off: an empty outline labelled "not counted"
    bool assumption = false;  // hatched, and "assumption" under the label
};
// One row per step, a floating bar from the previous total to this one; dashed connectors carry
// each total down to the next row. The first step starts at 0 (on a log axis, the axis start).
std::string waterfall(const std::string& title, const std::string& desc, const std::vector<Step>& steps,
                      bool log_scale, TickFormat tick_text = format_usd);

}  // namespace costbook::site
