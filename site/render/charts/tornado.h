// site: a tornado chart, what drives a headline's spread, from plain structs to one SVG string (no I/O)
// Index: [SECTION] Tornado
//
// [X] one row per ranged input, its bar from the headline at the input's low to at its high
// [X] the headline (every input at its likely value) as a line through the rows
// [X] each row's note: its share of the headline's variance  [ ] a log axis
//
// The output keeps the contract at the top of render/charts/svg.h: every string escaped,
// byte-identical for equal input, role="img" with <title>/<desc>, colours from page variables.
#pragma once
#include <string>
#include <vector>

#include "render/charts/axis.h"

namespace costbook::site {

// ---- [SECTION] Tornado ----
struct TornadoRow {
    std::string label;        // the input: "Rental rate"
    std::string note;         // under it, smaller: "61% of the variance"
    double at_low = 0, at_high = 0;           // the headline with the input at its low / its high
    std::string low_text, high_text;          // ... formatted by core: "$2.1B at $1.5/GPU-hour"
};
// Rows in the order given (largest share first), on a linear axis of the headline's unit.
std::string tornado_chart(const std::string& title, const std::string& desc, double headline,
                          const std::string& headline_text, const std::vector<TornadoRow>& rows, TickFormat tick_text);

}  // namespace costbook::site
