// The tornado chart: one row per input (rows.h) under a linear value axis (axis.h), the headline a line.
#include "render/charts/tornado.h"
#include "render/charts/axis.h"
#include "render/charts/rows.h"
#include "render/charts/svg.h"
#include "render/charts/text.h"

#include <algorithm>
#include <string>
#include <vector>

namespace costbook::site {
using namespace charts;

std::string tornado_chart(const std::string& title, const std::string& desc, double headline,
                          const std::string& headline_text, const std::vector<TornadoRow>& rows, TickFormat tick_text) {
    const std::string id = make_id("tornado", title, desc);
    Extent extent;
    extent.take(headline);
    double label_w = 0;
    std::vector<std::string> items = {"At every likely value: " + headline_text};
    for (const TornadoRow& r : rows) {
        extent.take(r.at_low);
        extent.take(r.at_high);
        label_w = std::max({label_w, text_width(r.label, kFont), text_width(r.note, kSmall)});
        items.push_back(r.label + " (" + r.note + "): " + r.low_text + "; " + r.high_text);
    }
    Scale sc;
    const double span = extent.hi > extent.lo ? extent.hi - extent.lo : std::max(1.0, std::abs(headline));
    sc.lo = extent.lo - span * 0.05;
    sc.hi = extent.hi + span * 0.05;
    label_w = column_width(label_w, 0.34);
    sc.x0 = kPad + label_w + kGap;
    sc.x1 = kWidth - kPad;
    // Each row: its bar between the two ends; under it, the two ends' text at the bar's sides.
    std::string body;
    double y = kRowsTop;
    for (const TornadoRow& r : rows) {
        const LeftColumn c = left_column(r.label, r.note, label_w);
        body += open_row("", r.label + " (" + r.note + "): " + r.low_text + "; " + r.high_text);
        body += left_text(c, y, "cb-note");
        const double by = bar_top(y);
        const double a = sc.at(std::min(r.at_low, r.at_high)), b = sc.at(std::max(r.at_low, r.at_high));
        const double mid = sc.at(headline);
        // The side below the headline in the down colour, above it in the accent.
        if (mid > a) body += rect(a, by, std::max(std::min(mid, b) - a, 1.0), kBarHeight, "cb-bar cb-down");
        if (b > mid) body += rect(std::max(mid, a), by, std::max(b - std::max(mid, a), 1.0), kBarHeight, "cb-bar");
        const double ty = by + kBarHeight + kSmall;
        const std::string& left = r.at_low <= r.at_high ? r.low_text : r.high_text;
        const std::string& right = r.at_low <= r.at_high ? r.high_text : r.low_text;
        const double half = (sc.x1 - sc.x0) / 2 - 4;
        body += text(sc.x0 + 4, ty, kSmall, "cb-tick", truncate(left, half, kSmall));   // clear of the axis line at x0
        body += text(sc.x1, ty, kSmall, "cb-tick", truncate(right, half, kSmall), "end");
        body += close_row("");
        y += std::max(row_height(c), kBarHeight + kSmall + kRowGap + 6);
    }
    const double bottom = rows_bottom(y);
    const double mx = sc.at(headline);
    body += line(mx, kAxisTop, mx, bottom, "cb-axis");
    return frame(id, "tornado", bottom + kPad, title, describe(desc, items), "",
                 top_axis(sc, tick_text, kAxisLabelY, kAxisTop, bottom) + body);
}

}  // namespace costbook::site
