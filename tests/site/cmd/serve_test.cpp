// `costbook serve` as a command: a port in use is a usage error that names it (exit 2); an --out a
// build would refuse is refused before anything listens (exit 1).
#include <doctest/doctest.h>

#include <fstream>
#include <string>

#include "../../fixture.h"
#include "../serve/serve_fixture.h"
#include "../site_fixture.h"

using namespace serve_fixture;

TEST_CASE("a port in use is a usage error that names the port") {
    TempSite t;
    Server first(t);
    REQUIRE(first.started());
    TempSite t2;
    Server second(t2, std::to_string(first.port));
    REQUIRE(second.exited(10s));
    CHECK(second.status == 2);
    CHECK(slurp(second.err_file).find("port " + std::to_string(first.port) + " is in use") != std::string::npos);
    CHECK(raw(first.port, "GET /").status == 200);
}

TEST_CASE("serve --out refuses, and serves nothing from, a folder a build would refuse") {
    TempSite t;
    const fs::path other = t.root / "other";
    fs::create_directories(other);
    std::ofstream(other / "b.html") << "not the site's\n";
    struct Case { std::string out, first_line; };
    const Case cases[] = {
        // It used to refuse to build, then serve this folder's /b.html with 200.
        {other.string(), other.string() + ":1:1: error: refusing to replace a folder that costbook did not build: it would be lost"},
        {(t.site / "static/out").string(), (t.site / "static/out").string() +
             ":1:1: error: the output folder is inside the site's static/, which the build reads and copies into the output: each build would copy the last one into itself"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.out);
        const auto r = fixture::sh("timeout 10 \"$COSTBOOK\" serve --port 0 --site " + t.site.string() + " --out " + c.out);
        CHECK(r.code == 1);
        CHECK(r.out.empty());   // no "serving ..." line: nothing listened
        CHECK(fixture::first_line(r.err) == c.first_line);
        CHECK(fixture::has(r.err, "error: not serving: " + c.out + " was left as it was"));
    }
    CHECK(slurp(other / "b.html") == "not the site's\n");
    CHECK_FALSE(fs::exists(t.site / "static/out"));
}
