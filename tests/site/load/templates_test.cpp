// site/load/templates.h: every template compiled once, and the partials each names checked
// before anything renders.
#include <doctest/doctest.h>

#include <string>

#include "../../fixture.h"
#include "../site_fixture.h"
#include "load/templates.h"

using namespace costbook::site;

TEST_CASE("layouts and partials are compiled by name, and render") {
    fixture::SiteCopy s(fixture::kMinimal);
    Diagnostics d;
    const auto t = load_templates(s.path(), d);
    REQUIRE_MESSAGE(t, d.size());
    CHECK(t->has("page"));
    CHECK_FALSE(t->has("model"));
    CHECK(t->partials.size() == 3);
    CHECK(t->partials.count("footer") == 1);
    const auto ctx = mustache::Value::map({{"generator", "costbook"}, {"site", mustache::Value::map({{"base_path", "/x/"}})}});
    CHECK(t->partials.at("footer").render(ctx) ==
          "<footer>\n<p>Built with costbook from <a href=\"/x/sources/\">sourced data</a>.</p>\n</footer>\n");
}

TEST_CASE("a partial a page uses that includes itself, through others, is refused before rendering") {
    fixture::SiteCopy s(fixture::kMinimal);
    REQUIRE(s.edit("templates/partials/footer.mustache", "</footer>", "</footer>{{> a}}"));
    fixture::write(s.dir / "templates/partials/a.mustache", "{{> b}}");
    fixture::write(s.dir / "templates/partials/b.mustache", "{{#x}}{{> a}}{{/x}}");
    Diagnostics d;
    CHECK_FALSE(load_templates(s.path(), d));
    REQUIRE(d.size() == 1);
    // At the tag that closes the cycle: b's `{{> a}}`.
    CHECK(d.list()[0].path == "templates/partials/b.mustache");
    CHECK(d.list()[0].line == 1);
    CHECK(d.list()[0].col == 7);
    CHECK(d.list()[0].message == "partial `a` includes itself");
    CHECK(d.list()[0].note == "through footer > a > b > a");
}

TEST_CASE("a site without templates/page.mustache is told how to get one") {
    fixture::SiteCopy s(fixture::kMinimal);
    fixture::fs::remove(s.dir / "templates/page.mustache");
    Diagnostics d;
    CHECK_FALSE(load_templates(s.path(), d));
    REQUIRE(d.size() == 1);
    CHECK(d.list()[0].message == "missing the page template");
}
