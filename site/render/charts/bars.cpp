// The log bar chart: one row per bar (rows.h) under a decade axis (axis.h).
#include "render/charts/bars.h"
#include "render/charts/axis.h"
#include "render/charts/rows.h"
#include "render/charts/svg.h"
#include "render/charts/text.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace costbook::site {
using namespace charts;

namespace {

// "DeepSeek-V3: $5.576M (final run)": the bar's <title> and its sentence in <desc>.
std::string bar_text(const Bar& b) {
    return b.label + ": " + b.value_text + (b.note.empty() ? "" : " (" + b.note + ")") + (b.hatched ? " (costbook's reading)" : "");
}

}  // namespace

std::string bar_chart_log(const std::string& title, const std::string& desc, const std::vector<Bar>& bars,
                          TickFormat tick_text) {
    const std::string id = make_id("bars", title, desc);
    Extent positives;
    double label_w = 0, value_w = 0;
    std::vector<std::string> items;
    for (const Bar& b : bars) {
        for (const double v : {b.value, b.value_high})
            if (positive(v)) positives.take(v);
        label_w = std::max({label_w, text_width(b.label, kFont), text_width(b.note, kSmall)});
        value_w = std::max(value_w, text_width(b.value_text, kFont));
        items.push_back(bar_text(b));
    }
    Scale sc;
    sc.log = true;
    decades(positives.lo, positives.hi, sc.lo, sc.hi);
    label_w = column_width(label_w, 0.34);
    value_w = column_width(value_w, 0.22);
    sc.x0 = kPad + label_w + kGap;
    std::vector<std::pair<double, double>> ends;
    for (const Bar& b : bars) {
        const double end = positive(b.value_high) && b.value_high > b.value ? b.value_high : b.value;
        ends.push_back({sc.frac(end), std::min(text_width(b.value_text, kFont), value_w)});
    }
    sc.x1 = fit_x1(sc.x0, ends);

    // A hatched bar is the site's reading of words, not a figure a source gave (waterfall.cpp's pattern).
    const std::string hatch = id + "-hatch";
    const bool any_hatched = std::any_of(bars.begin(), bars.end(), [](const Bar& b) { return b.hatched; });
    const std::string defs = !any_hatched ? "" :
        "<pattern id=\"" + hatch + "\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" patternTransform=\"rotate(45)\">"
        "<rect width=\"6\" height=\"6\" class=\"cb-hatch-bg\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" class=\"cb-hatch-line\"/></pattern>";
    std::string rows;
    double y = kRowsTop;
    for (const Bar& b : bars) {
        const LeftColumn c = left_column(b.label, b.note, label_w);
        const bool clamped = sc.clamped(b.value);
        const bool range = positive(b.value_high) && std::isfinite(b.value) && b.value_high > b.value;
        const std::string value_text = truncate(b.value_text, value_w, kFont);
        std::string tip = bar_text(b);
        if (clamped) tip += kClampNote;
        rows += open_row(b.href, tip);
        rows += left_text(c, y, "cb-note");
        const double by = bar_top(y);
        const std::string muted = b.muted ? " cb-muted" : "";
        const std::string cls = b.hatched ? "cb-hatched" : "cb-bar" + muted;
        const std::string fill = b.hatched ? " fill=\"url(#" + hatch + ")\"" : "";
        double end = sc.at(b.value);
        if (clamped) {
            rows += clamp_mark(sc.x0, by);
            end = sc.x0 + 4;
        } else {
            rows += rect(sc.x0, by, std::max(end - sc.x0, 1.0), kBarHeight, cls, fill);
        }
        if (range) {
            const double hi = sc.at(b.value_high);
            rows += rect(end, by, hi - end, kBarHeight, b.hatched ? cls : "cb-bar cb-range" + muted, fill);
            end = hi;
        }
        rows += text(end + kValueGap, value_baseline(by), kFont, "cb-value", value_text);
        rows += close_row(b.href);
        y += row_height(c);
    }
    const double bottom = rows_bottom(y);
    return frame(id, "bars", bottom + kPad, title, describe(desc, items), defs,
                 top_axis(sc, tick_text, kAxisLabelY, kAxisTop, bottom) + rows);
}

}  // namespace costbook::site
