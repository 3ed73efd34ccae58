// render/charts/text.h: labels wrap onto as many lines as they need, never cut
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "chart_fixture.h"

using namespace chart_fixture;

TEST_CASE("a long label wraps onto the lines it needs, every word shown, the full text also in its title") {
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
    CHECK(tspans > 2);
    CHECK(text.find("\xE2\x80\xA6") == std::string::npos);
    for (const char* word : {"remarkably", "phone,", "however", "type"}) CHECK(text.find(word) != std::string::npos);
    for (const Attrs& t : elements(svg, "text")) {
        CHECK(num(t, "x") >= 0);
        CHECK(num(t, "x") <= 480);
    }
}
