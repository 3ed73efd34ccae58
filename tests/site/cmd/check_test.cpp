// `costbook check`: the site rendered in memory, then every broken link reported at its
// file:line:col, and exit 1.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "../../fixture.h"
#include "../site_fixture.h"

using fixture::run;
using fixture::SiteCopy;

TEST_CASE("check finds every link and anchor of the default site resolving") {
    SiteCopy s;
    const auto c = run("check --site " + s.path());
    CHECK_MESSAGE(c.code == 0, c.err);
    CHECK(c.out.rfind("checked ", 0) == 0);
    CHECK(c.out.find(" internal links and anchors resolve, every figure has a source, every derived figure says what it is "
                     "derived from, every cited source has a URL, every price has its dates\n") != std::string::npos);
    CHECK_FALSE(fixture::fs::exists(s.dir / "public"));   // nothing written
}

TEST_CASE("check reports every broken link and anchor where it is written, then exits 1") {
    SiteCopy s(fixture::kMinimal);
    const std::string line = "See [gone](/nowhere/) and [here](#no-such-anchor).";
    fixture::write(s.dir / "content/about.md", "+++\ntitle = \"About\"\n+++\n\n" + line + "\n");
    const auto c = run("check", s.path());
    CHECK(c.code == 1);
    const std::string gone = std::to_string(line.find("/nowhere/") + 1), here = std::to_string(line.find("#no-such") + 1);
    CHECK(c.err == "content/about.md:5:" + gone + ": error: link `/nowhere/` goes nowhere: no nowhere/index.html in the output\n"
                   "  |\n"
                   "5 | " + line + "\n"
                   "  | " + std::string(line.find("/nowhere/"), ' ') + "^^^^^^^^^\n"
                   "  |\n"
                   "  = help: fix the path, or add the page it points to\n"
                   "content/about.md:5:" + here + ": error: link `#no-such-anchor`: no `#no-such-anchor` on about/index.html\n"
                   "  |\n"
                   "5 | " + line + "\n"
                   "  | " + std::string(line.find("#no-such"), ' ') + "^^^^^^^^^^^^^^^\n"
                   "  |\n"
                   "  = help: headings get ids from their text: `## What is counted` is #what-is-counted\n"
                   "error: 2 problems found\n");
}

TEST_CASE("check follows links as a browser does: ../, %XX, ?query and a calculator's share link") {
    SiteCopy s(fixture::kMinimal);
    fixture::write(s.dir / "content/notes/a.md", "+++\ntitle = \"A\"\n+++\n"
                   "[up](../../) [query](/?x=1) [share](/#calc-0:rate=2) [encoded](/caf%C3%A9/) [back](../../about/)\n");
    fixture::write(s.dir / "content/café/index.md", "+++\ntitle = \"C\"\n+++\nHi.\n");
    auto r = run("check --site " + s.path());
    CHECK_MESSAGE(r.code == 0, r.err);
    fixture::write(s.dir / "content/notes/b.md", "+++\ntitle = \"B\"\n+++\n[gone](../nowhere/)\n");
    r = run("check --site " + s.path());
    CHECK(r.code == 1);
    CHECK(r.err.find("content/notes/b.md:4:8: error: link `../nowhere/` goes nowhere: no notes/nowhere/index.html in the output") !=
          std::string::npos);
}

TEST_CASE("check fails on the data behind a figure: a derived figure with no reason, a source without a URL, an undated price") {
    SiteCopy s(fixture::kMinimal);
    // The minimal site passes; then each rule is broken once, in the files a writer would edit.
    REQUIRE(run("check --site " + s.path()).code == 0);
    const std::string facts = fixture::read(s.dir / "data/facts.toml") +
                              "\n[[fact]]\nid = \"doubled\"\nvalue = 2000\nunit = \"gpu_hours\"\nsource = \"derived\"\n";
    fixture::write(s.dir / "data/facts.toml", facts);
    std::string sources = fixture::read(s.dir / "data/sources.toml");
    sources.replace(sources.find("url = \"https://example.org/tiny-report\"\n"), 39, "");
    sources += "\n[[source]]\nid = \"derived\"\ntitle = \"Arithmetic\"\nkind = \"derived\"\ncovers = \"sums\"\n";
    fixture::write(s.dir / "data/sources.toml", sources);
    std::string prices = fixture::read(s.dir / "data/prices/api.toml");
    prices.replace(prices.find("as_of = 2025-06-01\n"), 19, "");
    fixture::write(s.dir / "data/prices/api.toml", prices);
    const auto c = run("check", s.path());
    CHECK(c.code == 1);
    const int derived_line = static_cast<int>(std::count(facts.begin(), facts.end(), '\n'));   // `source = "derived"`, the last line
    CHECK(c.err.find("data/facts.toml:" + std::to_string(derived_line) + ":10: error: a figure marked derived does not say what it is derived from\n") !=
          std::string::npos);
    CHECK(c.err.find("data/sources.toml:1:1: error: source `tiny-report` is cited but has no `url`\n") != std::string::npos);
    CHECK(c.err.find("= note: first cited at data/") != std::string::npos);
    CHECK(c.err.find("data/prices/api.toml:1:1: error: price `tiny-api` has neither `until` nor `as_of`\n") != std::string::npos);
    CHECK(c.err.find("error: 3 problems found\n") != std::string::npos);
    CHECK_FALSE(fixture::fs::exists(s.dir / "public"));
}

TEST_CASE("check's --base-url is checked as build's is: a usage error that says what would do") {
    fixture::SiteCopy s(fixture::kMinimal);
    const auto r = fixture::run("check --site " + s.path() + " --base-url example.org/sub/");
    CHECK(r.code == 2);
    CHECK(r.err == "error: --base-url `example.org/sub/` is neither an absolute URL nor a path: it has no scheme\n"
                   "  = help: write https://example.org/sub/ (or, for a path, start it with `/`)\n");
}
