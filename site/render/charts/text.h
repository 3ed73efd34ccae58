// site: how wide a chart's text is, and how it wraps and is cut to fit (no font engine)
// Index: [SECTION] Widths  [SECTION] Fitting
//
// Internal to render/charts/. Widths are estimates from DejaVu Sans' advances (text.cpp says why).
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace costbook::site::charts {

// ---- [SECTION] Widths ----
double text_width(const std::string& s, double font);  // in viewBox units at font size `font`

// ---- [SECTION] Fitting ----
std::string truncate(const std::string& s, double max_w, double font);  // s, or s cut so that it and "…" fit max_w
struct Wrapped {
    std::vector<std::string> lines;
    bool cut = false;  // something was replaced by "…": the full text must be in a <title>
};
// Greedy word wrap into at most max_lines lines (0: no limit); whatever does not fit ends in "…".
Wrapped wrap(const std::string& s, double max_w, double font, size_t max_lines);

}  // namespace costbook::site::charts
