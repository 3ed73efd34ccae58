// render/charts/tornado.h: what drives a headline's spread, one bar per input around the headline
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "chart_fixture.h"
#include "render/charts/tornado.h"

using namespace chart_fixture;

namespace {
// The default ladder's two widest assumptions (data/ladders/deepseek.toml): research 1x-10x of the
// final run's $5.576M, data and people $100M-$400M, around the $2.8B total that counts every rung.
std::vector<TornadoRow> rows() {
    const double total = 2.8e9, run = 5.576e6;
    return {{"Data and people", "58% of the variance", total - 100e6, total + 200e6,
             format_usd(total - 100e6) + " at " + format_usd(100e6), format_usd(total + 200e6) + " at " + format_usd(400e6)},
            {"Research, ablations and failed runs", "31% of the variance", total - 2 * run, total + 7 * run,
             format_usd(total - 2 * run) + " at 1×", format_usd(total + 7 * run) + " at 10×"}};
}
std::string chart() {
    return tornado_chart("What drives the spread of Total counted", "Total counted $2.8B", 2.8e9, format_usd(2.8e9), rows(), format_usd);
}
std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}
}  // namespace

TEST_CASE("a tornado chart is byte for byte its golden file (COSTBOOK_UPDATE_EXPECTED=1 rewrites it)") {
    const std::string path = COSTBOOK_SOURCE_DIR "/tests/site/render/charts/golden/tornado.svg";
    const std::string svg = chart();
    if (std::getenv("COSTBOOK_UPDATE_EXPECTED")) std::ofstream(path, std::ios::binary) << svg;
    CHECK(svg == read(path));
    CHECK(xml_problem(svg) == "");
}

TEST_CASE("each input is a bar from the headline at its low to at its high, with the headline a line through them") {
    const std::string svg = chart();
    int below = 0, above = 0;
    for (const Attrs& r : elements(svg, "rect")) {
        below += has_class(r, "cb-down");
        above += has_class(r, "cb-bar") && !has_class(r, "cb-down");
    }
    CHECK(below == 2);   // each input's low end lies below the headline ...
    CHECK(above == 2);   // ... and its high end above it
    // Screen readers get every row from <desc> (role="img" hides the drawn text).
    const std::string desc = svg.substr(svg.find("<desc"), svg.find("</desc>") - svg.find("<desc"));
    for (const TornadoRow& r : rows()) {
        CHECK(desc.find(r.label) != std::string::npos);
        CHECK(desc.find(r.low_text) != std::string::npos);
        CHECK(desc.find(r.high_text) != std::string::npos);
    }
    CHECK(desc.find("At every likely value: $2.8B") != std::string::npos);
    CHECK(svg.find("role=\"img\"") != std::string::npos);
}
