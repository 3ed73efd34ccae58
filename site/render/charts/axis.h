// site: a chart's value scales and axes: linear or log domains, decades, ticks and gridlines
// Index: [SECTION] Tick format  [SECTION] Scales  [SECTION] Axes
//
// Internal to render/charts/, but for TickFormat, which the charts' callers pass.
#pragma once
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace costbook::site {

// ---- [SECTION] Tick format ----
using TickFormat = std::string (*)(double);  // a format.h function: format_usd, format_gpu_hours, ...

}  // namespace costbook::site

namespace costbook::site::charts {

// ---- [SECTION] Scales ----
inline bool positive(double v) { return std::isfinite(v) && v > 0; }  // a value a log axis can show

// The smallest and largest value taken; lo > hi until one is.
struct Extent {
    double lo = std::numeric_limits<double>::infinity(), hi = -std::numeric_limits<double>::infinity();
    void take(double v) { lo = std::min(lo, v); hi = std::max(hi, v); }
};

// A domain mapped onto a range of viewBox units; a value outside the domain is drawn at its end.
struct Scale {
    bool log = false;
    double lo = 0, hi = 1;     // domain: decades (log10) on a log scale, values otherwise
    double x0 = 0, x1 = 1;     // range
    bool clamped(double v) const { return !std::isfinite(v) || (log && v <= 0); }
    double frac(double v) const {  // 0 at the domain's start, 1 at its end
        double d;
        if (log) d = positive(v) ? std::log10(v) : lo;
        else d = std::isfinite(v) ? v : lo;
        return (std::clamp(d, lo, hi) - lo) / (hi - lo);
    }
    double at(double v) const { return x0 + frac(v) * (x1 - x0); }
};

// A log domain [lo, hi] in decades for the positive values between min_pos and max_pos.
void decades(double min_pos, double max_pos, double& lo, double& hi);

// Ends the <title> of a value a log axis had to clamp (Scale::clamped).
inline const char* const kClampNote = " (not drawn to scale: a log axis cannot show zero or less)";

// ---- [SECTION] Axes ----
// The value axis above a horizontal chart's rows: at each tick (decades, or a 1-2-5 step over a
// linear domain) a gridline from top to bottom and its label at label_y, crowded labels thinned;
// then the axis line, at zero or at a log axis' start. tick_text nullptr means format_usd.
std::string top_axis(const Scale& sc, TickFormat tick_text, double label_y, double top, double bottom);

}  // namespace costbook::site::charts
