// The SVG charts: escaped, deterministic, well-formed, accessible, and drawn to scale.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "render/charts/bars.h"
#include "render/charts/lines.h"
#include "render/charts/waterfall.h"
#include "costbook/format.h"

using namespace costbook;
using namespace costbook::site;

namespace {

using Attrs = std::map<std::string, std::string>;

// Attributes of the tag starting at s[at] ('<'), up to its '>'.
Attrs attrs_at(const std::string& s, size_t at) {
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
std::vector<Attrs> elements(const std::string& svg, const std::string& name) {
    std::vector<Attrs> out;
    for (size_t at = svg.find("<" + name); at != std::string::npos; at = svg.find("<" + name, at + 1)) {
        const char next = svg[at + 1 + name.size()];
        if (next == ' ' || next == '>' || next == '/') out.push_back(attrs_at(svg, at));
    }
    return out;
}

bool has_class(const Attrs& a, const std::string& cls) {
    const auto it = a.find("class");
    if (it == a.end()) return false;
    const std::string padded = " " + it->second + " ";
    return padded.find(" " + cls + " ") != std::string::npos;
}

double num(const Attrs& a, const std::string& key) { return std::stod(a.at(key)); }

// A minimal XML check: tags balance on a stack, attribute values are quoted, and every '&'
// starts one of the five entities the escaper writes. Returns "" or what went wrong.
std::string xml_problem(const std::string& s) {
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

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// Drops the embedded <style>: its CSS is fixed text, and the checks below are about data.
std::string without_style(const std::string& svg) {
    const size_t a = svg.find("<style>"), b = svg.find("</style>");
    return a == std::string::npos ? svg : svg.substr(0, a) + svg.substr(b + 8);
}

const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

// README: R1's RL stages $294K, V3's final run $5.576M, the fleet $2.573B.
std::vector<Bar> deepseek_bars() {
    return {{"DeepSeek-R1", 294e3, format_usd(294e3), "RL stages", "", false, 0},
            {"DeepSeek-V3", 5.576e6, format_usd(5.576e6), "final run", "/models/deepseek-v3/", false, 0},
            {"DeepSeek fleet", 2.573e9, format_usd(2.573e9), "4-year TCO", "", true, 0}};
}

// `costbook calc --ladder`: $294K, +$5.576M, +$16.73M and +$200M (assumptions), the fleet.
std::vector<Step> ladder_steps() {
    return {{"R1's RL stages", 294e3, 294e3, "+$294K", "$294K", true, false},
            {"V3's final training run", 5.576e6, 5.87e6, "+$5.576M", "$5.87M", true, false},
            {"Research, ablations and failed runs", 16.73e6, 22.6e6, "+$16.73M", "$22.6M", true, true},
            {"Data and people", 200e6, 222.6e6, "+$200M", "$222.6M", true, true},
            {"Owning the fleet (capex + opex)", 2.55e9, 2.773e9, "+$2.55B", "$2.773B", true, false}};
}

std::vector<Series> decline_series() {
    Series training{"Training, -75%/yr", {}, ""};
    for (int year = 0; year <= 5; ++year) training.points.push_back({double(year), 5.576e6 * std::pow(0.25, year)});
    training.end_text = format_usd(training.points.back().y);
    return {training};
}

const std::vector<std::pair<double, std::string>> kYears = {{0, "0"}, {1, "1"}, {2, "2"}, {3, "3"}, {4, "4"}, {5, "5"}};
const std::vector<std::pair<double, std::string>> kCosts = {{1e3, format_usd(1e3)}, {1e6, format_usd(1e6)}};

}  // namespace

TEST_CASE("a data string <script> reaches every chart as text") {
    const std::string evil = "<script>alert(1)</script>";
    const std::string escaped = "&lt;script&gt;alert(1)&lt;/script&gt;";
    std::vector<Bar> bars = deepseek_bars();
    bars[0].label = evil;
    bars[1].note = evil;
    bars[2].value_text = evil;
    std::vector<Step> steps = ladder_steps();
    steps[0].label = evil;
    steps[1].add_text = evil;
    std::vector<Series> series = decline_series();
    series[0].label = evil;
    const std::vector<std::pair<double, std::string>> ticks = {{0, evil}, {5, "5"}};

    for (const std::string& svg : {bar_chart_log(evil, evil, bars), waterfall(evil, evil, steps, true),
                                   line_chart(evil, evil, series, ticks, kCosts, true)}) {
        CHECK(svg.find("<script") == std::string::npos);
        CHECK(svg.find(escaped) != std::string::npos);
        CHECK(xml_problem(svg) == "");
    }

    SUBCASE("quotes, apostrophes and ampersands too") {
        bars[0].label = "Tom's \"best\" R&D";
        const std::string svg = bar_chart_log("a", "b", bars);
        CHECK(svg.find("Tom&#39;s &quot;best&quot; R&amp;D") != std::string::npos);
        CHECK(xml_problem(svg) == "");
    }
    SUBCASE("control characters and broken UTF-8 cannot break the XML") {
        bars[0].label = std::string("nul\x01\x1b here \xff\xfe and \xe2\x82");
        const std::string svg = bar_chart_log("a", "b", bars);
        CHECK(svg.find('\x01') == std::string::npos);
        CHECK(svg.find('\x1b') == std::string::npos);
        CHECK(svg.find('\xff') == std::string::npos);
        CHECK(svg.find("\xEF\xBF\xBD") != std::string::npos);  // U+FFFD stands in
        CHECK(xml_problem(svg) == "");
    }
}

TEST_CASE("a row links to its href, but never to a script URL") {
    std::vector<Bar> bars = deepseek_bars();
    bars[0].href = "java\tscript:alert(1)";
    bars[2].href = " JavaScript:alert(1)";
    const std::string svg = bar_chart_log("Costs", "", bars);
    CHECK(lower(svg).find("script:") == std::string::npos);
    const std::vector<Attrs> links = elements(svg, "a");
    REQUIRE(links.size() == 1);
    CHECK(links[0].at("href") == "/models/deepseek-v3/");
    CHECK(xml_problem(svg) == "");
}

TEST_CASE("equal input gives byte-identical output") {
    CHECK(bar_chart_log("Costs", "d", deepseek_bars()) == bar_chart_log("Costs", "d", deepseek_bars()));
    CHECK(waterfall("Ladder", "d", ladder_steps(), true) == waterfall("Ladder", "d", ladder_steps(), true));
    CHECK(line_chart("Decline", "d", decline_series(), kYears, kCosts, true) ==
          line_chart("Decline", "d", decline_series(), kYears, kCosts, true));
}

TEST_CASE("on the log axis a value ten times larger ends one decade further") {
    std::vector<Bar> bars;
    for (const double usd : {1e3, 1e4, 1e5, 1e6}) bars.push_back({format_usd(usd), usd, format_usd(usd), "", "", false, 0});
    const std::string svg = bar_chart_log("Decades", "", bars);
    std::vector<double> ends;
    for (const Attrs& r : elements(svg, "rect"))
        if (has_class(r, "cb-bar")) ends.push_back(num(r, "x") + num(r, "width"));
    REQUIRE(ends.size() == 4);
    const double decade = ends[1] - ends[0];
    CHECK(decade > 20);
    CHECK(ends[2] - ends[1] == doctest::Approx(decade).epsilon(0.01));
    CHECK(ends[3] - ends[2] == doctest::Approx(decade).epsilon(0.01));

    SUBCASE("and the decade gridlines are that far apart") {
        std::vector<double> grid;
        for (const Attrs& l : elements(svg, "line"))
            if (has_class(l, "cb-grid")) grid.push_back(num(l, "x1"));
        REQUIRE(grid.size() >= 2);
        CHECK(grid[1] - grid[0] == doctest::Approx(decade).epsilon(0.01));
    }
    SUBCASE("a range extends the bar from its low value to its high one") {
        bars = {{"Claude 3.5 Sonnet", 20e6, format_usd(20e6) + "\xE2\x80\x93" + format_usd(50e6), "", "", false, 50e6},
                {"DeepSeek-V3", 5.576e6, format_usd(5.576e6), "", "", false, 0}};
        const std::string ranged = bar_chart_log("Range", "", bars);
        int extensions = 0;
        for (const Attrs& r : elements(ranged, "rect"))
            if (has_class(r, "cb-range")) ++extensions;
        CHECK(extensions == 1);
        CHECK(ranged.find("Claude 3.5 Sonnet: $20M\xE2\x80\x93$50M") != std::string::npos);
    }
}

TEST_CASE("a waterfall draws a step that is off as an empty outline, not counted") {
    std::vector<Step> steps = ladder_steps();
    steps[2].on = false;            // research off: it would add $16.73M
    steps[2].total = steps[1].total;
    for (size_t i = 3; i < steps.size(); ++i) steps[i].total -= 16.73e6;
    for (const bool log_scale : {true, false}) {
        CAPTURE(log_scale);
        const std::string svg = waterfall("Ladder", "", steps, log_scale);
        int outlines = 0, filled = 0, hatched = 0;
        for (const Attrs& r : elements(svg, "rect")) {
            outlines += has_class(r, "cb-off");
            filled += has_class(r, "cb-bar");
            hatched += has_class(r, "cb-hatched");
        }
        CHECK(outlines == 1);
        CHECK(filled == 3);
        CHECK(hatched == 1);  // data and people, an assumption that is counted
        CHECK(svg.find(">not counted</text>") != std::string::npos);
        CHECK(svg.find("<title>Research, ablations and failed runs: not counted (would add +$16.73M) (assumption)</title>") !=
              std::string::npos);
        CHECK(xml_problem(svg) == "");
    }

    SUBCASE("assumptions are hatched with the chart's own pattern and say so") {
        const std::string svg = waterfall("Ladder", "", ladder_steps(), true);
        const std::string id = elements(svg, "svg")[0].at("aria-labelledby").substr(0, 11);
        CHECK(svg.find("<pattern id=\"" + id + "-hatch\"") != std::string::npos);
        CHECK(svg.find("fill=\"url(#" + id + "-hatch)\"") != std::string::npos);
        CHECK(svg.find("+$16.73M \xC2\xB7 assumption") != std::string::npos);
    }
    SUBCASE("a step that lowers the total is drawn as a decrease") {
        steps = ladder_steps();
        steps[4] = {"Owning the fleet (capex + opex)", -7.6e6, 15e6, format_usd(-7.6e6), format_usd(15e6), true, false};
        const std::string svg = waterfall("Smaller fleet", "", steps, false);
        CHECK(svg.find("class=\"cb-bar cb-down\"") != std::string::npos);
        CHECK(svg.find("<title>Owning the fleet (capex + opex): -$7.6M, total $15M</title>") != std::string::npos);
    }
}

TEST_CASE("zero, negative and non-finite inputs never print nan or inf") {
    const std::vector<Bar> bars = {{"zero", 0, "$0", "", "", false, 0},
                                   {"below", -5, "-$5", "", "", false, 0},
                                   {"unknown", kNaN, "n/a", "", "", false, kNaN},
                                   {"endless", kInf, "n/a", "", "", false, -kInf}};
    const std::vector<Step> steps = {{"first", 0, 0, "+$0", "$0", true, false},
                                     {"down", -10, -10, "-$10", "-$10", true, true},
                                     {"odd", kNaN, kNaN, "n/a", "n/a", false, false},
                                     {"huge", kInf, kInf, "n/a", "n/a", true, false}};
    const std::vector<Series> series = {{"flat", {{0, 0}, {1, -1}, {kNaN, 3}, {2, kInf}}, "n/a"}, {"empty", {}, ""}};
    const std::vector<std::pair<double, std::string>> bad_ticks = {{kNaN, "a"}, {-1, "b"}, {0, "c"}};
    const std::vector<std::string> svgs = {
        bar_chart_log("t", "d", bars),           bar_chart_log("t", "d", {}),
        waterfall("t", "d", steps, true),        waterfall("t", "d", steps, false), waterfall("t", "d", {}, true),
        line_chart("t", "d", series, bad_ticks, bad_ticks, true),
        line_chart("t", "d", series, bad_ticks, bad_ticks, false), line_chart("t", "d", {}, {}, {}, true)};
    for (const std::string& svg : svgs) {
        const std::string data = lower(without_style(svg));
        CHECK(data.find("nan") == std::string::npos);
        CHECK(data.find("inf") == std::string::npos);
        CHECK(xml_problem(svg) == "");
    }
    SUBCASE("a value a log axis cannot show is marked, and its title says why") {
        CHECK(svgs[0].find("class=\"cb-clamped\"") != std::string::npos);
        CHECK(svgs[0].find("<title>zero: $0 (not drawn to scale: a log axis cannot show zero or less)</title>") !=
              std::string::npos);
        CHECK(svgs[5].find("class=\"cb-clamped\"") != std::string::npos);
    }
}

TEST_CASE("ids come from a hash of the chart, and label the svg") {
    const std::string svg = bar_chart_log("What a model cost", "Log scale.", deepseek_bars());
    const Attrs root = elements(svg, "svg").at(0);
    const std::string labelledby = root.at("aria-labelledby");
    REQUIRE(labelledby.size() == 2 * 11 + std::string("-title -desc").size());
    const std::string id = labelledby.substr(0, 11);
    CHECK(id.rfind("cb-", 0) == 0);
    CHECK(std::all_of(id.begin() + 3, id.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) && !std::isupper(c); }));
    CHECK(labelledby == id + "-title " + id + "-desc");
    CHECK(root.at("role") == "img");
    CHECK(svg.find("<title id=\"" + id + "-title\">What a model cost</title>") != std::string::npos);
    CHECK(svg.find("<desc id=\"" + id + "-desc\">Log scale. DeepSeek-R1: $294K (RL stages).") != std::string::npos);

