// `costbook build`: one summary line on success; every diagnostic then "build failed" and exit 1
// on bad input (tests/site/build_test.cpp runs tests/site/bad/); exit 2 for bad usage.
#include <doctest/doctest.h>

#include <regex>
#include <string>
#include <unistd.h>

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
    // 15 files (with data.json, data.csv, _headers and two calculators' embeds; no social cards, as its templates
    // name no page.image), or 18 with the calculator's three
    CHECK(std::regex_match(r.out, std::regex("built 5 pages, (15 files into \\./public in [0-9]+ ms \\(without the calculator: "
                                             "this costbook was built without Emscripten; pages carry the static results only\\)|"
                                             "18 files into \\./public in [0-9]+ ms)\n")));
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

TEST_CASE("builds of one site at once each leave a complete output") {
    SiteCopy s(fixture::kMinimal);
    REQUIRE(run("build --site " + s.path()).code == 0);
    const std::string expected = fixture::tree(s.dir / "public");
    fs::remove_all(s.dir / "public");
    // Four builds started together: each waits its turn for the output (one staging tree).
    const auto r = fixture::sh("for i in 1 2 3 4; do \"$COSTBOOK\" build --site " + s.path() +
                               " >/dev/null 2>err$i & done; wait; cat err1 err2 err3 err4; echo done", s.path());
    CHECK(r.out == "done\n");
    CHECK(fixture::tree(s.dir / "public") == expected);
}

TEST_CASE("an input the user cannot read is an error, not a page or a stylesheet left out") {
    // As root everything is readable: run the build as `nobody` (setpriv, util-linux).
    if (::geteuid() != 0 || fixture::sh("command -v setpriv").code != 0) {
        MESSAGE("skipped: needs root and setpriv to build as another user");
        return;
    }
    SiteCopy s(fixture::kMinimal);
    fixture::sh("chmod -R a+rwX . && chmod 000 content/about.md static/css/site.css", s.path());
    const auto r = fixture::sh("setpriv --reuid=65534 --regid=65534 --clear-groups \"$COSTBOOK\" build", s.path());
    CHECK(r.code == 1);
    CHECK(r.err.find("content/about.md:1:1: error: cannot read this file: Permission denied") != std::string::npos);
    CHECK_FALSE(fs::exists(s.dir / "public"));
}

TEST_CASE("a folder the user cannot read is an error, not a section left out") {
    if (::geteuid() != 0 || fixture::sh("command -v setpriv").code != 0) {
        MESSAGE("skipped: needs root and setpriv to build as another user");
        return;
    }
    SiteCopy s(fixture::kMinimal);
    REQUIRE(run("build", s.path()).code == 0);
    const std::string before = fixture::tree(s.dir / "public");
    fixture::sh("mkdir -p content/notes static/img && printf '+++\\ntitle = \"N\"\\n+++\\nx\\n' > content/notes/n.md"
                " && touch static/img/a.png && chmod -R a+rwX . && chmod 000 content/notes static/img", s.path());
    const auto r = fixture::sh("setpriv --reuid=65534 --regid=65534 --clear-groups \"$COSTBOOK\" build", s.path());
    fixture::sh("chmod 755 content/notes static/img", s.path());
    CHECK(r.code == 1);
    CHECK(r.err.find("content/notes:1:1: error: cannot read this folder: Permission denied\n") != std::string::npos);
    CHECK(r.err.find("static/img:1:1: error: cannot read this folder: Permission denied\n") != std::string::npos);
    CHECK(r.err.find("help: check its permissions") != std::string::npos);
    CHECK(fixture::tree(s.dir / "public") == before);  // the failed build left the last output as it was
}

TEST_CASE("a --base-url that is not an absolute http(s) URL or a path is a usage error that says what would do") {
    SiteCopy s(fixture::kMinimal);
    const auto r = run("build --site " + s.path() + " --base-url example.org/sub/");
    CHECK(r.code == 2);
    CHECK(r.err == "error: --base-url `example.org/sub/` is neither an absolute URL nor a path: it has no scheme\n"
                   "  = help: write https://example.org/sub/ (or, for a path, start it with `/`)\n");
    CHECK_FALSE(fs::exists(s.dir / "public"));
    const auto space = run("build --site " + s.path() + " --base-url 'https://example.org/a b/'");
    CHECK(space.code == 2);
    CHECK(fixture::has(space.err, "help: percent-encode it: https://example.org/a%20b/"));
    // A good one still builds under its path.
    REQUIRE(run("build --site " + s.path() + " --base-url https://example.org/a%20b/").code == 0);
    CHECK(fixture::has(fixture::read(s.dir / "public/index.html"), "href=\"/a%20b/"));
}

TEST_CASE("an --out inside content/, data/, templates/ or static/ is refused before anything is written") {
    SiteCopy s(fixture::kMinimal);
    const std::string everything = fixture::entries(s.dir, "");
    struct Case { const char* out; const char* message; };
    const Case cases[] = {
        // Each build copied the last output into itself: 31, 64, 97 files, static/out/out/...
        {"static/out", "the output folder is inside the site's static/, which the build reads and copies into the output: each build would copy the last one into itself"},
        {"static", "the output folder is the site's static/, which the build reads and copies into the output: each build would copy the last one into itself"},
        {"content/out", "the output folder is inside the site's content/, which the build reads"},
        {"data/x/y", "the output folder is inside the site's data/, which the build reads"},
        {"templates/out", "the output folder is inside the site's templates/, which the build reads"},
        {"static/../static/out/", "the output folder is inside the site's static/, which the build reads and copies into the output: each build would copy the last one into itself"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.out);
        for (int twice = 0; twice < 2; ++twice) {
            const auto r = run("build --out " + std::string(c.out), s.path());
            CHECK(r.code == 1);
            CHECK(fixture::first_line(r.err) == std::string(c.out) + ":1:1: error: " + c.message);
            CHECK(fixture::has(r.err, "help: pass --out a folder outside content/, data/, templates/ and static/ (without --out: ./public)"));
            CHECK(fixture::has(r.err, "error: build failed; nothing was written"));
            CHECK(fixture::entries(s.dir, "") == everything);
        }
    }
    // Through a symlink to static/ too, and the site folder itself.
    fs::create_directory_symlink(s.dir / "static", s.dir.parent_path() / (s.dir.filename().string() + "-static"));
    const std::string link = (s.dir.parent_path() / (s.dir.filename().string() + "-static") / "out").string();
    const auto r = run("build --site " + s.path() + " --out " + link, "/");
    fs::remove(s.dir.parent_path() / (s.dir.filename().string() + "-static"));
    CHECK(r.code == 1);
    CHECK(fixture::first_line(r.err).rfind(link + ":1:1: error: the output folder is inside the site's static/", 0) == 0);
    CHECK(fixture::first_line(run("build --out .", s.path()).err) == ".:1:1: error: the output folder is the site folder itself");
    CHECK(fixture::entries(s.dir, "") == everything);
    // Beside the sources it builds, as before.
    CHECK(run("build --out public-two", s.path()).code == 0);
}
