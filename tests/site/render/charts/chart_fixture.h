// tests: reading the charts' SVG back (attributes, classes, a small well-formedness check), and
// the inputs the chart tests share (the README's DeepSeek figures)
#pragma once
#include <cctype>
#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "costbook/format.h"
#include "render/charts/bars.h"
#include "render/charts/lines.h"
#include "render/charts/waterfall.h"

namespace chart_fixture {

using namespace costbook;
using namespace costbook::site;

using Attrs = std::map<std::string, std::string>;

// Attributes of the tag starting at s[at] ('<'), up to its '>'.
inline Attrs attrs_at(const std::string& s, size_t at) {
    Attrs a;
    size_t i = s.find_first_of(" />", at + 1);
    while (i < s.size() && s[i] != '>') {
        while (i < s.size() && (s[i] == ' ' || s[i] == '/')) ++i;
        const size_t eq = s.find('=', i);
        if (eq == std::string::npos || s.find('>', i) < eq) break;
        const std::string name = s.substr(i, eq - i);
        const size_t close = s.find('"', eq + 2);
        a[name] = s.substr(eq + 2, close - eq - 2);
        i = close + 1;
    }
    return a;
}

// Every <name ...> element's attributes, in document order.
inline std::vector<Attrs> elements(const std::string& svg, const std::string& name) {
    std::vector<Attrs> out;
    for (size_t at = svg.find("<" + name); at != std::string::npos; at = svg.find("<" + name, at + 1)) {
        const char next = svg[at + 1 + name.size()];
        if (next == ' ' || next == '>' || next == '/') out.push_back(attrs_at(svg, at));
    }
    return out;
}

inline bool has_class(const Attrs& a, const std::string& cls) {
    const auto it = a.find("class");
    if (it == a.end()) return false;
    const std::string padded = " " + it->second + " ";
    return padded.find(" " + cls + " ") != std::string::npos;
}

inline double num(const Attrs& a, const std::string& key) { return std::stod(a.at(key)); }

// A minimal XML check: tags balance on a stack, attribute values are quoted, and every '&'
// starts one of the five entities the escaper writes. Returns "" or what went wrong.
inline std::string xml_problem(const std::string& s) {
    std::vector<std::string> stack;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '&') {
            bool ok = false;
            for (const char* e : {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;"})
                if (s.compare(i, std::char_traits<char>::length(e), e) == 0) ok = true;
            if (!ok) return "bare & at " + std::to_string(i);
            continue;
        }
        if (s[i] == '>') return "bare > at " + std::to_string(i);
        if (s[i] != '<') continue;
        size_t j = i + 1;
        const bool closing = j < s.size() && s[j] == '/';
        if (closing) ++j;
        const size_t name_end = s.find_first_of(" />", j);
        if (name_end == std::string::npos || name_end == j) return "bad tag at " + std::to_string(i);
        const std::string name = s.substr(j, name_end - j);
        size_t k = name_end;
        bool in_quote = false;
        for (; k < s.size(); ++k) {
            if (s[k] == '"') in_quote = !in_quote;
            else if (!in_quote && (s[k] == '<')) return "< inside tag at " + std::to_string(k);
            else if (!in_quote && s[k] == '>') break;
        }
        if (k == s.size()) return "unclosed tag at " + std::to_string(i);
        const bool self_closing = s[k - 1] == '/';
        if (closing) {
            if (stack.empty() || stack.back() != name) return "</" + name + "> does not close <" + (stack.empty() ? "" : stack.back()) + ">";
            stack.pop_back();
        } else if (!self_closing) {
            stack.push_back(name);
        }
        i = k;
    }
    if (!stack.empty()) return "<" + stack.back() + "> never closed";
    return "";
}

inline std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// Drops the embedded <style>: its CSS is fixed text, and the checks below are about data.
inline std::string without_style(const std::string& svg) {
    const size_t a = svg.find("<style>"), b = svg.find("</style>");
    return a == std::string::npos ? svg : svg.substr(0, a) + svg.substr(b + 8);
}

const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

// README: R1's RL stages $294K, V3's final run $5.576M, the fleet $2.573B.
inline std::vector<Bar> deepseek_bars() {
    return {{"DeepSeek-R1", 294e3, format_usd(294e3), "RL stages", "", false, 0},
            {"DeepSeek-V3", 5.576e6, format_usd(5.576e6), "final run", "/models/deepseek-v3/", false, 0},
            {"DeepSeek fleet", 2.573e9, format_usd(2.573e9), "4-year TCO", "", true, 0}};
}

// `costbook calc --ladder`: $294K, +$5.576M, +$16.73M and +$200M (assumptions), the fleet.
inline std::vector<Step> ladder_steps() {
    return {{"R1's RL stages", 294e3, 294e3, "+$294K", "$294K", true, false},
            {"V3's final training run", 5.576e6, 5.87e6, "+$5.576M", "$5.87M", true, false},
            {"Research, ablations and failed runs", 16.73e6, 22.6e6, "+$16.73M", "$22.6M", true, true},
            {"Data and people", 200e6, 222.6e6, "+$200M", "$222.6M", true, true},
            {"Owning the fleet (capex + opex)", 2.55e9, 2.773e9, "+$2.55B", "$2.773B", true, false}};
}

inline std::vector<Series> decline_series() {
    Series training{"Training, -75%/yr", {}, ""};
    for (int year = 0; year <= 5; ++year) training.points.push_back({double(year), 5.576e6 * std::pow(0.25, year)});
    training.end_text = format_usd(training.points.back().y);
    return {training};
}

const std::vector<std::pair<double, std::string>> kYears = {{0, "0"}, {1, "1"}, {2, "2"}, {3, "3"}, {4, "4"}, {5, "5"}};
const std::vector<std::pair<double, std::string>> kCosts = {{1e3, format_usd(1e3)}, {1e6, format_usd(1e6)}};

// Zero, negative, NaN and infinite values everywhere a chart takes a number.
inline std::vector<Bar> degenerate_bars() {
    return {{"zero", 0, "$0", "", "", false, 0},
            {"below", -5, "-$5", "", "", false, 0},
            {"unknown", kNaN, "n/a", "", "", false, kNaN},
            {"endless", kInf, "n/a", "", "", false, -kInf}};
}
inline std::vector<Step> degenerate_steps() {
    return {{"first", 0, 0, "+$0", "$0", true, false},
            {"down", -10, -10, "-$10", "-$10", true, true},
            {"odd", kNaN, kNaN, "n/a", "n/a", false, false},
            {"huge", kInf, kInf, "n/a", "n/a", true, false}};
}
inline std::vector<Series> degenerate_series() {
    return {{"flat", {{0, 0}, {1, -1}, {kNaN, 3}, {2, kInf}}, "n/a"}, {"empty", {}, ""}};
}
const std::vector<std::pair<double, std::string>> kBadTicks = {{kNaN, "a"}, {-1, "b"}, {0, "c"}};

}  // namespace chart_fixture
