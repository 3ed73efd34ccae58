// Scales and the top axis of the horizontal charts.
#include "render/charts/axis.h"
#include "render/charts/svg.h"
#include "render/charts/text.h"

#include "costbook/format.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace costbook::site::charts {
namespace {

// A 1-2-5 step giving at most max_ticks intervals over [lo, hi].
double nice_step(double span, int max_ticks) {
    if (!(span > 0) || !std::isfinite(span)) return 1;
    const double raw = span / max_ticks;
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (m * mag >= raw) return m * mag;
    return 10 * mag;
}

// key: the tick's decade, or its multiple of the step, which thinning counts by.
struct Tick { double x; std::string text; long key; };

// Ticks for a horizontal value axis: decades, or a 1-2-5 step over a linear domain.
std::vector<Tick> axis_ticks(const Scale& sc, TickFormat tick_text) {
    if (!tick_text) tick_text = format_usd;
    std::vector<Tick> ticks;
    if (sc.log) {
        for (long e = std::lround(sc.lo); e <= std::lround(std::floor(sc.hi + 1e-9)); ++e) {
            const double v = std::pow(10.0, static_cast<double>(e));
            ticks.push_back({sc.at(v), tick_text(v), e});
        }
    } else {
        const double step = nice_step(sc.hi - sc.lo, 5);
        if (!(std::fabs(sc.lo / step) < 1e12 && std::fabs(sc.hi / step) < 1e12)) return ticks;  // no sane grid
        const long first = std::lround(std::ceil(sc.lo / step - 1e-9)), last = std::lround(std::floor(sc.hi / step + 1e-9));
        for (long i = first; i <= last && i - first < 50; ++i) {
            const double v = static_cast<double>(i) * step;
            ticks.push_back({sc.at(v), tick_text(v == 0 ? 0.0 : v), i});
        }
    }
    return ticks;
}

}  // namespace

// From the whole decade below the smallest positive value (so even the smallest bar has
// length) to the largest value itself (so the longest bar uses the width; gridlines stop at
// the last decade inside). Nothing positive: one decade, 1..10.
void decades(double min_pos, double max_pos, double& lo, double& hi) {
    if (!(min_pos <= max_pos) || !positive(min_pos)) { lo = 0; hi = 1; return; }
    lo = std::floor(std::log10(min_pos) - 1e-9);
    hi = std::log10(max_pos);
    if (hi <= lo) hi = lo + 1;
}

std::string top_axis(const Scale& sc, TickFormat tick_text, double label_y, double top, double bottom) {
    const std::vector<Tick> ticks = axis_ticks(sc, tick_text);
    std::string s = "<g class=\"cb-axis-x\" aria-hidden=\"true\">";
    double widest = 0;
    for (const Tick& t : ticks) widest = std::max(widest, text_width(t.text, kSmall));
    // Labels that would collide are thinned to every k-th one, keeping those at multiples of k.
    long k = 1;
    if (ticks.size() > 1) {
        const double spacing = std::fabs(ticks[1].x - ticks[0].x);
        // On a log axis k is 1 or a multiple of 3: the labels kept are $1K, $1M, $1B.
        while (k < 99 && spacing * static_cast<double>(k) < widest + 8) k = (sc.log && k < 3) ? 3 : (sc.log ? k + 3 : k + 1);
    }
    for (const Tick& t : ticks) {
        s += line(t.x, top, t.x, bottom, "cb-grid");
        if (((t.key % k) + k) % k != 0) continue;
        const double w = text_width(t.text, kSmall);
        s += text(centre_inside(t.x, w), label_y, kSmall, "cb-tick", t.text, "middle");
    }
    s += "</g>\n";
    return s + line(sc.at(0), top, sc.at(0), bottom, "cb-axis") + "\n";  // zero, or a log axis' start
}

}  // namespace costbook::site::charts
