// site: the rows of a horizontal chart (bars, waterfall): a label column, then a bar and its value
// Index: [SECTION] Geometry  [SECTION] Label column  [SECTION] Row
//
// Internal to render/charts/. A row is a link (or a group) with a <title>; its label and note
// wrap in a column at the left, and its bar is centred on the label's first line.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "render/charts/svg.h"
#include "render/charts/text.h"

namespace costbook::site::charts {

// ---- [SECTION] Geometry ----
// viewBox units
constexpr double kBarHeight = 16;
constexpr double kRowGap = 14;
constexpr double kGap = 10;                // label column to bars
constexpr double kValueGap = 5;            // bar end to its value text
constexpr double kAxisLabelY = kSmall;     // baseline of the top axis' labels
constexpr double kAxisTop = kSmall + 10;   // where its gridlines start
constexpr double kRowsTop = kAxisTop + 6;  // the first row's top
// Where the gridlines end, given the top the row after the last one would have.
inline double rows_bottom(double next_top) { return next_top - kRowGap + 4; }

// The widest bar area such that every bar's end text still fits: ends[i] = (fraction of
// the axis where the text starts, text width).
double fit_x1(double x0, const std::vector<std::pair<double, double>>& ends);

// ---- [SECTION] Label column ----
// A row's left column: a label (two lines at most) and, smaller, a note under it.
struct LeftColumn {
    Wrapped label, note;
    double height() const {
        return static_cast<double>(label.lines.size()) * kLine + static_cast<double>(note.lines.size()) * kSmallLine;
    }
};
LeftColumn left_column(const std::string& label, const std::string& note, double width);
// The column as <text>s, its top at `top`; the note in class note_cls.
std::string left_text(const LeftColumn& c, double top, const std::string& note_cls);

// ---- [SECTION] Row ----
// The label's first baseline sits so that the bar is centred on its first line. `top` is the
// row's top, `bar_y` its bar's top (bar_top).
inline double first_baseline(double top) { return top + kFont * 0.95; }
inline double bar_top(double top) { return first_baseline(top) - kFont * 0.35 - kBarHeight / 2; }
inline double value_baseline(double bar_y) { return bar_y + kBarHeight / 2 + kFont * 0.35; }  // the value beside the bar
double row_height(const LeftColumn& c);  // from this row's top to the next one's
// The hollow mark at the axis start x0 for a value a log axis cannot show (Scale::clamped).
std::string clamp_mark(double x0, double bar_y);
// An <a class="cb-row"> when href is safe_href, else a <g>, with tooltip as its <title>.
std::string open_row(const std::string& href, const std::string& tooltip);
std::string close_row(const std::string& href);  // the same href as open_row's

}  // namespace costbook::site::charts
