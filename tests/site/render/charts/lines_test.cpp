// render/charts/lines.h: the line chart's titles
#include <doctest/doctest.h>

#include <string>

#include "chart_fixture.h"

using namespace chart_fixture;

TEST_CASE("every series has a title saying label: its end value") {
    const std::string lines = line_chart("Decline", "", decline_series(), kYears, kCosts, true);
    CHECK(lines.find("<title>Training, -75%/yr: $5.445K</title>") != std::string::npos);
}