    SUBCASE("the same chart gets the same id; another title, or the other scale, another") {
        CHECK(bar_chart_log("What a model cost", "Log scale.", {}).find(id) != std::string::npos);
        CHECK(bar_chart_log("What a model did", "Log scale.", deepseek_bars()).find(id) == std::string::npos);
        const std::string log_id = elements(waterfall("Ladder", "", ladder_steps(), true), "svg")[0].at("aria-labelledby");
        const std::string lin_id = elements(waterfall("Ladder", "", ladder_steps(), false), "svg")[0].at("aria-labelledby");
        CHECK(log_id != lin_id);
    }
    SUBCASE("no id repeats inside a chart") {
        const std::string w = waterfall("Ladder", "", ladder_steps(), true);
        std::set<std::string> seen;
        for (size_t at = w.find(" id=\""); at != std::string::npos; at = w.find(" id=\"", at + 1)) {
            const std::string one = w.substr(at + 5, w.find('"', at + 5) - at - 5);
            CHECK(seen.insert(one).second);
        }
        CHECK(seen.size() == 3);  // title, desc, hatch
    }
}

TEST_CASE("every bar and step has a title saying label: value") {
    const std::string bars = bar_chart_log("Costs", "", deepseek_bars());
    CHECK(bars.find("<title>DeepSeek-V3: $5.576M (final run)</title>") != std::string::npos);
    CHECK(bars.find("<title>DeepSeek fleet: $2.573B (4-year TCO)</title>") != std::string::npos);
    const std::string steps = waterfall("Ladder", "", ladder_steps(), true);
    CHECK(steps.find("<title>V3's final training run: +$5.576M, total $5.87M</title>") == std::string::npos);  // escaped '
    CHECK(steps.find("<title>V3&#39;s final training run: +$5.576M, total $5.87M</title>") != std::string::npos);
    const std::string lines = line_chart("Decline", "", decline_series(), kYears, kCosts, true);
    CHECK(lines.find("<title>Training, -75%/yr: $5.445K</title>") != std::string::npos);
}

