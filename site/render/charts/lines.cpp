// The line chart: its own two axes (ticks arrive from the caller), lines, and end labels.
#include "render/charts/lines.h"
#include "render/charts/axis.h"
#include "render/charts/svg.h"
#include "render/charts/text.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

namespace costbook::site {
using namespace charts;

namespace {

// "Training, -75%/yr: $5.4K": the series' <title> and its sentence in <desc>.
std::string series_text(const Series& s) { return s.label + (s.end_text.empty() ? "" : ": " + s.end_text); }

}  // namespace

std::string line_chart(const std::string& title, const std::string& desc, const std::vector<Series>& series,
                       const std::vector<std::pair<double, std::string>>& x_ticks,
                       const std::vector<std::pair<double, std::string>>& y_ticks, bool log_y) {
    const std::string id = make_id(log_y ? "lines-log" : "lines", title, desc);
    Extent xs, ys;
    auto take_y = [&](double v) { if (log_y ? positive(v) : std::isfinite(v)) ys.take(v); };
    auto take_x = [&](double v) { if (std::isfinite(v)) xs.take(v); };
    for (const auto& t : x_ticks) take_x(t.first);
    for (const auto& t : y_ticks) take_y(t.first);
    double end_w = 0, tick_w = 0;
    std::vector<std::string> items;
    for (const Series& s : series) {
        for (const Point& p : s.points) { take_x(p.x); take_y(p.y); }
        end_w = std::max({end_w, text_width(s.label, kSmall + 1), text_width(s.end_text, kSmall)});
        items.push_back(series_text(s));
    }
    for (const auto& t : y_ticks) tick_w = std::max(tick_w, text_width(t.second, kSmall));
    if (!(xs.lo < xs.hi)) { xs.lo = std::isfinite(xs.lo) ? xs.lo : 0; xs.hi = xs.lo + 1; }
    Scale sy;
    sy.log = log_y;
    if (log_y) {
        if (!(ys.lo <= ys.hi)) { ys.lo = 1; ys.hi = 10; }
        sy.lo = std::log10(ys.lo);
        sy.hi = std::log10(ys.hi);
        if (sy.hi - sy.lo < 1e-9) { sy.lo -= 0.5; sy.hi += 0.5; }
    } else {
        if (!(ys.lo <= ys.hi)) { ys.lo = 0; ys.hi = 1; }
        sy.lo = ys.lo;
        sy.hi = ys.hi;
        if (sy.hi - sy.lo < 1e-12) { sy.lo -= 0.5; sy.hi += 0.5; }
    }
    const double label_font = kSmall + 1;
    end_w = column_width(end_w, 0.3);
    tick_w = column_width(tick_w, 0.2);
    const double top = kSmall, plot_h = kWidth * 0.55;
    const double bottom = top + plot_h;
    Scale sx{false, xs.lo, xs.hi, kPad + tick_w + 8, kWidth - kPad - (series.empty() ? 0 : end_w + 10)};
    sy.x0 = bottom;  // y grows downwards: the domain's low end at the bottom
    sy.x1 = top;

    std::string body = "<g class=\"cb-axis-y\" aria-hidden=\"true\">";
    for (const auto& t : y_ticks) {
        if (!std::isfinite(t.first) || (log_y && t.first <= 0)) continue;
        const double ty = sy.at(t.first);
        body += line(sx.x0, ty, sx.x1, ty, "cb-grid");
        body += text(sx.x0 - 6, ty + kSmall * 0.35, kSmall, "cb-tick", truncate(t.second, tick_w, kSmall), "end");
    }
    body += "</g>\n<g class=\"cb-axis-x\" aria-hidden=\"true\">";
    body += line(sx.x0, bottom, sx.x1, bottom, "cb-axis");
    for (const auto& t : x_ticks) {
        if (!std::isfinite(t.first)) continue;
        const double tx = sx.at(t.first);
        body += line(tx, bottom, tx, bottom + 4, "cb-axis");
        const double w = text_width(t.second, kSmall);
        body += text(centre_inside(tx, w), bottom + 6 + kSmall, kSmall, "cb-tick", t.second, "middle");
    }
    body += "</g>\n";

    // End labels at their line's last point, pushed apart so they never overlap.
    struct EndLabel { size_t series; double want, top, height; Wrapped label, note; };
    std::vector<EndLabel> ends;
    for (size_t i = 0; i < series.size(); ++i) {
        const Series& s = series[i];
        const Point* last = nullptr;
        for (const Point& p : s.points)
            if (std::isfinite(p.x)) last = &p;
        if (!last) continue;
        EndLabel e{i, sy.at(last->y), 0, 0, wrap(s.label, end_w, label_font, 2), wrap(s.end_text, end_w, kSmall, 1)};
        e.height = static_cast<double>(e.label.lines.size()) * label_font * 1.2 + static_cast<double>(e.note.lines.size()) * kSmallLine;
        ends.push_back(e);
    }
    std::sort(ends.begin(), ends.end(), [](const EndLabel& a, const EndLabel& b) {
        return a.want != b.want ? a.want < b.want : a.series < b.series;
    });
    double floor_y = 0;
    for (EndLabel& e : ends) {
        e.top = std::max(e.want - e.height / 2 + label_font * 0.15, floor_y);
        floor_y = e.top + e.height + 4;
    }
    double ceiling = bottom + 3;  // the last x tick label reaches past the plot: stay above its line
    for (size_t i = ends.size(); i-- > 0;) {
        EndLabel& e = ends[i];
        if (e.top + e.height > ceiling) e.top = ceiling - e.height;
        ceiling = e.top - 4;
    }

    for (size_t i = 0; i < series.size(); ++i) {
        const Series& s = series[i];
        const std::string cls = "cb-s" + std::to_string(std::min<size_t>(i, 2));
        std::string d, marks;
        int clamped = 0;
        double lx = 0, ly = 0;
        bool any = false;
        for (const Point& p : s.points) {
            if (!std::isfinite(p.x)) continue;
            const double px = sx.at(p.x), py = sy.at(p.y);
            d += (any ? " L" : "M") + num(px) + " " + num(py);
            if (sy.clamped(p.y)) {
                ++clamped;
                marks += circle(px, py, 3.5, "cb-clamped");
            }
            lx = px; ly = py; any = true;
        }
        std::string tip = series_text(s);
        if (clamped) tip += kClampNote;
        body += "<g class=\"cb-series " + cls + "\"><title>" + esc(tip) + "</title>";
        if (any) {
            body += "<path d=\"" + d + "\" class=\"cb-line\"/>";
            body += circle(lx, ly, 3.5, "cb-dot");
            body += marks;
        }
        for (const EndLabel& e : ends) {
            if (e.series != i) continue;
            const double x = sx.x1 + 10;
            const double base = e.top + label_font * 0.95;
            body += lines_text(x, base, label_font, label_font * 1.2, "cb-label cb-halo " + cls, e.label.lines);
            body += lines_text(x, base + static_cast<double>(e.label.lines.size()) * label_font * 1.2 - label_font * 1.2 + kSmallLine,
                               kSmall, kSmallLine, "cb-note cb-halo", e.note.lines);
        }
        body += "</g>\n";
    }
    return frame(id, log_y ? "lines cb-log" : "lines", bottom + 6 + kSmall * 1.4 + kPad, title, describe(desc, items), {}, body);
}

}  // namespace costbook::site
