// Layout is computed in viewBox units with estimated text widths: there is no font engine
// here, so widths come from DejaVu Sans' advances (Debian's system-ui, wider than Segoe UI,
// San Francisco and Roboto), which errs on the side of wrapping early rather than overflowing.
#include "render/charts/charts.h"
#include "render/html.h"
#include "utf8.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace costbook::site {
namespace {

// ---- geometry, viewBox units ----
constexpr double kWidth = 480;             // 390 px phone: ×0.75; 600 px column: ×1.25
constexpr double kFont = 15;               // labels and values
constexpr double kSmall = 13;              // notes, ticks, tags
constexpr double kLine = kFont * 1.2;      // line advance of labels
constexpr double kSmallLine = kSmall * 1.3;
constexpr double kPad = 1;                 // outer margin: text may nearly touch the edge
constexpr double kBarHeight = 16;
constexpr double kRowGap = 14;
constexpr double kGap = 10;                // label column to bars
constexpr double kValueGap = 5;            // bar end to its value text
const char* const kEllipsis = "\xE2\x80\xA6";  // …

// ---- numbers: one decimal, no locale, never nan/inf ----
std::string num(double v) {
    if (!std::isfinite(v)) v = 0;
    v = std::clamp(v, -1e7, 1e7);
    long long tenths = std::llround(v * 10);
    std::string s;
    if (tenths < 0) { s = "-"; tenths = -tenths; }
    s += std::to_string(tenths / 10);
    if (tenths % 10) { s += '.'; s += static_cast<char>('0' + tenths % 10); }
    return s;
}

bool positive(double v) { return std::isfinite(v) && v > 0; }

// ---- text: escaping, widths ----
std::vector<uint32_t> decode(const std::string& s) { return decode_xml_text(s); }
void encode(uint32_t cp, std::string& out) { append_utf8(cp, out); }

// XML text: well-formed whatever the input (utf8.h), tabs and newlines as spaces, then escaped.
std::string esc(const std::string& s) {
    std::string text;
    text.reserve(s.size());
    for (const uint32_t cp : decode(s)) encode(cp == '\t' || cp == '\n' ? ' ' : cp, text);
    return escape(text);
}

// DejaVu Sans advance widths in 1/2048 em, ASCII 32..126.
const unsigned short kAdvance[95] = {
    651, 823, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690,       // ' '../
    1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 690, 690, 1716, 1716, 1716, 1087, // 0..?
    2048, 1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540, 604, 604, 1343, 1141, 1767, 1532, 1612, // @..O
    1235, 1612, 1423, 1300, 1251, 1499, 1401, 2025, 1403, 1251, 1403, 799, 690, 799, 1716, 1024,   // P.._
    1024, 1255, 1300, 1126, 1300, 1260, 721, 1300, 1298, 569, 569, 1186, 569, 1995, 1298, 1253,    // `..o
    1300, 1300, 842, 1067, 803, 1298, 1212, 1675, 1212, 1212, 1075, 1303, 690, 1303, 1716,         // p..~
};

double em(uint32_t cp) {
    if (cp >= 32 && cp <= 126) return kAdvance[cp - 32] / 2048.0;
    switch (cp) {
        case 0x2013: return 0.5;                        // –
        case 0x2014: case 0x2026: return 1.0;           // — …
        case 0x00D7: case 0x2212: return 0.838;         // × −
        case 0x2018: case 0x2019: return 0.32;          // ‘ ’
        case 0x201C: case 0x201D: return 0.52;          // “ ”
        case 0x00B7: case 0x2009: case 0x202F: return 0.32;
        case 0x00A0: return 0.318;
        default: break;
    }
    if (cp >= 0x2E80) return 1.0;                       // CJK and wide symbols
    return 0.7;
}

double text_width(const std::string& s, double font) {
    double w = 0;
    for (const uint32_t cp : decode(s)) w += em(cp);
    return w * font;
}

// Cuts s so that it and "…" fit max_w.
std::string truncate(const std::string& s, double max_w, double font) {
    if (text_width(s, font) <= max_w) return s;
    const double budget = max_w - em(0x2026) * font;
    std::string out;
    double w = 0;
    for (const uint32_t cp : decode(s)) {
        w += em(cp) * font;
        if (w > budget) break;
        encode(cp, out);
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + kEllipsis;
}

struct Wrapped {
    std::vector<std::string> lines;
    bool cut = false;  // something was replaced by "…": the full text must be in a <title>
};

// Greedy word wrap into at most max_lines lines; whatever does not fit ends in "…".
Wrapped wrap(const std::string& s, double max_w, double font, size_t max_lines) {
    std::vector<std::string> words;
    std::string word;
    for (const char c : s) {
        if (c == ' ' || c == '\t' || c == '\n') {
            if (!word.empty()) words.push_back(word);
            word.clear();
        } else {
            word += c;
        }
    }
    if (!word.empty()) words.push_back(word);

    Wrapped w;
    std::string line;
    for (const std::string& wd : words) {
        const std::string candidate = line.empty() ? wd : line + " " + wd;
        if (line.empty() || text_width(candidate, font) <= max_w) {
            line = candidate;
        } else {
            w.lines.push_back(line);
            line = wd;
        }
    }
    if (!line.empty()) w.lines.push_back(line);
    if (max_lines > 0 && w.lines.size() > max_lines) {
        std::string rest;
        for (size_t i = max_lines - 1; i < w.lines.size(); ++i) rest += (rest.empty() ? "" : " ") + w.lines[i];
        w.lines.resize(max_lines);
        w.lines.back() = rest;
    }
    for (std::string& l : w.lines) {
        const std::string t = truncate(l, max_w, font);
        if (t != l) { l = t; w.cut = true; }
    }
    return w;
}

// ---- ids ----
std::string make_id(const char* kind, const std::string& title, const std::string& desc) {
    uint32_t h = 2166136261u;  // FNV-1a, 32-bit
    auto mix = [&h](const std::string& s) {
        for (const char c : s) { h ^= static_cast<unsigned char>(c); h *= 16777619u; }
        h ^= 0xFFu; h *= 16777619u;  // separator, so ("ab","c") differs from ("a","bc")
    };
    mix(kind); mix(title); mix(desc);
    const char* hex = "0123456789abcdef";
    std::string id = "cb-";
    for (int shift = 28; shift >= 0; shift -= 4) id += hex[(h >> shift) & 0xF];
    return id;
}

// Browsers strip tabs and newlines inside URLs, so "java\tscript:" is checked as "javascript:".
bool safe_href(const std::string& href) {
    std::string k;
    for (const char c : href)
        if (static_cast<unsigned char>(c) > 0x20) k += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const char* bad : {"javascript:", "data:", "vbscript:"})
        if (k.rfind(bad, 0) == 0) return false;
    return !k.empty();
}

// ---- the shared frame ----
// Zero-specificity rules (:where) so any page rule wins; page variables first, then the
// fallbacks, which follow the reader's colour scheme when the SVG stands alone.
const char* const kStyle =
    ":where(svg.cb-chart){display:block;width:100%;height:auto;max-width:520px}"
    ":where(.cb-chart){--cb-f-ink:#1f2328;--cb-f-muted:#646b73;--cb-f-grid:#dfe2e6;--cb-f-accent:#2563c9;"
    "--cb-f-accent-2:#c2410c;--cb-f-down:#c0392b;--cb-f-bg:#fff;--cb-f-bar-muted:#a9afb6;"
    "font-family:var(--cb-font,system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif)}"
    "@media (prefers-color-scheme:dark){:where(.cb-chart){--cb-f-ink:#e6e8eb;--cb-f-muted:#9aa2ab;"
    "--cb-f-grid:#353b42;--cb-f-accent:#6ea3f5;--cb-f-accent-2:#f0935a;--cb-f-down:#f27466;--cb-f-bg:#16191d;--cb-f-bar-muted:#5d646c}}"
    ":where(.cb-chart text){fill:var(--cb-ink,var(--cb-f-ink))}"
    ":where(.cb-chart .cb-note,.cb-chart .cb-tick,.cb-chart .cb-tag){fill:var(--cb-muted,var(--cb-f-muted))}"
    ":where(.cb-chart .cb-tag){font-style:italic}"
    ":where(.cb-chart .cb-value){font-variant-numeric:tabular-nums}"
    ":where(.cb-chart .cb-grid){stroke:var(--cb-grid,var(--cb-f-grid));stroke-width:1px;vector-effect:non-scaling-stroke}"
    ":where(.cb-chart .cb-axis){stroke:var(--cb-muted,var(--cb-f-muted));stroke-width:1px;vector-effect:non-scaling-stroke}"
    ":where(.cb-chart .cb-bar){fill:var(--cb-accent,var(--cb-f-accent))}"
    ":where(.cb-chart .cb-bar.cb-muted){fill:var(--cb-bar-muted,var(--cb-f-bar-muted))}"
    ":where(.cb-chart .cb-range){fill-opacity:.35}"
    ":where(.cb-chart .cb-bar.cb-down){fill:var(--cb-down,var(--cb-f-down))}"
    ":where(.cb-chart .cb-hatched){stroke:var(--cb-accent,var(--cb-f-accent));stroke-width:1px;vector-effect:non-scaling-stroke}"
    ":where(.cb-chart .cb-hatched.cb-down){stroke:var(--cb-down,var(--cb-f-down))}"
    ":where(.cb-chart .cb-hatch-bg){fill:var(--cb-accent,var(--cb-f-accent));fill-opacity:.16}"
    ":where(.cb-chart .cb-hatch-line){stroke:var(--cb-accent,var(--cb-f-accent));stroke-width:1.6}"
    ":where(.cb-chart .cb-off){fill:none;stroke:var(--cb-muted,var(--cb-f-muted));stroke-width:1px;"
    "stroke-dasharray:4 3;vector-effect:non-scaling-stroke}"
    ":where(.cb-chart .cb-conn){stroke:var(--cb-muted,var(--cb-f-muted));stroke-width:1px;stroke-dasharray:2 2;"
    "vector-effect:non-scaling-stroke}"
    ":where(.cb-chart .cb-clamped){fill:var(--cb-bg,var(--cb-f-bg));stroke:var(--cb-down,var(--cb-f-down));stroke-width:1.5}"
    ":where(.cb-chart .cb-line){fill:none;stroke-width:2.5;stroke-linejoin:round;stroke-linecap:round}"
    ":where(.cb-chart .cb-s0 .cb-line){stroke:var(--cb-accent,var(--cb-f-accent))}"
    ":where(.cb-chart .cb-s1 .cb-line){stroke:var(--cb-accent-2,var(--cb-f-accent-2));stroke-dasharray:7 4}"
    ":where(.cb-chart .cb-s0 .cb-dot,.cb-chart text.cb-s0){fill:var(--cb-accent,var(--cb-f-accent))}"
    ":where(.cb-chart .cb-s1 .cb-dot,.cb-chart text.cb-s1){fill:var(--cb-accent-2,var(--cb-f-accent-2))}"
    ":where(.cb-chart .cb-s2 .cb-line){stroke:var(--cb-muted,var(--cb-f-muted));stroke-dasharray:2 4}"
    ":where(.cb-chart .cb-s2 .cb-dot,.cb-chart text.cb-s2){fill:var(--cb-muted,var(--cb-f-muted))}"
    ":where(.cb-chart .cb-halo){paint-order:stroke;stroke:var(--cb-bg,var(--cb-f-bg));stroke-width:4px;stroke-linejoin:round}"
    ":where(.cb-chart a.cb-row:hover .cb-label){text-decoration:underline}"
    ":where(.cb-chart a.cb-row:hover .cb-bar){fill-opacity:.8}"
    ":where(.cb-chart a.cb-row:focus-visible){outline:2px solid var(--cb-accent,var(--cb-f-accent))}";

std::string frame(const std::string& id, const char* kind, double height, const std::string& title,
                  const std::string& desc, const std::string& defs, const std::string& body) {
    std::string s;
    s += "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + num(kWidth) + " " + num(std::ceil(height)) +
         "\" class=\"cb-chart cb-" + kind + "\" role=\"img\" aria-labelledby=\"" + id + "-title " + id + "-desc\">\n";
    s += "<title id=\"" + id + "-title\">" + esc(title) + "</title>\n";
    s += "<desc id=\"" + id + "-desc\">" + esc(desc) + "</desc>\n";
    s += "<style>";
    s += kStyle;
    s += "</style>\n";
    if (!defs.empty()) s += "<defs>" + defs + "</defs>\n";
    s += body;
    s += "</svg>\n";
    return s;
}

// Appends "a. b. c." to desc: role="img" hides the chart's own text from screen readers.
std::string describe(const std::string& desc, const std::vector<std::string>& items) {
    std::string s = desc;
    for (const std::string& it : items) {
        if (it.empty()) continue;
        if (!s.empty()) s += ' ';
        s += it + ".";
    }
    return s;
}

std::string text(double x, double y, double font, const std::string& cls, const std::string& content,
                 const char* anchor = nullptr) {
    std::string s = "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" font-size=\"" + num(font) + "\"";
    if (!cls.empty()) s += " class=\"" + cls + "\"";
    if (anchor) s += std::string(" text-anchor=\"") + anchor + "\"";
    return s + ">" + esc(content) + "</text>";
}

// Lines of one paragraph as <tspan>s: one <text>, so it is read as one string.
std::string lines_text(double x, double y, double font, double advance, const std::string& cls,
                       const std::vector<std::string>& lines) {
    if (lines.empty()) return {};
    std::string s = "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" font-size=\"" + num(font) + "\" class=\"" + cls + "\">";
    for (size_t i = 0; i < lines.size(); ++i) {
        s += "<tspan x=\"" + num(x) + "\"";
        if (i > 0) s += " dy=\"" + num(advance) + "\"";
        s += ">" + esc(lines[i]) + "</tspan>";
    }
    return s + "</text>";
}

std::string line(double x1, double y1, double x2, double y2, const char* cls) {
    return "<line x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2) + "\" y2=\"" + num(y2) +
           "\" class=\"" + cls + "\"/>";
}

std::string rect(double x, double y, double w, double h, const std::string& cls, const std::string& extra = {}) {
    return "<rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(std::max(w, 0.0)) + "\" height=\"" +
           num(std::max(h, 0.0)) + "\" class=\"" + cls + "\"" + extra + "/>";
}

// Keeps a centred label of width w inside the viewBox.
double centre_inside(double x, double w) { return std::clamp(x, w / 2 + kPad, kWidth - kPad - w / 2); }

// ---- scales ----
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

// From the whole decade below the smallest positive value (so even the smallest bar has
// length) to the largest value itself (so the longest bar uses the width; gridlines stop at
// the last decade inside). Nothing positive: one decade, 1..10.
void decades(double min_pos, double max_pos, double& lo, double& hi) {
    if (!(min_pos <= max_pos) || !positive(min_pos)) { lo = 0; hi = 1; return; }
    lo = std::floor(std::log10(min_pos) - 1e-9);
    hi = std::log10(max_pos);
    if (hi <= lo) hi = lo + 1;
}

// The widest bar area such that every bar's end text still fits: ends[i] = (fraction of
// the axis where the text starts, text width).
double fit_x1(double x0, const std::vector<std::pair<double, double>>& ends) {
    double x1 = kWidth - kPad;
    for (const auto& [frac, w] : ends)
        if (frac > 1e-9) x1 = std::min(x1, x0 + (kWidth - kPad - kValueGap - w - x0) / frac);
    return std::max(x1, x0 + 40);
}

// A 1-2-5 step giving at most max_ticks intervals over [lo, hi].
double nice_step(double span, int max_ticks) {
    if (!(span > 0) || !std::isfinite(span)) return 1;
    const double raw = span / max_ticks;
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (m * mag >= raw) return m * mag;
    return 10 * mag;
}

struct Tick { double x; std::string text; };

// Gridlines from top to bottom and tick labels above them; labels that would collide are
// thinned to every k-th one, keeping those at multiples of k.
std::string top_axis(const std::vector<Tick>& ticks, const std::vector<long>& keys, bool log, double label_y,
                     double top, double bottom) {
    std::string s = "<g class=\"cb-axis-x\" aria-hidden=\"true\">";
    double widest = 0;
    for (const Tick& t : ticks) widest = std::max(widest, text_width(t.text, kSmall));
    long k = 1;
    if (ticks.size() > 1) {
        const double spacing = std::fabs(ticks[1].x - ticks[0].x);
        // On a log axis k is 1 or a multiple of 3: the labels kept are $1K, $1M, $1B.
        while (k < 99 && spacing * static_cast<double>(k) < widest + 8) k = (log && k < 3) ? 3 : (log ? k + 3 : k + 1);
    }
    for (size_t i = 0; i < ticks.size(); ++i) {
        s += line(ticks[i].x, top, ticks[i].x, bottom, "cb-grid");
        const long key = keys[i];
        if (((key % k) + k) % k != 0) continue;
        const double w = text_width(ticks[i].text, kSmall);
        s += text(centre_inside(ticks[i].x, w), label_y, kSmall, "cb-tick", ticks[i].text, "middle");
    }
    return s + "</g>\n";
}

// Ticks for a horizontal value axis: decades, or a 1-2-5 step over a linear domain.
void axis_ticks(const Scale& sc, TickFormat tick_text, std::vector<Tick>& ticks, std::vector<long>& keys) {
    if (!tick_text) tick_text = format_usd;
    if (sc.log) {
        for (long e = std::lround(sc.lo); e <= std::lround(std::floor(sc.hi + 1e-9)); ++e) {
            const double v = std::pow(10.0, static_cast<double>(e));
            ticks.push_back({sc.at(v), tick_text(v)});
            keys.push_back(e);
        }
    } else {
        const double step = nice_step(sc.hi - sc.lo, 5);
        if (!(std::fabs(sc.lo / step) < 1e12 && std::fabs(sc.hi / step) < 1e12)) return;  // no sane grid
        const long first = std::lround(std::ceil(sc.lo / step - 1e-9)), last = std::lround(std::floor(sc.hi / step + 1e-9));
        for (long i = first; i <= last && i - first < 50; ++i) {
            const double v = static_cast<double>(i) * step;
            ticks.push_back({sc.at(v), tick_text(v == 0 ? 0.0 : v)});
            keys.push_back(i);
        }
    }
}

// A row's left column: a label (two lines at most) and, smaller, a note under it.
struct LeftColumn {
    Wrapped label, note;
    double height() const {
        return static_cast<double>(label.lines.size()) * kLine + static_cast<double>(note.lines.size()) * kSmallLine;
    }
};

LeftColumn left_column(const std::string& label, const std::string& note, double width) {
    return {wrap(label, width, kFont, 2), wrap(note, width, kSmall, 2)};
}

// The label's first baseline sits so that the bar is centred on its first line.
double first_baseline(double top) { return top + kFont * 0.95; }
double bar_top(double top) { return first_baseline(top) - kFont * 0.35 - kBarHeight / 2; }

std::string left_text(const LeftColumn& c, double top, const std::string& note_cls) {
    std::string s = lines_text(kPad, first_baseline(top), kFont, kLine, "cb-label", c.label.lines);
    if (!c.note.lines.empty()) {
        const double y = first_baseline(top) + static_cast<double>(c.label.lines.size() - (c.label.lines.empty() ? 0 : 1)) * kLine +
                         (c.label.lines.empty() ? 0 : kSmallLine);
        s += lines_text(kPad, y, kSmall, kSmallLine, note_cls, c.note.lines);
    }
    return s;
}

double row_height(const LeftColumn& c) {
    return std::max(c.height(), bar_top(0) + kBarHeight) + kRowGap;
}

std::string open_row(const std::string& href, const std::string& tooltip) {
    std::string s = safe_href(href) ? "<a href=\"" + esc(href) + "\" class=\"cb-row\">" : std::string("<g class=\"cb-row\">");
    return s + "<title>" + esc(tooltip) + "</title>";
}
std::string close_row(const std::string& href) { return safe_href(href) ? "</a>\n" : "</g>\n"; }

double column_width(double natural, double share) { return std::min(natural, kWidth * share); }

const char* const kClampNote = " (not drawn to scale: a log axis cannot show zero or less)";

}  // namespace

