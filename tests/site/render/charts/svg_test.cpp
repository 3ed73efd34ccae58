// render/charts/svg.h, through the three charts: escaped, deterministic, well-formed, with ids and a viewBox
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <vector>

#include "chart_fixture.h"

using namespace chart_fixture;

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

TEST_CASE("equal input gives byte-identical output") {
    CHECK(bar_chart_log("Costs", "d", deepseek_bars()) == bar_chart_log("Costs", "d", deepseek_bars()));
    CHECK(waterfall("Ladder", "d", ladder_steps(), true) == waterfall("Ladder", "d", ladder_steps(), true));
    CHECK(line_chart("Decline", "d", decline_series(), kYears, kCosts, true) ==
          line_chart("Decline", "d", decline_series(), kYears, kCosts, true));
}

TEST_CASE("zero, negative and non-finite inputs never print nan or inf") {
    const std::vector<Bar> bars = degenerate_bars();
    const std::vector<Step> steps = degenerate_steps();
    const std::vector<Series> series = degenerate_series();
    const std::vector<std::string> svgs = {
        bar_chart_log("t", "d", bars),           bar_chart_log("t", "d", {}),
        waterfall("t", "d", steps, true),        waterfall("t", "d", steps, false), waterfall("t", "d", {}, true),
        line_chart("t", "d", series, kBadTicks, kBadTicks, true),
        line_chart("t", "d", series, kBadTicks, kBadTicks, false), line_chart("t", "d", {}, {}, {}, true)};
    for (const std::string& svg : svgs) {
        const std::string data = lower(without_style(svg));
        CHECK(data.find("nan") == std::string::npos);
        CHECK(data.find("inf") == std::string::npos);
        CHECK(xml_problem(svg) == "");
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
    // Rows that are links keep the chart a group (an img's children are not reachable); without links, an image.
    CHECK(root.at("role") == "group");
    std::vector<Bar> plain = deepseek_bars();
    for (Bar& b : plain) b.href.clear();
    CHECK(elements(bar_chart_log("What a model cost", "Log scale.", plain), "svg").at(0).at("role") == "img");
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