TEST_CASE("the svg scales: a viewBox, no width or height") {
    for (const std::string& svg : {bar_chart_log("a", "", deepseek_bars()), waterfall("a", "", ladder_steps(), true),
                                   line_chart("a", "", decline_series(), kYears, kCosts, false)}) {
        const Attrs root = elements(svg, "svg").at(0);
        CHECK(root.count("width") == 0);
        CHECK(root.count("height") == 0);
        CHECK(root.at("viewBox").rfind("0 0 480 ", 0) == 0);
        CHECK(xml_problem(svg) == "");
    }
}

TEST_CASE("a long label wraps to two lines, then ends in an ellipsis, the full text in its title") {
    const std::string long_label =
        "A remarkably long model name that could never fit beside its bar on a phone, however small the type";
    std::vector<Bar> bars = deepseek_bars();
    bars[0].label = long_label;
    const std::string svg = bar_chart_log("Costs", "", bars);
    CHECK(svg.find("<title>" + long_label + ": $294K (RL stages)</title>") != std::string::npos);
    const size_t label = svg.find("class=\"cb-label\">");
    REQUIRE(label != std::string::npos);
    const std::string text = svg.substr(label, svg.find("</text>", label) - label);
    size_t tspans = 0;
    for (size_t at = text.find("<tspan"); at != std::string::npos; at = text.find("<tspan", at + 1)) ++tspans;
    CHECK(tspans == 2);
    CHECK(text.find("\xE2\x80\xA6</tspan>") != std::string::npos);
    for (const Attrs& t : elements(svg, "text")) {
        CHECK(num(t, "x") >= 0);
        CHECK(num(t, "x") <= 480);
    }
}

TEST_CASE("the well-formedness check itself catches broken markup") {
    CHECK(xml_problem("<svg><g></svg>") != "");
    CHECK(xml_problem("<svg>a & b</svg>") != "");
    CHECK(xml_problem("<svg><text>1 > 0</text></svg>") != "");
    CHECK(xml_problem("<svg><rect x=\"1\"/><g></g></svg>") == "");
}

TEST_CASE("extreme but finite values still give a well-formed chart") {
    const std::vector<Step> steps = {{"up", 1e308, 1e308, "a", "b", true, false}, {"down", -1e308, -1e308, "c", "d", true, false}};
    const std::vector<Series> series = {{"wide", {{-1e308, -1e308}, {1e308, 1e308}}, "e"}};
    for (const std::string& svg : {waterfall("t", "", steps, false), waterfall("t", "", steps, true),
                                   line_chart("t", "", series, {}, {}, false), line_chart("t", "", series, {}, {}, true)}) {
        const std::string data = lower(without_style(svg));
        CHECK(data.find("nan") == std::string::npos);
        CHECK(data.find("inf") == std::string::npos);
        CHECK(xml_problem(svg) == "");
    }
}
