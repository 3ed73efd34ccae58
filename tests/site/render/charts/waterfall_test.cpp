// render/charts/waterfall.h: steps that are off, assumptions, decreases, and titles
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "chart_fixture.h"

using namespace chart_fixture;

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

TEST_CASE("every step has a title saying label: what it adds, and the total") {
    const std::string steps = waterfall("Ladder", "", ladder_steps(), true);
    CHECK(steps.find("<title>V3's final training run: +$5.576M, total $5.87M</title>") == std::string::npos);  // escaped '
    CHECK(steps.find("<title>V3&#39;s final training run: +$5.576M, total $5.87M</title>") != std::string::npos);
}
