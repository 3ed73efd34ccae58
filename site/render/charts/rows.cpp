// The rows the bar chart and the waterfall share.
#include "render/charts/rows.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace costbook::site::charts {

double fit_x1(double x0, const std::vector<std::pair<double, double>>& ends) {
    double x1 = kWidth - kPad;
    for (const auto& [frac, w] : ends)
        if (frac > 1e-9) x1 = std::min(x1, x0 + (kWidth - kPad - kValueGap - w - x0) / frac);
    return std::max(x1, x0 + 40);
}

// Labels and notes wrap onto as many lines as they need (a phone has no hover for a cut text's title).
LeftColumn left_column(const std::string& label, const std::string& note, double width) {
    return {wrap(label, width, kFont, 0), wrap(note, width, kSmall, 0)};
}

std::string left_text(const LeftColumn& c, double top, const std::string& note_cls) {
    std::string s = lines_text(kPad, first_baseline(top), kFont, kLine, "cb-label", c.label.lines);
    if (!c.note.lines.empty()) {
        const double y = first_baseline(top) + static_cast<double>(c.label.lines.size() - (c.label.lines.empty() ? 0 : 1)) * kLine +
                         (c.label.lines.empty() ? 0 : kSmallLine);
        s += lines_text(kPad, y, kSmall, kSmallLine, note_cls, c.note.lines);
    }
    return s;
}

std::string clamp_mark(double x0, double bar_y) { return circle(x0, bar_y + kBarHeight / 2, 4, "cb-clamped"); }

double row_height(const LeftColumn& c) {
    return std::max(c.height(), bar_top(0) + kBarHeight) + kRowGap;
}

std::string open_row(const std::string& href, const std::string& tooltip) {
    std::string s = safe_href(href) ? "<a href=\"" + esc(href) + "\" class=\"cb-row\">" : std::string("<g class=\"cb-row\">");
    return s + "<title>" + esc(tooltip) + "</title>";
}
std::string close_row(const std::string& href) { return safe_href(href) ? "</a>\n" : "</g>\n"; }

}  // namespace costbook::site::charts
