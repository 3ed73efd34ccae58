// render/charts/bars.h: the log bar chart's ranges and titles
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "chart_fixture.h"

using namespace chart_fixture;

TEST_CASE("a range extends the bar from its low value to its high one") {
    const std::vector<Bar> bars = {{"Claude 3.5 Sonnet", 20e6, format_usd(20e6) + "\xE2\x80\x93" + format_usd(50e6), "", "", false, 50e6},
                                   {"DeepSeek-V3", 5.576e6, format_usd(5.576e6), "", "", false, 0}};
    const std::string ranged = bar_chart_log("Range", "", bars);
    int extensions = 0;
    for (const Attrs& r : elements(ranged, "rect"))
        if (has_class(r, "cb-range")) ++extensions;
    CHECK(extensions == 1);
    CHECK(ranged.find("Claude 3.5 Sonnet: $20M\xE2\x80\x93$50M") != std::string::npos);
}

TEST_CASE("every bar has a title saying label: value (what it counts)") {
    const std::string bars = bar_chart_log("Costs", "", deepseek_bars());
    CHECK(bars.find("<title>DeepSeek-V3: $5.576M (final run)</title>") != std::string::npos);
    CHECK(bars.find("<title>DeepSeek fleet: $2.573B (4-year TCO)</title>") != std::string::npos);
}

TEST_CASE("a hatched bar is filled with the hatch pattern and says it is costbook's reading") {
    Bar reading{"Claude 3.5 Sonnet", 20e6, format_usd(20e6), "tens of millions", "", true, 50e6};
    reading.hatched = true;
    const std::vector<Bar> bars = {reading, {"DeepSeek-V3", 5.576e6, format_usd(5.576e6), "", "", false, 0}};
    const std::string svg = bar_chart_log("Readings", "", bars);
    CHECK(svg.find("<pattern id=\"") != std::string::npos);
    int hatched = 0;
    for (const Attrs& r : elements(svg, "rect"))
        if (has_class(r, "cb-hatched")) ++hatched;
    CHECK(hatched == 2);   // the bar and its range's extension
    CHECK(svg.find("Claude 3.5 Sonnet: $20M (tens of millions) (costbook") != std::string::npos);
    SUBCASE("a chart with no hatched bar defines no pattern") {
        const std::string plain = bar_chart_log("Plain", "", {bars[1]});
        CHECK(plain.find("<pattern") == std::string::npos);
    }
}
