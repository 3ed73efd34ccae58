// `costbook build`: one summary line on success; every diagnostic then "build failed" and exit 1
// on bad input (tests/site/build_test.cpp runs tests/site/bad/); exit 2 for bad usage.
#include <doctest/doctest.h>

#include <regex>
#include <string>

#include "../../fixture.h"
#include "../site_fixture.h"

using fixture::run;
using fixture::SiteCopy;
namespace fs = std::filesystem;

TEST_CASE("a build prints one line: pages, files, where and how long") {
    SiteCopy s(fixture::kMinimal);
    const auto r = run("build", s.path());
    REQUIRE(r.code == 0);
    CHECK(r.err.empty());
    // 10 files, or 13 with the calculator's three
    CHECK(std::regex_match(r.out, std::regex("built 5 pages, (10 files into \\./public in [0-9]+ ms \\(without the calculator: "
                                             "this costbook was built without Emscripten; pages carry the static results only\\)|"
                                             "13 files into \\./public in [0-9]+ ms)\n")));
    const auto elsewhere = run("build --site " + s.path() + " --out " + (s.dir / "out").string(), "/");
    CHECK(elsewhere.out.find(" files into " + (s.dir / "out").string() + " in ") != std::string::npos);
}

TEST_CASE("a SOURCE_DATE_EPOCH that is not a whole number of seconds is a usage error") {
    for (const char* bad : {"x", "-1", "1.5", "", " 1700000000", "1e9", "99999999999999999999"}) {
        SUBCASE(bad) {
            SiteCopy s;
            const auto r = fixture::sh(std::string("SOURCE_DATE_EPOCH='") + bad + "' \"$COSTBOOK\" build --site " + s.path());
            CHECK(r.code == 2);
            CHECK(fixture::first_line(r.err) == std::string("error: SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, got \"") + bad + "\"");
            CHECK_FALSE(fs::exists(s.dir / "public"));
        }
    }
}