// ---- [SECTION] Bars ----
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

// ---- [SECTION] Waterfall ----
std::string waterfall(const std::string& title, const std::string& desc, const std::vector<Step>& steps,
                      bool log_scale, TickFormat tick_text) {
    const std::string id = make_id(log_scale ? "waterfall-log" : "waterfall", title, desc);
    const std::string not_counted = "not counted";

    // Where each bar runs: from the previous total to this one; an off step, to where it would reach.
    struct Span { double from, to; };
    std::vector<Span> spans;
    double prev = 0, min_v = std::numeric_limits<double>::infinity(), max_v = -min_v;
    double min_pos = min_v, max_pos = 0;
    double label_w = 0, value_w = text_width(not_counted, kFont);
    std::vector<std::string> items;
    for (const Step& s : steps) {
        Span sp{prev, s.on ? s.total : prev + (std::isfinite(s.add) ? s.add : 0)};
        spans.push_back(sp);
        for (const double v : {sp.from, sp.to}) {
            if (std::isfinite(v)) { min_v = std::min(min_v, v); max_v = std::max(max_v, v); }
            if (positive(v)) { min_pos = std::min(min_pos, v); max_pos = std::max(max_pos, v); }
        }
        if (s.on && std::isfinite(s.total)) prev = s.total;
        const std::string tag = s.assumption ? " \xC2\xB7 assumption" : "";
        label_w = std::max({label_w, text_width(s.label, kFont), text_width(s.add_text + tag, kSmall)});
        value_w = std::max(value_w, text_width(s.total_text, kFont));
        items.push_back(s.on ? s.label + ": " + s.add_text + ", total " + s.total_text + (s.assumption ? " (assumption)" : "")
                             : s.label + ": not counted (would add " + s.add_text + ")");
    }
    Scale sc;
    sc.log = log_scale;
    if (log_scale) {
        decades(min_pos, max_pos, sc.lo, sc.hi);
    } else {
        sc.lo = std::min(0.0, std::isfinite(min_v) ? min_v : 0.0);
        sc.hi = std::max(0.0, std::isfinite(max_v) ? max_v : 0.0);
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

    const double axis_label_y = kSmall;
    const double top0 = kSmall + 10;
    std::string rows, connectors;
    double y = top0 + 6;
    double total_x = sc.at(0), last_bar_bottom = 0;
    for (size_t i = 0; i < steps.size(); ++i) {
        const Step& s = steps[i];
        const Span sp = spans[i];
        const LeftColumn c = left_column(s.label, s.add_text + (s.assumption ? " \xC2\xB7 assumption" : ""), label_w);
        const bool clamped = s.on && sc.clamped(s.total);
        std::string tip = s.label + ": " + (s.on ? s.add_text + ", total " + s.total_text : "not counted (would add " + s.add_text + ")") +
                          (s.assumption ? " (assumption)" : "");
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
        if (clamped)
            rows += "<circle cx=\"" + num(sc.x0) + "\" cy=\"" + num(by + kBarHeight / 2) + "\" r=\"4\" class=\"cb-clamped\"/>";
        const double end = std::max(left + width, clamped ? sc.x0 + 4 : 0.0);
        const std::string end_text = s.on ? truncate(s.total_text, value_w, kFont) : not_counted;
        const double text_y = by + kBarHeight / 2 + kFont * 0.35;
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
    const double bottom = y - kRowGap + 4;

    std::vector<Tick> ticks;
    std::vector<long> keys;
    axis_ticks(sc, tick_text, ticks, keys);
    std::string body = top_axis(ticks, keys, sc.log, axis_label_y, top0, bottom);
    body += line(sc.at(0), top0, sc.at(0), bottom, "cb-axis") + "\n";  // zero, or a log axis' start
    if (!connectors.empty()) body += "<g aria-hidden=\"true\">" + connectors + "</g>\n";
    body += rows;
    return frame(id, log_scale ? "waterfall cb-log" : "waterfall", bottom + kPad, title, describe(desc, items), defs, body);
}

// ---- [SECTION] Lines ----
std::string line_chart(const std::string& title, const std::string& desc, const std::vector<Series>& series,
                       const std::vector<std::pair<double, std::string>>& x_ticks,
                       const std::vector<std::pair<double, std::string>>& y_ticks, bool log_y) {
    const std::string id = make_id(log_y ? "lines-log" : "lines", title, desc);
    double xmin = std::numeric_limits<double>::infinity(), xmax = -xmin;
    double ymin = xmin, ymax = -xmin;
    auto take_y = [&](double v) {
        if (log_y ? positive(v) : std::isfinite(v)) { ymin = std::min(ymin, v); ymax = std::max(ymax, v); }
    };
    auto take_x = [&](double v) {
        if (std::isfinite(v)) { xmin = std::min(xmin, v); xmax = std::max(xmax, v); }
    };
    for (const auto& t : x_ticks) take_x(t.first);
    for (const auto& t : y_ticks) take_y(t.first);
    double end_w = 0, tick_w = 0;
    std::vector<std::string> items;
    for (const Series& s : series) {
        for (const Point& p : s.points) { take_x(p.x); take_y(p.y); }
        end_w = std::max({end_w, text_width(s.label, kSmall + 1), text_width(s.end_text, kSmall)});
        items.push_back(s.label + (s.end_text.empty() ? "" : ": " + s.end_text));
    }
    for (const auto& t : y_ticks) tick_w = std::max(tick_w, text_width(t.second, kSmall));
    if (!(xmin < xmax)) { xmin = std::isfinite(xmin) ? xmin : 0; xmax = xmin + 1; }
    Scale sy;
    sy.log = log_y;
    if (log_y) {
        if (!(ymin <= ymax)) { ymin = 1; ymax = 10; }
        sy.lo = std::log10(ymin);
        sy.hi = std::log10(ymax);
        if (sy.hi - sy.lo < 1e-9) { sy.lo -= 0.5; sy.hi += 0.5; }
    } else {
        if (!(ymin <= ymax)) { ymin = 0; ymax = 1; }
        sy.lo = ymin;
        sy.hi = ymax;
        if (sy.hi - sy.lo < 1e-12) { sy.lo -= 0.5; sy.hi += 0.5; }
    }
    const double label_font = kSmall + 1;
    end_w = column_width(end_w, 0.3);
    tick_w = column_width(tick_w, 0.2);
    const double top = kSmall, plot_h = kWidth * 0.55;
    const double bottom = top + plot_h;
    Scale sx{false, xmin, xmax, kPad + tick_w + 8, kWidth - kPad - (series.empty() ? 0 : end_w + 10)};
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
                marks += "<circle cx=\"" + num(px) + "\" cy=\"" + num(py) + "\" r=\"3.5\" class=\"cb-clamped\"/>";
            }
            lx = px; ly = py; any = true;
        }
        std::string tip = s.label + (s.end_text.empty() ? "" : ": " + s.end_text);
        if (clamped) tip += kClampNote;
        body += "<g class=\"cb-series " + cls + "\"><title>" + esc(tip) + "</title>";
        if (any) {
            body += "<path d=\"" + d + "\" class=\"cb-line\"/>";
            body += "<circle cx=\"" + num(lx) + "\" cy=\"" + num(ly) + "\" r=\"3.5\" class=\"cb-dot\"/>";
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
