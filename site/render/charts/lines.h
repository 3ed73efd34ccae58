// site: a line chart, log y optional, from plain structs to one SVG string (no I/O)
// Index: [SECTION] Lines
//
// [X] log or linear y  [X] end labels pushed apart  [ ] legends (lines are labelled at their ends instead)
//
// The output keeps the contract at the top of render/charts/svg.h: every string escaped,
// byte-identical for equal input, role="img" with <title>/<desc>, colours from page variables.
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace costbook::site {

// ---- [SECTION] Lines ----
struct Point { double x; double y; };  // x in the x-tick unit (years), y in the y-tick unit (USD)
struct Series {
    std::string label;        // at the line's end: "Training, -75%/yr"
    std::vector<Point> points;
    std::string end_text;     // under the label at the line's end: "$5.4K"
};
// Series 0 solid in the accent colour, 1 dashed in --cb-accent-2, 2 and on dotted in --cb-muted
// (cb-s0/cb-s1/cb-s2); end labels are pushed apart so they never overlap. Ticks arrive as
// (position, text) pairs, text from format.h; the axes span the ticks and the data.
std::string line_chart(const std::string& title, const std::string& desc, const std::vector<Series>& series,
                       const std::vector<std::pair<double, std::string>>& x_ticks,
                       const std::vector<std::pair<double, std::string>>& y_ticks, bool log_y);

}  // namespace costbook::site
