// site/load/config.h: site.toml read and checked, and the base path every internal link starts with.
#include <doctest/doctest.h>

#include <string>

#include "../../fixture.h"
#include "../site_fixture.h"
#include "load/config.h"

using namespace costbook::site;

TEST_CASE("site.toml gives the title, language and author, and base_url its base path") {
    fixture::SiteCopy s(fixture::kMinimal);
    Diagnostics d;
    const auto c = load_config(s.path(), "", d);
    REQUIRE_MESSAGE(c, d.size());
    CHECK(c->title == "Minimal");
    CHECK(c->language == "en");
    CHECK(c->author == "costbook tests");
    CHECK(c->base_url == "https://example.org/");
    CHECK(c->base_path == "/");
    SUBCASE("--base-url replaces it, and a sub-path becomes the base path, with its slash") {
        for (const auto& [url, base_url, base_path] : {std::tuple<const char*, const char*, const char*>{
                                                           "https://user.github.io/repo", "https://user.github.io/repo/", "/repo/"},
                                                       {"https://example.org/costs/", "https://example.org/costs/", "/costs/"},
                                                       {"https://example.org", "https://example.org/", "/"},
                                                       {"https://example.org/a/b?x=1", "https://example.org/a/b?x=1/", "/a/b/"}}) {
            CAPTURE(url);
            const auto o = load_config(s.path(), url, d);
            REQUIRE(o);
            CHECK(o->base_url == base_url);
            CHECK(o->base_path == base_path);
        }
        CHECK(d.empty());
    }
    SUBCASE("without a language it is English") {
        REQUIRE(s.edit("site.toml", "language = \"en\"\n", ""));
        CHECK(load_config(s.path(), "", d)->language == "en");
    }
}

TEST_CASE("a folder without site.toml says how to make one") {
    fixture::SiteCopy s(fixture::kMinimal);
    fixture::fs::remove(s.dir / "site.toml");
    Diagnostics d;
    CHECK_FALSE(load_config(s.path(), "", d));
    REQUIRE(d.size() == 1);
    CHECK(d.list()[0].path == "site.toml");
    CHECK(d.list()[0].message == "no site.toml in " + s.path());
    CHECK(d.list()[0].help.find("costbook new DIR") != std::string::npos);
}
