// site/cmd/report.h: what the verbs share — a site's data loaded, or every reason it was not,
// and one shape for a command-line error.
#include <doctest/doctest.h>

#include <string>

#include "../../fixture.h"
#include "../site_fixture.h"

using fixture::run;
using fixture::Run;

TEST_CASE("a site with broken data exits 1 with file:line:col") {
    const Run r = run("calc --site /nonexistent-costbook-site");
    CHECK(r.code == 1);
    CHECK(r.err.find("error: no data folder here") != std::string::npos);
}

TEST_CASE("a site whose data is broken: every problem at file:line:col, exit 1, from any verb that reads data") {
    fixture::SiteCopy s(fixture::kMinimal, fixture::kFixtures / "bad/data-two-problems");
    std::string expected = fixture::read(fixture::kFixtures / "bad/data-two-problems/expected.txt");
    expected.resize(expected.rfind("error: build failed;"));   // the build's own last line
    for (const char* verb : {"calc", "estimate --runs"}) {
        CAPTURE(verb);
        const Run r = run(std::string(verb), s.path());
        CHECK(r.code == 1);
        CHECK(r.err == expected);
        CHECK(r.out.empty());
    }
}
