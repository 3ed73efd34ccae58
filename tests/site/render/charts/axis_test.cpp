// render/charts/axis.h: drawn to scale, decades on a log axis, and what a log axis cannot show
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "chart_fixture.h"

using namespace chart_fixture;

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
}

TEST_CASE("a value a log axis cannot show is marked, and its title says why") {
    const std::string bars = bar_chart_log("t", "d", degenerate_bars());
    const std::string lines = line_chart("t", "d", degenerate_series(), kBadTicks, kBadTicks, true);
    CHECK(bars.find("class=\"cb-clamped\"") != std::string::npos);
    CHECK(bars.find("<title>zero: $0 (not drawn to scale: a log axis cannot show zero or less)</title>") !=
          std::string::npos);
    CHECK(lines.find("class=\"cb-clamped\"") != std::string::npos);
}
