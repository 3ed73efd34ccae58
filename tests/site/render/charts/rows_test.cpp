// render/charts/rows.h: a row of a horizontal chart is a link, or a group, with its title
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "chart_fixture.h"

using namespace chart_fixture;

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
