// site: inline SVG charts, from plain structs to one SVG string (no I/O)
// Index: [SECTION] Contract  [SECTION] Bars  [SECTION] Waterfall  [SECTION] Lines
//
// [X] log-scale bars (with ranges)  [X] waterfall, log or linear  [X] line chart, log y optional
// [X] role="img" + <title>/<desc>   [X] ids from a hash            [X] light/dark via CSS vars
// [ ] animation  [ ] legends (lines are labelled at their ends instead)
//
// ---- [SECTION] Contract ----
// - Every string passed in is escaped (& < > " ' and XML-illegal control characters); a label
//   "<script>" reaches the page as text. Figures arrive already formatted (value_text etc.,
//   made by format.h); axis ticks are formatted by the TickFormat passed, a format.h function.
// - Output is byte-identical for equal input: coordinates are written with one decimal by
//   hand (no locale), NaN/inf never appear. On a log axis a value <= 0 is clamped to the
//   axis start, drawn hollow with class "cb-clamped", and its <title> says so.
// - <svg viewBox="0 0 480 H" role="img" aria-labelledby="ID-title ID-desc" class="cb-chart">,
//   no width/height: the page sets width: 100%. ID = "cb-" + 8 hex digits of a hash of the
//   chart kind, title and desc, so a page may hold a log and a linear ladder under one title.
//   <desc> is desc followed by every row's figure, as role="img" hides the inner text from
//   screen readers; the title is not drawn (the page's <figcaption> shows it).
// - Text is 15 viewBox units (notes and ticks 13) in a 480-wide viewBox: 11 px on a 390 px
//   phone, 16 px at the 520 px max-width. Labels wrap to two lines, then end in "…"; the full
//   text is in the row's <title>.
// - Colours: classes (cb-bar, cb-grid, ...) styled by an embedded zero-specificity <style>
//   that reads page variables with fallbacks: --cb-ink, --cb-muted, --cb-grid, --cb-accent,
//   --cb-accent-2, --cb-down, --cb-bar-muted, --cb-bg (the page background, for halos), --cb-font;
//   the fallbacks follow prefers-color-scheme. Fallback size: width 100%, max-width 520px.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "costbook/format.h"

namespace costbook::site {

using TickFormat = std::string (*)(double);  // a format.h function: format_usd, format_gpu_hours, ...

// ---- [SECTION] Bars ----
struct Bar {
    std::string label;        // left of the bar: "DeepSeek-V3"
    double value = 0;         // where the bar ends, in the axis unit (USD for format_usd)
    std::string value_text;   // at the bar's end, from format.h: "$5.576M"
    std::string note;         // under the label, smaller: what the figure counts ("final run")
    std::string href;         // "" = not a link; javascript:/data:/vbscript: are dropped
    bool muted = false;       // grey instead of the accent: a figure of another kind
    double value_high = 0;    // > value: a range value..value_high, drawn as a lighter extension
};
// One row per bar, a decade grid with ticks at the top (labels thinned when crowded).
std::string bar_chart_log(const std::string& title, const std::string& desc, const std::vector<Bar>& bars,
                          TickFormat tick_text = format_usd);

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
