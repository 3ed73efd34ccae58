// The log bar chart: one row per bar (rows.h) under a decade axis (axis.h).
#include "render/charts/bars.h"
#include "render/charts/axis.h"
#include "render/charts/rows.h"
#include "render/charts/svg.h"
#include "render/charts/text.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace costbook::site {
using namespace charts;

std::string bar_chart_log(const std::string& title, const std::string& desc, const std::vector<Bar>& bars,
                          TickFormat tick_text) {
    const std::string id = make_id("bars", title, desc);
    double min_pos = std::numeric_limits<double>::infinity(), max_pos = 0;
    double label_w = 0, value_w = 0;
    std::vector<std::string> items;
    for (const Bar& b : bars) {
        for (const double v : {b.value, b.value_high})
            if (positive(v)) { min_pos = std::min(min_pos, v); max_pos = std::max(max_pos, v); }
        label_w = std::max({label_w, text_width(b.label, kFont), text_width(b.note, kSmall)});
        value_w = std::max(value_w, text_width(b.value_text, kFont));
        items.push_back(b.label + ": " + b.value_text + (b.note.empty() ? "" : " (" + b.note + ")"));
    }
    Scale sc;
    sc.log = true;
    decades(min_pos, max_pos, sc.lo, sc.hi);
    label_w = column_width(label_w, 0.34);
    value_w = column_width(value_w, 0.22);
    sc.x0 = kPad + label_w + kGap;
    std::vector<std::pair<double, double>> ends;
    for (const Bar& b : bars) {
        const double end = positive(b.value_high) && b.value_high > b.value ? b.value_high : b.value;
        ends.push_back({sc.frac(end), std::min(text_width(b.value_text, kFont), value_w)});
    }
    sc.x1 = fit_x1(sc.x0, ends);

    const double axis_label_y = kSmall;
    const double top0 = kSmall + 10;
    std::string rows;
    double y = top0 + 6;
    for (const Bar& b : bars) {
        const LeftColumn c = left_column(b.label, b.note, label_w);
        const bool clamped = sc.clamped(b.value);
        const bool range = positive(b.value_high) && std::isfinite(b.value) && b.value_high > b.value;
        const std::string value_text = truncate(b.value_text, value_w, kFont);
        std::string tip = b.label + ": " + b.value_text + (b.note.empty() ? "" : " (" + b.note + ")");
        if (clamped) tip += kClampNote;
        rows += open_row(b.href, tip);
        rows += left_text(c, y, "cb-note");
        const double by = bar_top(y);
        const std::string muted = b.muted ? " cb-muted" : "";
        double end = sc.at(b.value);
        if (clamped) {
            rows += "<circle cx=\"" + num(sc.x0) + "\" cy=\"" + num(by + kBarHeight / 2) + "\" r=\"4\" class=\"cb-clamped\"/>";
            end = sc.x0 + 4;
        } else {
            rows += rect(sc.x0, by, std::max(end - sc.x0, 1.0), kBarHeight, "cb-bar" + muted);
        }
        if (range) {
            const double hi = sc.at(b.value_high);
            rows += rect(end, by, hi - end, kBarHeight, "cb-bar cb-range" + muted);
            end = hi;
        }
        rows += text(end + kValueGap, by + kBarHeight / 2 + kFont * 0.35, kFont, "cb-value", value_text);
        rows += close_row(b.href);
        y += row_height(c);
    }
    const double bottom = y - kRowGap + 4;

    std::vector<Tick> ticks;
    std::vector<long> keys;
    axis_ticks(sc, tick_text, ticks, keys);
    std::string body = top_axis(ticks, keys, sc.log, axis_label_y, top0, bottom);
    body += line(sc.x0, top0, sc.x0, bottom, "cb-axis") + "\n";
    body += rows;
    return frame(id, "bars", bottom + kPad, title, describe(desc, items), {}, body);
}

}  // namespace costbook::site
