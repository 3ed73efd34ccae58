// The waterfall: one row per step (rows.h), floating bars from total to total, on a log or
// linear axis (axis.h).
#include "render/charts/waterfall.h"
#include "render/charts/axis.h"
#include "render/charts/rows.h"
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

// "V3's final training run: +$5.576M, total $5.87M", or "...: not counted (would add +$5.576M)".
std::string step_text(const Step& s) {
    return s.label + ": " + (s.on ? s.add_text + ", total " + s.total_text : "not counted (would add " + s.add_text + ")");
}

// Under the label: what the step adds, and whether that is an assumption.
std::string step_note(const Step& s) { return s.add_text + (s.assumption ? " \xC2\xB7 assumption" : ""); }

}  // namespace

std::string waterfall(const std::string& title, const std::string& desc, const std::vector<Step>& steps,
                      bool log_scale, TickFormat tick_text) {
    const std::string id = make_id(log_scale ? "waterfall-log" : "waterfall", title, desc);
    const std::string not_counted = "not counted";

    // Where each bar runs: from the previous total to this one; an off step, to where it would reach.
    struct Span { double from, to; };
    std::vector<Span> spans;
    double prev = 0;
    Extent finite, positives;
    double label_w = 0, value_w = text_width(not_counted, kFont);
    std::vector<std::string> items;
    for (const Step& s : steps) {
        Span sp{prev, s.on ? s.total : prev + (std::isfinite(s.add) ? s.add : 0)};
        spans.push_back(sp);
        for (const double v : {sp.from, sp.to}) {
            if (std::isfinite(v)) finite.take(v);
            if (positive(v)) positives.take(v);
        }
        if (s.on && std::isfinite(s.total)) prev = s.total;
        label_w = std::max({label_w, text_width(s.label, kFont), text_width(step_note(s), kSmall)});
        value_w = std::max(value_w, text_width(s.total_text, kFont));
        // <desc> leaves "(assumption)" off a step that is not counted; the row's <title> keeps it.
        items.push_back(step_text(s) + (s.on && s.assumption ? " (assumption)" : ""));
    }
    Scale sc;
    sc.log = log_scale;
    if (log_scale) {
        decades(positives.lo, positives.hi, sc.lo, sc.hi);
    } else {
        sc.lo = std::min(0.0, std::isfinite(finite.lo) ? finite.lo : 0.0);
        sc.hi = std::max(0.0, std::isfinite(finite.hi) ? finite.hi : 0.0);
        if (sc.hi <= sc.lo) sc.hi = sc.lo + 1;
    }
    label_w = column_width(label_w, 0.36);
    value_w = column_width(value_w, 0.22);
    sc.x0 = kPad + label_w + kGap;
    std::vector<std::pair<double, double>> ends;
    for (size_t i = 0; i < steps.size(); ++i) {
        const double w = steps[i].on ? std::min(text_width(steps[i].total_text, kFont), value_w) : text_width(not_counted, kFont);
        ends.push_back({std::max(sc.frac(spans[i].from), sc.frac(spans[i].to)), w});
    }
    sc.x1 = fit_x1(sc.x0, ends);

    const std::string hatch = id + "-hatch";
    const std::string defs = "<pattern id=\"" + hatch +
                             "\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" patternTransform=\"rotate(45)\">"
                             "<rect width=\"6\" height=\"6\" class=\"cb-hatch-bg\"/>"
                             "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" class=\"cb-hatch-line\"/></pattern>";

    std::string rows, connectors;
    double y = kRowsTop;
    double total_x = sc.at(0), last_bar_bottom = 0;
    for (size_t i = 0; i < steps.size(); ++i) {
        const Step& s = steps[i];
        const Span sp = spans[i];
        const LeftColumn c = left_column(s.label, step_note(s), label_w);
        const bool clamped = s.on && sc.clamped(s.total);
        std::string tip = step_text(s) + (s.assumption ? " (assumption)" : "");
        if (clamped) tip += kClampNote;
        rows += open_row({}, tip);
        rows += left_text(c, y, "cb-note");
        const double by = bar_top(y);
        const double a = sc.at(sp.from), b = sc.at(sp.to);
        const bool down = sp.to < sp.from;
        double left = std::min(a, b), width = std::fabs(b - a);
        if (!s.on) {
            if (width < 6) width = 6;  // an off step that would add nothing is still a visible box
            rows += rect(left, by + 0.5, width, kBarHeight - 1, "cb-off");
        } else {
            const std::string cls = std::string(s.assumption ? "cb-hatched" : "cb-bar") + (down ? " cb-down" : "");
            const std::string fill = s.assumption ? " fill=\"url(#" + hatch + ")\"" : "";
            if (down && width > 10) {
                // A decrease points left, towards the new total, so it reads without colour.
                const double r = left + width, half = kBarHeight / 2;
                rows += "<path d=\"M" + num(r) + " " + num(by) + " H" + num(left + half * 0.75) + " L" + num(left) + " " +
                        num(by + half) + " L" + num(left + half * 0.75) + " " + num(by + kBarHeight) + " H" + num(r) +
                        " Z\" class=\"" + cls + "\"" + fill + "/>";
            } else {
                rows += rect(left, by, std::max(width, 1.5), kBarHeight, cls, fill);
            }
        }
        if (clamped) rows += clamp_mark(sc.x0, by);
        const double end = std::max(left + width, clamped ? sc.x0 + 4 : 0.0);
        const std::string end_text = s.on ? truncate(s.total_text, value_w, kFont) : not_counted;
        const double text_y = value_baseline(by);
        const double text_w = text_width(end_text, kFont);
        if (s.on && down && left - kValueGap - text_w >= sc.x0 + 4)  // a decrease's total sits at its left end
            rows += text(left - kValueGap, text_y, kFont, "cb-value", end_text, "end");
        else
            rows += text(end + kValueGap, text_y, kFont, s.on ? "cb-value" : "cb-tag", end_text);
        rows += close_row({});

        // A dashed line carries the running total down from the row above to this one.
        if (i > 0) connectors += line(total_x, last_bar_bottom, total_x, by, "cb-conn");
        if (s.on) total_x = b;
        last_bar_bottom = by + kBarHeight;
        y += row_height(c);
    }
    const double bottom = rows_bottom(y);
    std::string body = top_axis(sc, tick_text, kAxisLabelY, kAxisTop, bottom);
    if (!connectors.empty()) body += "<g aria-hidden=\"true\">" + connectors + "</g>\n";
    body += rows;
    return frame(id, log_scale ? "waterfall cb-log" : "waterfall", bottom + kPad, title, describe(desc, items), defs, body);
}

}  // namespace costbook::site
