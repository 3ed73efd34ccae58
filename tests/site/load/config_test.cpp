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
                                                       {"http://127.0.0.1:1313/", "http://127.0.0.1:1313/", "/"},
                                                       {"https://[::1]:8080/x", "https://[::1]:8080/x/", "/x/"},
                                                       {"https://example.org/a%20b/", "https://example.org/a%20b/", "/a%20b/"},
                                                       {"/docs", "/docs/", "/docs/"}}) {
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

TEST_CASE("a base URL that is not an absolute http(s) URL or a path is refused, saying what is wrong and what would do") {
    fixture::SiteCopy s(fixture::kMinimal);
    struct Case { const char* url; const char* problem; const char* help; };
    const Case cases[] = {
        // Was a link prefix `/example.org/sub/` and a canonical `example.org/sub/`.
        {"example.org/sub/", "is neither an absolute URL nor a path: it has no scheme", "write https://example.org/sub/ (or, for a path, start it with `/`)"},
        // Were canonicals `https://example.org/sub/?x=1/` and `.../#f/`.
        {"https://example.org/sub/?x=1", "has a query (`?`), which every page's address would then carry", "leave out the query: https://example.org/sub/"},
        {"https://example.org/sub/#f", "has a fragment (`#`), which every page's address would then carry", "leave out the fragment: https://example.org/sub/"},
        // Was `href="/a b/sources/"`: refused, with the encoded form to paste.
        {"https://example.org/a b/", "holds a space, which a URL cannot carry as it is", "percent-encode it: https://example.org/a%20b/"},
        {"https://example.org/caf\xC3\xA9/", "holds a non-ASCII character, which a URL cannot carry as it is", "percent-encode it: https://example.org/caf%C3%A9/"},
        {"https://caf\xC3\xA9.example/", "holds a non-ASCII character, which a URL cannot carry as it is",
         "write the host name in ASCII (a non-ASCII name in its xn-- form)"},
        {"https://example.org/\"x\"/", "holds `\"`, which a URL cannot carry as it is", "percent-encode it: https://example.org/%22x%22/"},
        {"https://example.org/100%/", "holds a `%` without two hex digits after it, which a URL cannot carry as it is", "percent-encode it: https://example.org/100%25/"},
        {"ftp://x/", "is not an http or https URL", "pages are fetched over http or https: write https://x/"},
        {"https:///x/", "has no host name", "write an absolute URL such as https://example.org/ or https://user.github.io/repo/, or a path such as /docs/"},
        {"https://exa_mple.org/", "has no valid host name (`exa_mple.org` is not one)", nullptr},
        {"https://example.org:99999/", "has a port that is not a number from 0 to 65535", nullptr},
        {"https://example.org:/", "has a port that is not a number from 0 to 65535", nullptr},
        {"//example.org/", "has no scheme", "write the scheme too: https://example.org/"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.url);
        Diagnostics flag;   // as --base-url
        CHECK_FALSE(load_config(s.path(), c.url, flag));
        REQUIRE(flag.size() == 1);
        CHECK(flag.list()[0].path == "--base-url");
        CHECK(flag.list()[0].message == std::string("--base-url `") + c.url + "` " + c.problem);
        if (c.help) CHECK(flag.list()[0].help == c.help);
        fixture::SiteCopy t(fixture::kMinimal);   // in site.toml: at its value
        std::string escaped;
        for (const char* p = c.url; *p; ++p) escaped += *p == '"' ? std::string("\\\"") : std::string(1, *p);
        REQUIRE(t.edit("site.toml", "base_url = \"https://example.org/\"", "base_url = \"" + escaped + "\""));
        Diagnostics file;
        CHECK_FALSE(load_config(t.path(), "", file));
        REQUIRE(file.size() == 1);
        CHECK(file.list()[0].path == "site.toml");
        CHECK(file.list()[0].line == 3);
        CHECK(file.list()[0].col == 12);
        CHECK(file.list()[0].message == std::string("base_url `") + c.url + "` " + c.problem);
        if (c.help) CHECK(file.list()[0].help == c.help);
    }
}
