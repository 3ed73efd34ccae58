// The frame, its <style> and the primitives: every number goes through num() and every string
// through esc(), which is what keeps the contract in svg.h.
#include "render/charts/svg.h"
#include "render/html.h"
#include "utf8.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace costbook::site::charts {

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

// XML text: well-formed whatever the input (utf8.h), tabs and newlines as spaces, then escaped.
std::string esc(const std::string& s) {
    std::string text;
    text.reserve(s.size());
    for (const uint32_t cp : decode_xml_text(s)) append_utf8(cp == '\t' || cp == '\n' ? ' ' : cp, text);
    return escape(text);
}

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
namespace {

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

}  // namespace

std::string frame(const std::string& id, const char* kind, double height, const std::string& title,
                  const std::string& desc, const std::string& defs, const std::string& body) {
    std::string s;
    s += "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + num(kWidth) + " " + num(std::ceil(height)) +
         "\" class=\"cb-chart cb-" + kind + "\" role=\"" +
         // An image, unless its rows are links: those stay reachable inside a group.
         (body.find("<a ") == std::string::npos ? "img" : "group") + "\" aria-labelledby=\"" + id + "-title " + id + "-desc\">\n";
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
                 const char* anchor) {
    std::string s = "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" font-size=\"" + num(font) + "\"";
    if (!cls.empty()) s += " class=\"" + cls + "\"";
    if (anchor) s += std::string(" text-anchor=\"") + anchor + "\"";
    return s + ">" + esc(content) + "</text>";
}

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

std::string rect(double x, double y, double w, double h, const std::string& cls, const std::string& extra) {
    return "<rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(std::max(w, 0.0)) + "\" height=\"" +
           num(std::max(h, 0.0)) + "\" class=\"" + cls + "\"" + extra + "/>";
}

std::string circle(double cx, double cy, double r, const char* cls) {
    return "<circle cx=\"" + num(cx) + "\" cy=\"" + num(cy) + "\" r=\"" + num(r) + "\" class=\"" + cls + "\"/>";
}

}  // namespace costbook::site::charts
