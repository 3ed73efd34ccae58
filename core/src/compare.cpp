#include "costbook/compare.h"

#include <cmath>
#include <string>

#include "costbook/format.h"

namespace costbook {

namespace {
const char* const kArrow = " \xE2\x86\x92 ";  // " → "

const char* counted_text(bool on) { return on ? "counted" : "not counted"; }

// A metric shown as a percentage ("34.6%") differs in points, not in percent.
bool is_percent(Metric m) {
    const std::string probe = metric_text(m, 0.5);
    return !probe.empty() && probe.back() == '%';
}
}  // namespace

std::string difference_text(Metric m, double d) {
    if (!std::isfinite(d)) return "n/a";
    if (d == 0) return "0";
    const std::string sign = d > 0 ? "+" : "-";
    if (is_percent(m)) return sign + format_sig(std::fabs(d) * 100.0, 3) + " pts";
    return sign + metric_text(m, std::fabs(d));
}

Comparison compare_scenarios(const Scenario& a, const Scenario& b, Metric m) {
    Comparison c;
    c.metric = m;
    c.a = metric_value(compute(a), m);
    c.b = metric_value(compute(b), m);
    c.difference = c.b - c.a;
    c.a_text = metric_text(m, c.a);
    c.b_text = metric_text(m, c.b);
    c.difference_text = difference_text(m, c.difference);

    // Sequential attribution (see compare.h): `step` walks from A to B one switch at a time.
    Scenario step = a;
    double before = c.a;
    const auto add = [&](std::string id, std::string label, std::string from, std::string to) {
        const double after = metric_value(compute(step), m);
        const double moved = after - before;
        before = after;
        c.parts.push_back({std::move(id), std::move(label), std::move(from), std::move(to), moved, difference_text(m, moved)});
    };
    for (int i = 0; i < a.ladder.size(); ++i) {
        const unsigned bit = 1u << i;
        if ((a.rungs & bit) == (b.rungs & bit)) continue;
        step.rungs = (step.rungs & ~bit) | (b.rungs & bit);
        const RungSpec& rung = a.ladder.rungs[static_cast<size_t>(i)];
        add("count." + rung.id, rung.label, counted_text(a.rungs & bit), counted_text(b.rungs & bit));
    }
    for (Key k : input_keys(a)) {
        if (a.get(k) == b.get(k)) continue;
        step.set_range(k, b.range(k));
        const KeyInfo info = input_info(a, k);
        add(info.name, info.label, input_value_text(info, a.get(k)), input_value_text(info, b.get(k)));
    }
    return c;
}

std::vector<Row> comparison_rows(const Comparison& c) {
    const std::string label = metric_label(c.metric);
    std::vector<Row> rows = {{label + ", pinned", c.a_text}, {label + ", now", c.b_text}, {"Difference", c.difference_text}};
    std::string unmoved;
    for (const Contribution& p : c.parts) {
        if (p.value == 0) {
            unmoved += (unmoved.empty() ? "" : ", ") + p.label;
            continue;
        }
        rows.push_back({p.label + ": " + p.from + kArrow + p.to, p.text});
    }
    if (!unmoved.empty()) rows.push_back({"Also changed, no effect on " + label, unmoved});
    return rows;
}

std::string comparison_summary(const Comparison& c) {
    return std::string(metric_label(c.metric)) + ": " + c.b_text + "; pinned " + c.a_text + "; difference " +
           c.difference_text;
}

}  // namespace costbook
